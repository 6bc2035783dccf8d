import type { PipelineDocument } from './schema';

/** One block's change between two versions of a pipeline. */
export type BlockChange =
  | { kind: 'added'; id: string; type: string }
  | { kind: 'removed'; id: string; type: string }
  | { kind: 'retyped'; id: string; from: string; to: string }
  | { kind: 'params'; id: string; type: string; params: { name: string; from?: unknown; to?: unknown }[] }
  | { kind: 'renamed'; id: string; type: string; from?: string; to?: string };

export interface PipelineDiff {
  blocks: BlockChange[];
  links: { added: string[]; removed: string[] };
  /** Top-level fields that differ: name, description, meta (seed), composites. */
  fields: string[];
}

const linkKey = (l: PipelineDocument['links'][number]) => `${l.from.block}.${l.from.port} → ${l.to.block}.${l.to.port}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from `a` to `b`: blocks added, removed, retyped, renamed or with changed parameters
 * (each parameter with its old and new value), links added and removed, and other fields that differ.
 * Canvas positions (`layout`) are not changes to the pipeline and are left out.
 */
export function diffPipelines(a: PipelineDocument, b: PipelineDocument): PipelineDiff {
  const before = new Map(a.blocks.map((x) => [x.id, x]));
  const after = new Map(b.blocks.map((x) => [x.id, x]));
  const blocks: BlockChange[] = [];
  for (const [id, x] of before) if (!after.has(id)) blocks.push({ kind: 'removed', id, type: x.type });
  for (const [id, y] of after) {
    const x = before.get(id);
    if (!x) {
      blocks.push({ kind: 'added', id, type: y.type });
      continue;
    }
    if (x.type !== y.type) {
      blocks.push({ kind: 'retyped', id, from: x.type, to: y.type });
      continue;
    }
    const names = [...new Set([...Object.keys(x.params), ...Object.keys(y.params)])].sort();
    const params = names
      .filter((n) => !same(Object.hasOwn(x.params, n) ? x.params[n] : undefined, Object.hasOwn(y.params, n) ? y.params[n] : undefined))
      .map((n) => ({ name: n, ...(Object.hasOwn(x.params, n) ? { from: x.params[n] } : {}), ...(Object.hasOwn(y.params, n) ? { to: y.params[n] } : {}) }));
    if (params.length) blocks.push({ kind: 'params', id, type: y.type, params });
    if (x.name !== y.name) blocks.push({ kind: 'renamed', id, type: y.type, ...(x.name !== undefined ? { from: x.name } : {}), ...(y.name !== undefined ? { to: y.name } : {}) });
  }
  const la = new Set(a.links.map(linkKey));
  const lb = new Set(b.links.map(linkKey));
  const fields = (['name', 'description', 'meta', 'composites'] as const).filter((f) => !same(a[f], b[f]));
  return { blocks, links: { added: [...lb].filter((k) => !la.has(k)), removed: [...la].filter((k) => !lb.has(k)) }, fields };
}
