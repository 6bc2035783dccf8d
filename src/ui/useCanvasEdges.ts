import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { compiledFor, editorStore, linkKey, registryFor, useEditor } from '../store';
import { describeValue } from './format';

/** The canvas edges: one per link, labelled with what it carries (a shape for tensors and data). */
export function useCanvasEdges(): Edge[] {
  const blocks = useEditor((s) => s.doc.blocks);
  const links = useEditor((s) => s.doc.links);
  const selected = useEditor((s) => s.selectedLinks);
  return useMemo(() => {
    const compiled = compiledFor(editorStore.getState().doc);
    const types = new Map(blocks.map((b) => [b.id, b.type]));
    const chosen = new Set(selected);
    return links.map((l, i) => {
      const kind = registryFor(editorStore.getState().doc).get(types.get(l.from.block) ?? '')?.outputs[l.from.port]?.kind ?? 'unknown';
      const value = compiled.links[i];
      const id = linkKey(l);
      const label = describeValue(value);
      return {
        id,
        source: l.from.block,
        sourceHandle: l.from.port,
        target: l.to.block,
        targetHandle: l.to.port,
        className: `link link-${kind}${value ? '' : ' link-unknown'}`,
        selected: chosen.has(id),
        ...(label && (kind === 'tensor' || kind === 'dataset' || kind === 'model') ? { label, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 4 } : {}),
      } satisfies Edge;
    });
  }, [blocks, links, selected]);
}
