import { mulberry32 } from '../data/random';
import { percentile } from './grid';
import { rocAuc } from './roc';

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  /** Resamples that had both classes (the others have no AUC and are skipped). */
  resamples: number;
}

/**
 * A percentile bootstrap confidence interval for the ROC AUC: cases are resampled with replacement
 * `iterations` times from a seeded generator (same seed, same interval, in every runtime), resamples
 * missing a class are skipped, and the interval is the (1−level)/2 and (1+level)/2 percentiles.
 */
export function bootstrapAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, options: { iterations?: number; level?: number; seed?: number } = {}): Interval {
  const iterations = options.iterations ?? 1000;
  const level = options.level ?? 0.95;
  const next = mulberry32(options.seed ?? 42);
  const n = labels.length;
  const estimate = rocAuc(labels, scores);
  const aucs: number[] = [];
  const l = new Float64Array(n);
  const s = new Float64Array(n);
  for (let r = 0; r < iterations; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(next() * n);
      l[i] = labels[j]!;
      s[i] = scores[j]!;
    }
    const auc = rocAuc(l, s);
    if (!Number.isNaN(auc)) aucs.push(auc);
  }
  return { estimate, lower: percentile(aucs, ((1 - level) / 2) * 100), upper: percentile(aucs, ((1 + level) / 2) * 100), resamples: aucs.length };
}
