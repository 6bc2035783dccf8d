import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { own } from '../core';
import { compiledFor, editorStore, linkKey, registryFor, useEditor } from '../store';
import { describeValue } from './format';

/** The canvas edges: one per link, labelled with what it carries (a shape for tensors and data). */
export function useCanvasEdges(): Edge[] {
  const blocks = useEditor((s) => s.doc.blocks);
  const links = useEditor((s) => s.doc.links);
  const selected = useEditor((s) => s.selectedLinks);
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const compiled = compiledFor(editorStore.getState().doc);
    const types = new Map(blocks.map((b) => [b.id, b.type]));
    const chosen = new Set(selected);
    return links.map((l, i) => {
      const def = registryFor(editorStore.getState().doc).get(types.get(l.from.block) ?? '');
      const kind = own(def?.outputs, l.from.port)?.kind ?? 'unknown';
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
        // React Flow's own words for a link are English ("Edge from a to b"): say it in the interface's language.
        ariaLabel: t('flow_edge_label', { from: l.from.block, to: l.to.block }),
        domAttributes: { 'aria-roledescription': t('flow_edge_role') },
        ...(label && (kind === 'tensor' || kind === 'dataset' || kind === 'model') ? { label, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 4 } : {}),
      } satisfies Edge;
    });
  }, [blocks, links, selected, t, lang]);
}
