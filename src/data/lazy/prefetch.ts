import { exampleSize, isCaseSet, type AnySet } from '../../core';
import { exampleAt } from './case-set';

/** One batch's images and labels, example-major, ready to become tensors. */
export interface BatchData {
  x: Float32Array;
  y: Float32Array;
  indices: ArrayLike<number>;
}

/**
 * The order training visits a set's examples in an epoch: a permutation drawn with `next` (uniform in
 * [0, 1)), or in order; a set whose examples come in runs (patches of one scan from one read) keeps each
 * run together and shuffles the runs. The same set metadata and random stream give the same order,
 * whether the set is in memory or read on demand.
 */
export function trainingOrder(set: Pick<AnySet, 'n' | 'runs'>, shuffle: boolean, permutation: (n: number) => Int32Array): Int32Array {
  const runs = set.runs;
  if (!runs || runs.length <= 1) return shuffle ? permutation(set.n) : identity(set.n);
  const starts: number[] = [];
  for (let block = 0; block < set.n; block += runs.per) for (let s = block; s < Math.min(block + runs.per, set.n); s += runs.length) starts.push(s);
  const order = new Int32Array(set.n);
  let k = 0;
  const visit = shuffle ? permutation(starts.length) : identity(starts.length);
  for (const r of visit) {
    const s = starts[r]!;
    const end = Math.min(s + runs.length, Math.floor(s / runs.per) * runs.per + runs.per, set.n);
    for (let i = s; i < end; i++) order[k++] = i;
  }
  return order;
}

function identity(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** Copies the examples at `indices` into one batch (reading them when the set is read on demand). */
export async function readBatch(set: AnySet, indices: ArrayLike<number>): Promise<BatchData> {
  const xs = exampleSize(set.imageShape);
  const ys = exampleSize(set.labelShape);
  const x = new Float32Array(indices.length * xs);
  const y = new Float32Array(indices.length * ys);
  const list = Array.from(indices);
  const examples = isCaseSet(set) ? await Promise.all(list.map((i) => set.read(i))) : list.map((i) => exampleAt(set, i));
  examples.forEach((e, k) => {
    x.set(e.x, k * xs);
    y.set(e.y, k * ys);
  });
  return { x, y, indices };
}

/**
 * Reads batches ahead of training: while one batch trains, the next `depth` are being read (files,
 * decoding and per-case steps interleave with training at its awaits). `next()` gives the batches in
 * order; `waitedMs` is how long training waited for data. A failed read surfaces when its batch is asked for.
 */
export class BatchPrefetcher {
  private readonly queue: Promise<BatchData>[] = [];
  private at = 0;
  waitedMs = 0;

  constructor(
    private readonly set: AnySet,
    private readonly batches: readonly ArrayLike<number>[],
    private readonly depth = 2,
  ) {
    this.fill();
  }

  private fill(): void {
    while (this.queue.length < this.depth + 1 && this.at < this.batches.length) {
      const p = readBatch(this.set, this.batches[this.at++]!);
      // Held until asked for; a rejection is reported then, not as an unhandled one now.
      p.catch(() => undefined);
      this.queue.push(p);
    }
  }

  get remaining(): number {
    return this.queue.length;
  }

  async next(): Promise<BatchData> {
    const p = this.queue.shift();
    if (!p) throw new Error('No batch left');
    this.fill();
    const started = performance.now();
    try {
      return await p;
    } finally {
      this.waitedMs += performance.now() - started;
    }
  }
}
