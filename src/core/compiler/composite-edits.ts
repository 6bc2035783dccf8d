import type { Registry } from './registry';
import { withDocumentComposites } from './document-composites';
import { versionField } from '../block-migrations';
import { own } from '../own';
import type { CompositeDef, Link, PipelineDocument, PortRef } from '../document/schema';

export type EditResult = { doc: PipelineDocument; block?: string } | { error: string };

const key = (r: PortRef) => `${r.block}.${r.port}`;

function freshId(doc: PipelineDocument, base: string): string {
  const ids = new Set(doc.blocks.map((b) => b.id));
  for (let i = 1; ; i++) if (!ids.has(`${base}${i}`)) return `${base}${i}`;
}

/** A type name for a new composite that neither the library nor the document uses yet. */
export function freshCompositeName(doc: PipelineDocument, registry: Registry, base = 'MyBlock'): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '') || 'MyBlock';
  const taken = (n: string) => registry.has(n) || n in doc.composites;
  if (!taken(clean)) return clean;
  for (let i = 2; ; i++) if (!taken(`${clean}${i}`)) return `${clean}${i}`;
}

/**
 * Turns the selected blocks into a new composite block made in this document, and puts one block of
 * that type in their place. Links entering the selection become the composite's inputs (one per
 * outside source), links leaving it its outputs (one per inside source).
 */
export function groupIntoComposite(doc: PipelineDocument, ids: readonly string[], registry: Registry, label = 'My block'): EditResult {
  const chosen = new Set(ids);
  const blocks = doc.blocks.filter((b) => chosen.has(b.id));
  if (blocks.length === 0) return { error: 'Select the blocks to group first.' };
  const type = freshCompositeName(doc, registry, label.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()));
  const internal: Link[] = [];
  const inputs: Record<string, PortRef[]> = {};
  const outputs: Record<string, PortRef> = {};
  const inName = new Map<string, string>();
  const outName = new Map<string, string>();
  const name = (map: Map<string, string>, k: string, base: string) => {
    if (!map.has(k)) map.set(k, map.size === 0 ? base : `${base}${map.size + 1}`);
    return map.get(k)!;
  };
  const id = freshId(doc, 'group');
  const links: Link[] = [];
  for (const l of doc.links) {
    const fromIn = chosen.has(l.from.block);
    const toIn = chosen.has(l.to.block);
    if (fromIn && toIn) internal.push(l);
    else if (toIn) {
      const port = name(inName, key(l.from), 'in');
      const targets = (inputs[port] ??= []);
      if (!targets.some((r) => key(r) === key(l.to))) targets.push(l.to);
      links.push({ from: l.from, to: { block: id, port } });
    } else if (fromIn) {
      const port = name(outName, key(l.from), 'out');
      outputs[port] = l.from;
      links.push({ from: { block: id, port }, to: l.to });
    } else links.push(l);
  }
  const dedupedLinks = links.filter((l, i) => links.findIndex((m) => key(m.from) === key(l.from) && key(m.to) === key(l.to)) === i);
  const positions = blocks.map((b) => own(doc.layout, b.id)).filter((p): p is { x: number; y: number } => !!p);
  const x = positions.length ? Math.min(...positions.map((p) => p.x)) : 0;
  const y = positions.length ? Math.min(...positions.map((p) => p.y)) : 0;
  const def: CompositeDef = {
    label,
    description: '',
    params: {},
    blocks: blocks.map((b) => ({ ...b, params: { ...b.params } })),
    links: internal,
    inputs,
    outputs,
    layout: Object.fromEntries(blocks.flatMap((b) => {
      const p = own(doc.layout, b.id);
      return p ? [[b.id, { x: p.x - x, y: p.y - y }]] : [];
    })),
  };
  const layout = Object.fromEntries(Object.entries(doc.layout).filter(([k]) => !chosen.has(k)));
  layout[id] = { x, y };
  return {
    doc: { ...doc, blocks: [...doc.blocks.filter((b) => !chosen.has(b.id)), { id, type, params: {}, name: label }], links: dedupedLinks, layout, composites: { ...doc.composites, [type]: def } },
    block: id,
  };
}

/**
 * Replaces one composite block (from the library or the document) by the blocks it stands for, so the
 * user can edit them one by one. Inner ids are prefixed with the composite's id.
 */
export function inlineComposite(doc: PipelineDocument, blockId: string, library: Registry): EditResult {
  const block = doc.blocks.find((b) => b.id === blockId);
  if (!block) return { error: `There is no block "${blockId}".` };
  const registry = withDocumentComposites(doc, library).registry;
  const def = registry.get(block.type);
  if (!def?.expand) return { error: `${def?.label.en ?? block.type} is not a composite block.` };
  const parsed = def.params.safeParse(block.params);
  if (!parsed.success) return { error: `Fix the parameters of ${block.name ?? block.id} first.` };
  const sub = def.expand(parsed.data);
  const taken = new Set(doc.blocks.map((b) => b.id));
  const rename = new Map<string, string>();
  for (const b of sub.blocks) {
    let n = `${blockId}_${b.id}`;
    for (let i = 2; taken.has(n); i++) n = `${blockId}_${b.id}${i}`;
    taken.add(n);
    rename.set(b.id, n);
  }
  const at = (r: PortRef): PortRef => ({ block: rename.get(r.block)!, port: r.port });
  const links: Link[] = [];
  for (const l of doc.links) {
    if (l.to.block === blockId) for (const t of own(sub.inputs, l.to.port) ?? []) links.push({ from: l.from, to: at(t) });
    else if (l.from.block === blockId) {
      const s = own(sub.outputs, l.from.port);
      if (s) links.push({ from: at(s), to: l.to });
    } else links.push(l);
  }
  links.push(...sub.links.map((l) => ({ from: at(l.from), to: at(l.to) })));
  const origin = own(doc.layout, blockId) ?? { x: 0, y: 0 };
  const inner = own(doc.composites, block.type)?.layout ?? {};
  const layout = Object.fromEntries(Object.entries(doc.layout).filter(([k]) => k !== blockId));
  sub.blocks.forEach((b, i) => {
    const p = own(inner, b.id) ?? { x: (i % 4) * 240, y: Math.floor(i / 4) * 120 };
    layout[rename.get(b.id)!] = { x: origin.x + p.x, y: origin.y + p.y };
  });
  const index = doc.blocks.findIndex((b) => b.id === blockId);
  const blocks = [...doc.blocks.slice(0, index), ...sub.blocks.map((b) => ({ id: rename.get(b.id)!, type: b.type, params: { ...(b.params ?? {}) }, ...(b.name ? { name: b.name } : {}), ...versionField(registry.get(b.type)) })), ...doc.blocks.slice(index + 1)];
  return { doc: { ...doc, blocks, links, layout } };
}
