import { exampleSize, type ExampleSet, type TaskKind } from '../../core';

/** Smallest, largest and mean value (NaN-free; an empty list gives zeros). */
export interface ValueStats {
  min: number;
  max: number;
  mean: number;
}

/** What a label says, in the form the preview shows it. */
export type LabelView =
  /** Classification: every class with its value (one-hot, multi-hot or a probability); `on` when ≥ 0.5. */
  | { kind: 'classes'; classes: { name: string; value: number; on: boolean }[] }
  /** Regression: one value per output (age in years, …). */
  | { kind: 'values'; values: { name: string; value: number }[] }
  /** Segmentation: the foreground classes, each with its mask value (1, 2 …) and how many voxels it covers. */
  | { kind: 'mask'; classes: { name: string; index: number; voxels: number }[] }
  /** Dense regression (a dose grid): the map's own value range. */
  | { kind: 'map'; name: string; stats: ValueStats };

/** The first example of a stream, with what a person wants to know about it; made in the worker, small enough to post. */
export interface ExamplePreview {
  /** The example's id (a case, a file). */
  id: string;
  /** Examples in the set that was computed (1 when only the first was asked of the source). */
  n: number;
  image: Float32Array;
  imageShape: number[];
  label: Float32Array;
  labelShape: number[];
  labelNames: string[];
  task: TaskKind;
  /** Over the whole image, and per channel (the last axis). */
  stats: ValueStats;
  channels: ValueStats[];
  labelView: LabelView;
}

/** Statistics of `values` as a whole and of each of `channels` interleaved channels (channels-last). */
export function valueStats(values: ArrayLike<number>, channels = 1): { all: ValueStats; channels: ValueStats[] } {
  const c = Math.max(1, channels);
  const min = new Array<number>(c).fill(Infinity);
  const max = new Array<number>(c).fill(-Infinity);
  const sum = new Array<number>(c).fill(0);
  const count = new Array<number>(c).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const k = i % c;
    if (v < min[k]!) min[k] = v;
    if (v > max[k]!) max[k] = v;
    sum[k] = sum[k]! + v;
    count[k] = count[k]! + 1;
  }
  const per = min.map((m, k) => (count[k] ? { min: m, max: max[k]!, mean: sum[k]! / count[k]! } : { min: 0, max: 0, mean: 0 }));
  const total = count.reduce((a, b) => a + b, 0);
  const all = total
    ? { min: Math.min(...per.filter((_, k) => count[k]).map((s) => s.min)), max: Math.max(...per.filter((_, k) => count[k]).map((s) => s.max)), mean: sum.reduce((a, b) => a + b, 0) / total }
    : { min: 0, max: 0, mean: 0 };
  return { all, channels: per };
}

/**
 * What a label shows: classes for classification, values for regression, the foreground classes of
 * a mask for segmentation (a one-hot map whose first channel is the background, or one 0/1 channel),
 * the value range of a dense map.
 */
export function describeLabel(label: Float32Array, labelShape: readonly number[], task: TaskKind, labelNames: readonly string[]): LabelView {
  const name = (i: number) => labelNames[i] ?? `#${i}`;
  switch (task) {
    case 'binary':
    case 'multiclass':
    case 'multilabel': {
      // A binary label may be one value (the positive class) while the names list both classes.
      const offset = label.length === 1 && labelNames.length === 2 ? 1 : 0;
      return { kind: 'classes', classes: Array.from(label, (value, i) => ({ name: name(i + offset), value, on: value >= 0.5 })) };
    }
    case 'regression':
      return { kind: 'values', values: Array.from(label, (value, i) => ({ name: name(i), value })) };
    case 'segmentation': {
      const k = labelShape[labelShape.length - 1] ?? 1;
      const mask = labelMask(label, labelShape);
      const voxels = new Array<number>(Math.max(2, k)).fill(0);
      for (const v of mask) voxels[v] = (voxels[v] ?? 0) + 1;
      const classes = k > 1 ? Array.from({ length: k - 1 }, (_, i) => ({ name: name(i + 1), index: i + 1, voxels: voxels[i + 1] ?? 0 })) : [{ name: name(0), index: 1, voxels: voxels[1] ?? 0 }];
      return { kind: 'mask', classes };
    }
    case 'dense-regression':
      return { kind: 'map', name: name(0), stats: valueStats(label).all };
    default: {
      const never: never = task;
      return never;
    }
  }
}

/**
 * The class of every voxel (or pixel) of a segmentation label, channels-last: with several channels
 * (one-hot, background first) the channel with the largest value; with one channel 1 where it is at
 * least 0.5. 0 is background.
 */
export function labelMask(label: Float32Array, labelShape: readonly number[]): Uint8Array {
  const k = Math.max(1, labelShape[labelShape.length - 1] ?? 1);
  const n = Math.floor(label.length / k);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      out[i] = label[i]! >= 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (label[i * k + c]! > label[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** The first example of a set (copied, so the set itself may be dropped) and what to show about it. */
export function firstExample(set: ExampleSet): ExamplePreview {
  if (set.n < 1) throw new RangeError('The set has no examples.');
  const imageSize = exampleSize(set.imageShape);
  const labelSize = exampleSize(set.labelShape);
  const image = set.x.slice(0, imageSize);
  const label = set.y.slice(0, labelSize);
  const stats = valueStats(image, set.imageShape[set.imageShape.length - 1] ?? 1);
  return {
    id: set.ids[0] ?? '',
    n: set.n,
    image,
    imageShape: [...set.imageShape],
    label,
    labelShape: [...set.labelShape],
    labelNames: [...set.labelNames],
    task: set.task,
    stats: stats.all,
    channels: stats.channels,
    labelView: describeLabel(label, set.labelShape, set.task, set.labelNames),
  };
}
