import type { BlockDef } from '../block';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { BlockInstance, Link, PipelineDocument } from '../document';
import type { Text } from '../text';
import { checkParams } from './params';
import type { Registry } from './registry';

/** Separates a composite's id from its inner ids: `res1__conv_a` (ids cannot contain it by accident of `.` or `/`, which Keras names reject). */
export const INNER = '__';
const MAX_DEPTH = 8;

export interface Expansion {
  /** The document with every composite replaced by its inner blocks. */
  doc: PipelineDocument;
  /** Expanded block id → the top-level block it belongs to (itself for ordinary blocks). */
  owner: Map<string, string>;
  /** For each top-level composite and output port: the expanded block and port it stands for. */
  outputs: Map<string, Record<string, { block: string; port: string }>>;
  /** Index of each original link in the expanded document, or -1 when it was rewired into several. */
  linkIndex: number[];
  diagnostics: Diagnostic[];
}

/**
 * Replaces composite blocks (blocks whose declaration has `expand`) by their sub-graphs, recursively,
 * rewiring links to the inner ports. Parameter errors of a composite are reported on it; the rest of
 * the compiler then sees only ordinary blocks.
 */
export function expandComposites(doc: PipelineDocument, registry: Registry, labelOf: (b: BlockInstance, def: BlockDef) => Text): Expansion {
  const owner = new Map<string, string>();
  const outputs = new Map<string, Record<string, { block: string; port: string }>>();
  const diagnostics: Diagnostic[] = [];
  if (!doc.blocks.some((b) => registry.get(b.type)?.expand)) {
    for (const b of doc.blocks) owner.set(b.id, b.id);
    return { doc, owner, outputs, linkIndex: doc.links.map((_, i) => i), diagnostics };
  }
  const blocks: BlockInstance[] = [];
  // Where a link that ends at (block, port) really goes, and where one that starts there really starts.
  const inMap = new Map<string, { block: string; port: string }[]>();
  const outMap = new Map<string, { block: string; port: string }>();
  const innerLinks: Link[] = [];

  const add = (b: BlockInstance, top: string, depth: number): void => {
    const def = registry.get(b.type);
    if (!def?.expand) {
      blocks.push(b);
      owner.set(b.id, top);
      return;
    }
    if (depth >= MAX_DEPTH) {
      diagnostics.push(diagnostic('J308', { label: labelOf(b, def), max: MAX_DEPTH }, { block: top }));
      return;
    }
    const checked = checkParams(def, b.params, top, labelOf(b, def));
    if (checked.params === undefined) {
      // Keep the composite itself: the compiler reports its parameters and links as for any block.
      blocks.push(b);
      owner.set(b.id, top);
      return;
    }
    const sub = def.expand(checked.params);
    const prefix = (id: string) => `${b.id}${INNER}${id}`;
    for (const inner of sub.blocks) add({ id: prefix(inner.id), type: inner.type, params: inner.params ?? {}, ...(inner.name ? { name: inner.name } : {}) }, top, depth + 1);
    for (const l of sub.links) innerLinks.push({ from: { block: prefix(l.from.block), port: l.from.port }, to: { block: prefix(l.to.block), port: l.to.port } });
    for (const [port, targets] of Object.entries(sub.inputs)) inMap.set(`${b.id}.${port}`, targets.map((t) => ({ block: prefix(t.block), port: t.port })));
    for (const [port, source] of Object.entries(sub.outputs)) outMap.set(`${b.id}.${port}`, { block: prefix(source.block), port: source.port });
  };
  for (const b of doc.blocks) add(b, b.id, 0);

  // Resolve chains (a composite's output that is itself an inner composite's output, and so on).
  const resolveOut = (ref: { block: string; port: string }): { block: string; port: string } => {
    let cur = ref;
    for (let i = 0; i <= MAX_DEPTH && outMap.has(`${cur.block}.${cur.port}`); i++) cur = outMap.get(`${cur.block}.${cur.port}`)!;
    return cur;
  };
  const resolveIn = (ref: { block: string; port: string }): { block: string; port: string }[] => {
    const targets = inMap.get(`${ref.block}.${ref.port}`);
    return targets ? targets.flatMap(resolveIn) : [ref];
  };

  const links: Link[] = [];
  const linkIndex: number[] = [];
  [...doc.links, ...innerLinks].forEach((l, i) => {
    const from = resolveOut(l.from);
    const tos = resolveIn(l.to);
    if (i < doc.links.length) linkIndex.push(tos.length ? links.length : -1);
    for (const to of tos) links.push({ from, to });
  });
  for (const b of doc.blocks) {
    if (!registry.get(b.type)?.expand) continue;
    const def = registry.get(b.type)!;
    const ports: Record<string, { block: string; port: string }> = {};
    for (const port of Object.keys(def.outputs)) if (outMap.has(`${b.id}.${port}`)) ports[port] = resolveOut({ block: b.id, port });
    outputs.set(b.id, ports);
  }
  return { doc: { ...doc, blocks, links }, owner, outputs, linkIndex, diagnostics };
}
