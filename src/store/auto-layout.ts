import type { ELK as ElkApi } from 'elkjs/lib/elk-api';
import type { PipelineDocument } from '../core';
import type { XY } from './edits';

/** The size the layout assumes for a block (the canvas measures real ones; these are close). */
export const LAYOUT_BLOCK = { width: 220, height: 110 };

/** Pipelines with more blocks than this are wrapped into rows. */
const WRAP_AFTER = 8;

let elk: ElkApi | null = null;

/**
 * Positions for every block, left to right in the direction data flows (elkjs' layered layout).
 * Pure apart from running ELK; the caller applies the result as one `move` edit.
 */
export async function layoutPositions(doc: PipelineDocument, sizes: Readonly<Record<string, { width: number; height: number }>> = {}): Promise<Record<string, XY>> {
  // elkjs is large: load it the first time a layout is asked for, not with the page.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default();
  const ids = new Set(doc.blocks.map((b) => b.id));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // A long chain of layers wraps into rows instead of one strip too wide to read.
      ...(doc.blocks.length > WRAP_AFTER ? { 'elk.layered.wrapping.strategy': 'SINGLE_EDGE', 'elk.aspectRatio': '1.6' } : {}),
    },
    children: doc.blocks.map((b) => ({ id: b.id, ...(sizes[b.id] ?? LAYOUT_BLOCK) })),
    edges: doc.links
      .filter((l) => ids.has(l.from.block) && ids.has(l.to.block) && l.from.block !== l.to.block)
      .map((l, i) => ({ id: `e${i}`, sources: [l.from.block], targets: [l.to.block] })),
  });
  const out: Record<string, XY> = {};
  for (const c of graph.children ?? []) out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return out;
}
