import { exampleSize, type CaseSet, type Example, type ExampleMeta, type ExampleSet } from '../../core';
import { CodedError } from '../../core/diagnostics/coded-error';

/** The failure of one case of a set read on demand, naming the case (J740). */
export class CaseReadError extends CodedError {
  override name = 'CaseReadError';
  constructor(
    readonly caseId: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('J740', { case: caseId, detail }, cause instanceof CodedError && cause.hint ? cause.hint : undefined);
  }
}

/** What a set says about its examples, without them. */
export function metaOf(set: ExampleMeta): ExampleMeta {
  const { n, imageShape, labelShape, ids, groups, labelNames, task, spacing, runs } = set;
  return { n, imageShape, labelShape, ids, groups, labelNames, task, ...(spacing ? { spacing } : {}), ...(runs ? { runs } : {}) };
}

/** Example `i` of `set` as a set of one (what a per-case transform receives). */
export function oneExample(meta: ExampleMeta, i: number, e: Example): ExampleSet {
  const { runs: _runs, ...rest } = metaOf(meta);
  return { ...rest, x: e.x, y: e.y, n: 1, ids: [meta.ids[i]!], groups: [meta.groups[i]!] };
}

/** Example `i` of an in-memory set (views, not copies). */
export function exampleAt(set: ExampleSet, i: number): Example {
  const xs = exampleSize(set.imageShape);
  const ys = exampleSize(set.labelShape);
  return { x: set.x.subarray(i * xs, (i + 1) * xs), y: set.y.subarray(i * ys, (i + 1) * ys) };
}

/** The examples at `indices` of a set read on demand (a split of it). */
export function selectCases(set: CaseSet, indices: readonly number[]): CaseSet {
  const { runs: _runs, ...meta } = metaOf(set);
  return { ...meta, lazy: true, n: indices.length, ids: indices.map((i) => set.ids[i]!), groups: indices.map((i) => set.groups[i]!), read: (i) => set.read(indices[i]!) };
}

/**
 * A per-case transform over a set read on demand: each case is read when one of its `per` outputs is
 * asked for, transformed alone, and its outputs kept for a few more reads (patches of one case are
 * usually asked for one after the other).
 */
export function mapCases(set: CaseSet, per: number, outMeta: Omit<ExampleMeta, 'n' | 'ids' | 'groups'>, transform: (one: ExampleSet) => Promise<ExampleSet>): CaseSet {
  const recent = new Map<number, Promise<ExampleSet>>();
  const keep = 8;
  const casesOf = (c: number): Promise<ExampleSet> => {
    let p = recent.get(c);
    if (!p) {
      p = set.read(c).then((e) => transform(oneExample(set, c, e)));
      // A failed read is not kept: asking again reads again.
      p.catch(() => recent.delete(c));
      recent.set(c, p);
      if (per > 1) while (recent.size > keep) recent.delete(recent.keys().next().value!);
      else recent.delete(c);
    }
    return p;
  };
  const ids = per === 1 ? set.ids : set.ids.flatMap((id) => Array.from({ length: per }, (_, j) => `${id}#${j + 1}`));
  const groups = per === 1 ? set.groups : set.groups.flatMap((g) => Array.from({ length: per }, () => g));
  const { runs: _runs, ...inMeta } = metaOf(set);
  const runs = outMeta.runs ?? (per === 1 ? set.runs : undefined);
  return {
    ...inMeta,
    ...outMeta,
    ...(runs ? { runs } : {}),
    lazy: true,
    n: set.n * per,
    ids,
    groups,
    async read(i) {
      const out = await casesOf(Math.floor(i / per));
      return exampleAt(out, i % per);
    },
  };
}

/** Reads every example of a set read on demand into one in-memory set (validation and test data, once patched or small). */
export async function materialize(set: CaseSet): Promise<ExampleSet> {
  const xs = exampleSize(set.imageShape);
  const ys = exampleSize(set.labelShape);
  const x = new Float32Array(set.n * xs);
  const y = new Float32Array(set.n * ys);
  for (let i = 0; i < set.n; i++) {
    const e = await set.read(i);
    x.set(e.x, i * xs);
    y.set(e.y, i * ys);
  }
  const { runs: _runs, ...meta } = metaOf(set);
  return { ...meta, x, y };
}
