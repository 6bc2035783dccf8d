/**
 * Seeded randomness for training: the shuffle order and dropout masks come from here, never from an
 * unseeded Math.random, so the same seed gives the same run.
 */

// The generator is the one the data steps use (src/data/random.ts explains the choice).
export { mulberry32 } from '../data/random';

/** An independent stream for one purpose ('shuffle', 'dropout') from the run's seed. */
export function streamSeed(seed: number, purpose: string): number {
  let h = 2166136261 ^ (seed >>> 0);
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** 0 … n−1 in a random order (Fisher–Yates). */
export function permutation(n: number, rng: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Runs `fn` synchronously with Math.random drawing from `rng`. tfjs draws unseeded dropout masks from
 * Math.random; a seeded layer (tf.dropout with a fixed seed) would draw the same mask every batch,
 * so seeding the source for the duration of one training step is how dropout becomes reproducible.
 * Only synchronous code runs inside, so nothing else can observe the swap.
 */
export function withRandom<T>(rng: () => number, fn: () => T): T {
  const original = Math.random;
  Math.random = rng;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
