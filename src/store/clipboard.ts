import { z } from 'zod';
import { BlockSchema, LinkSchema, own, PositionSchema, type BlockInstance, type Link, type PipelineDocument } from '../core';
import type { Edit, XY } from './edits';
import { newBlockId } from './ids';

/**
 * What copy puts on the clipboard: the chosen blocks, the links between them and their layout.
 * It is JSON text, so it travels between documents, tabs and other programs.
 */
export const FragmentSchema = z.strictObject({
  format: z.literal('jimu.fragment'),
  version: z.literal(1),
  blocks: z.array(BlockSchema),
  links: z.array(LinkSchema),
  layout: z.record(z.string(), PositionSchema),
});
export type Fragment = z.output<typeof FragmentSchema>;

/** The fragment for the given blocks; links leaving the selection are left out. */
export function copyFragment(doc: PipelineDocument, ids: readonly string[]): Fragment | null {
  const chosen = new Set(ids);
  const blocks = doc.blocks.filter((b) => chosen.has(b.id));
  if (blocks.length === 0) return null;
  const links = doc.links.filter((l) => chosen.has(l.from.block) && chosen.has(l.to.block));
  const layout: Record<string, XY> = {};
  for (const b of blocks) layout[b.id] = own(doc.layout, b.id) ?? { x: 0, y: 0 };
  return { format: 'jimu.fragment', version: 1, blocks, links, layout };
}

/** Reads a fragment from clipboard text; null for anything else. */
export function parseFragment(text: string): Fragment | null {
  try {
    const r = FragmentSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * The edit that pastes a fragment into a document: every block gets an id that is free in the
 * document, links are renamed to match, and everything moves by `offset`.
 */
export function pasteEdit(doc: PipelineDocument, fragment: Fragment, offset: XY): { edit: Extract<Edit, { type: 'insert' }>; ids: string[] } {
  const taken = new Set(doc.blocks.map((b) => b.id));
  const rename = new Map<string, string>();
  const blocks: BlockInstance[] = fragment.blocks.map((b) => {
    const id = newBlockId(b.type, taken);
    taken.add(id);
    rename.set(b.id, id);
    return { ...b, id, params: structuredClone(b.params) };
  });
  const links: Link[] = fragment.links
    .filter((l) => rename.has(l.from.block) && rename.has(l.to.block))
    .map((l) => ({ from: { block: rename.get(l.from.block)!, port: l.from.port }, to: { block: rename.get(l.to.block)!, port: l.to.port } }));
  const layout: Record<string, XY> = {};
  for (const b of fragment.blocks) {
    const p = own(fragment.layout, b.id) ?? { x: 0, y: 0 };
    layout[rename.get(b.id)!] = { x: Math.round(p.x + offset.x), y: Math.round(p.y + offset.y) };
  }
  return { edit: { type: 'insert', blocks, links, layout }, ids: blocks.map((b) => b.id) };
}
