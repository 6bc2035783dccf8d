import { exampleSize, type ExampleSet } from '../core';

/**
 * - minmax: each image is stretched to [0, 1] (its darkest value → 0, brightest → 1);
 * - zscore: each image gets mean 0 and standard deviation 1 (common for MRI, whose units are arbitrary);
 * - scale: every value becomes value × scale + offset, the same for all images (for CT in Hounsfield
 *   units, or 8-bit values to [0, 1]).
 */
export type NormalizeMode = 'minmax' | 'zscore' | 'scale';

export interface NormalizeOptions {
  mode: NormalizeMode;
  /** minmax and zscore: compute the statistics for each channel on its own (else over all channels). */
  perChannel: boolean;
  /** scale mode only. */
  scale: number;
  offset: number;
}

/**
 * Normalizes one example (channels last) into `out` (which may be `data` itself). A constant image
 * (no contrast) becomes all zeros rather than NaN.
 */
export function normalizeImage(data: Float32Array, channels: number, o: NormalizeOptions, out: Float32Array = new Float32Array(data.length)): Float32Array {
  if (o.mode === 'scale') {
    for (let i = 0; i < data.length; i++) out[i] = data[i]! * o.scale + o.offset;
    return out;
  }
  const groups = o.perChannel ? channels : 1;
  const stride = o.perChannel ? channels : 1;
  for (let g = 0; g < groups; g++) {
    // Statistics in float64: a 3D volume has millions of values and float32 sums drift.
    let a = Infinity;
    let b = -Infinity;
    let sum = 0;
    let count = 0;
    for (let i = g; i < data.length; i += stride) {
      const v = data[i]!;
      if (v < a) a = v;
      if (v > b) b = v;
      sum += v;
      count++;
    }
    let shift: number;
    let factor: number;
    if (o.mode === 'minmax') {
      shift = a;
      factor = b > a ? 1 / (b - a) : 0;
    } else {
      const mean = sum / count;
      let sq = 0;
      for (let i = g; i < data.length; i += stride) sq += (data[i]! - mean) ** 2;
      const std = Math.sqrt(sq / count);
      shift = mean;
      factor = std > 0 ? 1 / std : 0;
    }
    for (let i = g; i < data.length; i += stride) out[i] = (data[i]! - shift) * factor;
  }
  return out;
}

/** Normalizes every image of a set; labels are unchanged. */
export function normalizeExamples(set: ExampleSet, o: NormalizeOptions): ExampleSet {
  const size = exampleSize(set.imageShape);
  const channels = set.imageShape[set.imageShape.length - 1] ?? 1;
  const x = new Float32Array(set.x.length);
  for (let i = 0; i < set.n; i++) normalizeImage(set.x.subarray(i * size, (i + 1) * size), channels, o, x.subarray(i * size, (i + 1) * size));
  return { ...set, x, y: set.y.slice(), ids: [...set.ids], groups: [...set.groups], labelNames: [...set.labelNames] };
}
