import type { BlockDef } from '../block';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { PipelineDocument } from '../document';
import { PORT_KIND_NAMES } from '../ports';
import { own } from '../own';
import type { Text } from '../text';

/** Incoming link indices by block id, then by input port, in document order. */
export type Incoming = Map<string, Map<string, number[]>>;

export interface GraphCheck {
  incoming: Incoming;
  /** Link indices that passed every check. */
  valid: number[];
  /** Block ids in an order where every link points forward; blocks on a cycle are left out. */
  order: string[];
  /** Blocks that cannot be inferred because their own wiring is broken. */
  broken: Set<string>;
  diagnostics: Diagnostic[];
}

function names(ports: Record<string, unknown>): string {
  const k = Object.keys(ports);
  return k.length ? k.join(', ') : '(none)';
}

/** Checks every link (ends exist, kinds match, no duplicates, no loops) and orders the blocks. */
export function checkGraph(doc: PipelineDocument, defs: Map<string, BlockDef>, labels: Map<string, Text>): GraphCheck {
  const diagnostics: Diagnostic[] = [];
  const ids = new Set(doc.blocks.map((b) => b.id));
  const incoming: Incoming = new Map(doc.blocks.map((b) => [b.id, new Map<string, number[]>()]));
  const broken = new Set<string>();
  const valid: number[] = [];
  const seen = new Set<string>();
  const label = (id: string): Text => labels.get(id) ?? { en: id, zh: id };

  doc.links.forEach((link, i) => {
    const { from, to } = link;
    for (const end of [from, to]) {
      if (!ids.has(end.block)) diagnostics.push(diagnostic('J201', { block: end.block }, { link: i }));
    }
    if (!ids.has(from.block) || !ids.has(to.block)) return;
    const key = `${from.block}.${from.port}->${to.block}.${to.port}`;
    if (seen.has(key)) {
      diagnostics.push(diagnostic('J207', { from: `${from.block}.${from.port}`, to: `${to.block}.${to.port}` }, { link: i, block: to.block }));
      return;
    }
    seen.add(key);
    const fromDef = defs.get(from.block);
    const toDef = defs.get(to.block);
    if (!fromDef || !toDef) return; // unknown types were reported already
    const out = own(fromDef.outputs, from.port);
    const inp = own(toDef.inputs, to.port);
    if (!out) {
      diagnostics.push(diagnostic('J202', { label: label(from.block), port: from.port, direction: { en: 'output', zh: '输出' }, ports: names(fromDef.outputs) }, { block: from.block, port: from.port, link: i }));
    }
    if (!inp) {
      diagnostics.push(diagnostic('J202', { label: label(to.block), port: to.port, direction: { en: 'input', zh: '输入' }, ports: names(toDef.inputs) }, { block: to.block, port: to.port, link: i }));
      broken.add(to.block);
    }
    if (!out || !inp) return;
    if (out.kind !== inp.kind) {
      diagnostics.push(
        diagnostic('J203', { fromLabel: label(from.block), toLabel: label(to.block), port: to.port, fromKind: PORT_KIND_NAMES[out.kind], toKind: PORT_KIND_NAMES[inp.kind] }, { block: to.block, port: to.port, link: i }),
      );
      broken.add(to.block);
      return;
    }
    const ports = incoming.get(to.block)!;
    ports.set(to.port, [...(ports.get(to.port) ?? []), i]);
    valid.push(i);
  });

  for (const b of doc.blocks) {
    const def = defs.get(b.id);
    if (!def) continue;
    const ports = incoming.get(b.id)!;
    for (const [name, spec] of Object.entries(def.inputs)) {
      const links = ports.get(name) ?? [];
      if (links.length === 0 && !spec.optional && !spec.multiple) {
        diagnostics.push(diagnostic('J204', { label: label(b.id), port: name, kind: PORT_KIND_NAMES[spec.kind] }, { block: b.id, port: name }));
        broken.add(b.id);
      } else if (links.length === 0 && spec.multiple && !spec.optional) {
        diagnostics.push(diagnostic('J204', { label: label(b.id), port: name, kind: PORT_KIND_NAMES[spec.kind] }, { block: b.id, port: name }));
        broken.add(b.id);
      } else if (links.length > 1 && !spec.multiple) {
        diagnostics.push(diagnostic('J205', { label: label(b.id), port: name, count: links.length }, { block: b.id, port: name }));
        broken.add(b.id);
      }
    }
  }

  const order = topologicalOrder(doc, valid);
  if (order.length < doc.blocks.length) {
    const cycle = findCycle(doc, valid, new Set(order));
    diagnostics.push(diagnostic('J206', { cycle: cycle.map((id) => label(id).en).join(' → ') }, { block: cycle[0] }));
  }
  return { incoming, valid, order, broken, diagnostics };
}

/** Kahn's algorithm; ties keep document order so results are stable. */
export function topologicalOrder(doc: PipelineDocument, validLinks: number[]): string[] {
  const indeg = new Map(doc.blocks.map((b) => [b.id, 0]));
  const next = new Map<string, string[]>(doc.blocks.map((b) => [b.id, []]));
  for (const i of validLinks) {
    const l = doc.links[i]!;
    indeg.set(l.to.block, (indeg.get(l.to.block) ?? 0) + 1);
    next.get(l.from.block)!.push(l.to.block);
  }
  const queue = doc.blocks.filter((b) => indeg.get(b.id) === 0).map((b) => b.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const n of next.get(id)!) {
      indeg.set(n, indeg.get(n)! - 1);
      if (indeg.get(n) === 0) queue.push(n);
    }
  }
  return order;
}

function findCycle(doc: PipelineDocument, validLinks: number[], done: Set<string>): string[] {
  // Every block left out of the order has a predecessor that was left out too, so walking
  // backwards from one of them must repeat a block: that stretch is a loop.
  const prev = new Map<string, string[]>();
  for (const i of validLinks) {
    const l = doc.links[i]!;
    if (done.has(l.from.block) || done.has(l.to.block)) continue;
    prev.set(l.to.block, [...(prev.get(l.to.block) ?? []), l.from.block]);
  }
  const path: string[] = [];
  const index = new Map<string, number>();
  let cur = doc.blocks.find((b) => !done.has(b.id))!.id;
  while (!index.has(cur)) {
    index.set(cur, path.length);
    path.push(cur);
    cur = prev.get(cur)![0]!;
  }
  const cycle = path.slice(index.get(cur)).reverse();
  return [...cycle, cycle[0]!];
}
