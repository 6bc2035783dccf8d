/**
 * Seeded pseudo-random numbers for data: sample images, shuffles and splits.
 *
 * Why our own generator: `Math.random` cannot be seeded, and a pipeline must give the same sample data
 * and the same train/validation/test split from the same seed in the browser, in the worker and in the
 * `jimu` command. mulberry32 is a few lines of 32-bit integer arithmetic (`Math.imul`), so it gives
 * bit-identical streams on every JavaScript engine, is fast, and passes the usual statistical batteries
 * well enough for synthesis and shuffling. It is not for cryptography.
 */

/** A generator of floats in [0, 1): mulberry32 (Tommy Ettinger's public-domain design). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
}

/** A seeded generator with the draws data code needs. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      // 1 - u keeps the logarithm away from 0.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * A seed for one part of a run (a block, a subset), from the run's seed and a name, so two blocks
 * never draw the same stream and the same block always draws the same one. FNV-1a over the name,
 * mixed with the seed by a murmur3 finaliser.
 */
export function deriveSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
