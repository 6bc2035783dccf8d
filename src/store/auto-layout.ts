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
      // A long chain of layers wraps into rows instead of one strip too wide to read. MULTI_EDGE, since a
      // U-Net's skip connections cross every cut: SINGLE_EDGE finds no cut there and lays it out as one line.
      ...(doc.blocks.length > WRAP_AFTER ? { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': '1.6' } : {}),
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

/** A block's place and size. */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space between the opened blocks and the neighbours pushed aside. */
const PUSH_GAP = 60;

/**
 * The layout after a composite block is opened into `opened` (the ids of its blocks in `doc`): they are
 * laid out among themselves (elkjs, wrapped into rows when long) in the place the composite had, its
 * top-left corner at `origin`; blocks right of the composite's middle move right, and blocks below it
 * move down, by as much as the opened blocks need beyond the composite's own size, so nothing overlaps.
 * Sizes default to the layout's guess.
 */
export async function openedLayout(
  doc: PipelineDocument,
  opened: readonly string[],
  composite: Rect,
  sizes: Readonly<Record<string, { width: number; height: number }>> = {},
): Promise<Record<string, XY>> {
  const inside = new Set(opened);
  const sub: PipelineDocument = { ...doc, blocks: doc.blocks.filter((b) => inside.has(b.id)), links: doc.links.filter((l) => inside.has(l.from.block) && inside.has(l.to.block)) };
  const raw = await layoutPositions(sub, sizes);
  // ELK pads its graph: start the opened blocks exactly at the composite's corner.
  const minX = Math.min(...Object.values(raw).map((p) => p.x));
  const minY = Math.min(...Object.values(raw).map((p) => p.y));
  const local: Record<string, XY> = Object.fromEntries(Object.entries(raw).map(([id, p]) => [id, { x: p.x - minX, y: p.y - minY }]));
  const size = (id: string) => sizes[id] ?? LAYOUT_BLOCK;
  const width = Math.max(...opened.map((id) => (local[id]?.x ?? 0) + size(id).width));
  const height = Math.max(...opened.map((id) => (local[id]?.y ?? 0) + size(id).height));
  const dx = Math.max(0, width - composite.width + PUSH_GAP);
  const dy = Math.max(0, height - composite.height + PUSH_GAP);
  const middle = composite.x + composite.width / 2;
  const out: Record<string, XY> = {};
  for (const [id, p] of Object.entries(doc.layout)) {
    if (inside.has(id)) continue;
    if (p.x >= middle) out[id] = { x: p.x + dx, y: p.y };
    else if (p.y >= composite.y + composite.height / 2 && p.x + size(id).width > composite.x) out[id] = { x: p.x, y: p.y + dy };
    else out[id] = p;
  }
  for (const id of opened) out[id] = { x: composite.x + (local[id]?.x ?? 0), y: composite.y + (local[id]?.y ?? 0) };
  return out;
}
