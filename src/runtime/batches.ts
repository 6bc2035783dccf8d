import { exampleSize, type ExampleSet } from '../core';
import { tf } from './tf';

/** Copies the chosen examples' images (and labels) into one batch tensor each. */
export function batchOf(set: ExampleSet, indices: ArrayLike<number>, withLabels = true): { xs: tf.Tensor; ys: tf.Tensor | null } {
  const xSize = exampleSize(set.imageShape);
  const ySize = exampleSize(set.labelShape);
  const n = indices.length;
  const x = new Float32Array(n * xSize);
  const y = withLabels ? new Float32Array(n * ySize) : null;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    x.set(set.x.subarray(i * xSize, (i + 1) * xSize), k * xSize);
    y?.set(set.y.subarray(i * ySize, (i + 1) * ySize), k * ySize);
  }
  return { xs: tf.tensor(x, [n, ...set.imageShape]), ys: y ? tf.tensor(y, [n, ...set.labelShape]) : null };
}

/** The example indices of each batch, in the given order. */
export function* batchIndices(order: ArrayLike<number>, batchSize: number): Generator<ArrayLike<number>> {
  const all = order instanceof Int32Array ? order : Int32Array.from(order as ArrayLike<number>);
  for (let start = 0; start < all.length; start += batchSize) yield all.subarray(start, Math.min(start + batchSize, all.length));
}

export function range(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}
