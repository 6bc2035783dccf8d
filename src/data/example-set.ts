import { exampleSize, type ExampleSet } from '../core';

/** The examples at `indices`, in that order, as a new set (arrays copied, shapes and names kept). */
export function selectExamples(set: ExampleSet, indices: readonly number[]): ExampleSet {
  const xs = exampleSize(set.imageShape);
  const ys = exampleSize(set.labelShape);
  const x = new Float32Array(indices.length * xs);
  const y = new Float32Array(indices.length * ys);
  indices.forEach((i, k) => {
    x.set(set.x.subarray(i * xs, (i + 1) * xs), k * xs);
    y.set(set.y.subarray(i * ys, (i + 1) * ys), k * ys);
  });
  const { runs: _runs, ...rest } = set;
  return {
    ...rest,
    x,
    y,
    n: indices.length,
    ids: indices.map((i) => set.ids[i]!),
    groups: indices.map((i) => set.groups[i]!),
  };
}

/**
 * Why a set is not well formed (array lengths that disagree with `n` and the shapes), or null.
 * Data steps check their output with it, so a broken step is named where it breaks.
 */
export function exampleSetProblem(set: ExampleSet): string | null {
  if (!Number.isInteger(set.n) || set.n < 0) return `n is ${set.n}`;
  const xs = exampleSize(set.imageShape);
  const ys = exampleSize(set.labelShape);
  if (set.x.length !== set.n * xs) return `x has ${set.x.length} values, expected ${set.n} × ${xs}`;
  if (set.y.length !== set.n * ys) return `y has ${set.y.length} values, expected ${set.n} × ${ys}`;
  if (set.ids.length !== set.n) return `${set.ids.length} ids for ${set.n} examples`;
  if (set.groups.length !== set.n) return `${set.groups.length} groups for ${set.n} examples`;
  if (set.spacing && (set.spacing.length !== 3 || !set.spacing.every((s) => Number.isFinite(s) && s > 0))) return `the spacing [${set.spacing.join(', ')}] is not three positive numbers`;
  return null;
}

/** The class index of each example for classification sets (argmax of the one-hot label), else null. */
export function classIndices(set: ExampleSet): number[] | null {
  if (set.task !== 'multiclass' && set.task !== 'binary') return null;
  const ys = exampleSize(set.labelShape);
  const out: number[] = [];
  for (let i = 0; i < set.n; i++) {
    if (ys === 1) {
      out.push(set.y[i]! >= 0.5 ? 1 : 0);
      continue;
    }
    let best = 0;
    for (let k = 1; k < ys; k++) if (set.y[i * ys + k]! > set.y[i * ys + best]!) best = k;
    out.push(best);
  }
  return out;
}
