import { exampleSize, type ExampleSet } from '../core';
import { rescaledSpacing } from './volume-ops';

/**
 * - linear: bilinear in 2D, trilinear in 3D, with pixel centres aligned (as OpenCV, PIL and
 *   `tf.image.resizeBilinear(…, halfPixelCenters)` do);
 * - area: each output pixel is the average of the input pixels it covers; use it to shrink by more
 *   than about 2×, where linear would skip pixels and alias;
 * - nearest: copies the closest pixel; the only choice for label maps (it never mixes two labels).
 */
export type ResizeMethod = 'linear' | 'area' | 'nearest';

/** For each output position along one axis: the input positions it reads and their weights. */
interface Taps {
  index: Int32Array;
  weight: Float32Array;
  /** taps per output position */
  width: number;
}

function axisTaps(from: number, to: number, method: ResizeMethod): Taps {
  const scale = from / to;
  if (method === 'area') {
    const width = Math.ceil(scale) + 1;
    const index = new Int32Array(to * width);
    const weight = new Float32Array(to * width);
    for (let j = 0; j < to; j++) {
      const start = j * scale;
      const end = Math.min(from, (j + 1) * scale);
      let t = 0;
      for (let i = Math.floor(start); i < end && t < width; i++, t++) {
        index[j * width + t] = i;
        weight[j * width + t] = (Math.min(end, i + 1) - Math.max(start, i)) / scale;
      }
    }
    return { index, weight, width };
  }
  const width = method === 'nearest' ? 1 : 2;
  const index = new Int32Array(to * width);
  const weight = new Float32Array(to * width);
  for (let j = 0; j < to; j++) {
    if (method === 'nearest') {
      index[j] = Math.min(from - 1, Math.floor((j + 0.5) * scale));
      weight[j] = 1;
      continue;
    }
    const src = Math.min(from - 1, Math.max(0, (j + 0.5) * scale - 0.5));
    const i0 = Math.floor(src);
    const i1 = Math.min(from - 1, i0 + 1);
    const w = src - i0;
    index[2 * j] = i0;
    index[2 * j + 1] = i1;
    weight[2 * j] = 1 - w;
    weight[2 * j + 1] = w;
  }
  return { index, weight, width };
}

/** Resizes along one axis of a row-major array. */
function resizeAxis(data: Float32Array, shape: number[], axis: number, to: number, method: ResizeMethod): Float32Array {
  const from = shape[axis]!;
  if (from === to) return data;
  const outer = exampleSize(shape.slice(0, axis));
  const inner = exampleSize(shape.slice(axis + 1));
  const taps = axisTaps(from, to, method);
  const out = new Float32Array(outer * to * inner);
  for (let o = 0; o < outer; o++) {
    const src = o * from * inner;
    const dst = o * to * inner;
    for (let j = 0; j < to; j++) {
      const row = dst + j * inner;
      for (let t = 0; t < taps.width; t++) {
        const w = taps.weight[j * taps.width + t]!;
        if (w === 0) continue;
        const base = src + taps.index[j * taps.width + t]! * inner;
        for (let k = 0; k < inner; k++) out[row + k]! += w * data[base + k]!;
      }
    }
  }
  shape[axis] = to;
  return out;
}

/**
 * Resizes one example of shape [...spatial, channels] to [...size, channels], each channel on its
 * own. Linear and area resizing are separable, so one axis at a time gives exactly the bilinear
 * (2D) or trilinear (3D) result.
 */
export function resizeArray(data: Float32Array, shape: readonly number[], size: readonly number[], method: ResizeMethod = 'linear'): Float32Array {
  if (size.length !== shape.length - 1) throw new Error(`resize: ${size.length} sizes for ${shape.length - 1} spatial axes`);
  const current = [...shape];
  let out = data;
  size.forEach((to, axis) => {
    out = resizeAxis(out, current, axis, to, method);
  });
  return out === data ? data.slice() : out;
}

/** Bilinear (or area / nearest) resize of an H × W × C image to height × width. */
export function resizeImage(data: Float32Array, shape: readonly [number, number, number], height: number, width: number, method: ResizeMethod = 'linear'): Float32Array {
  return resizeArray(data, shape, [height, width], method);
}

/** Trilinear (or area / nearest) resize of a D × H × W × C volume. */
export function resizeVolume(data: Float32Array, shape: readonly [number, number, number, number], depth: number, height: number, width: number, method: ResizeMethod = 'linear'): Float32Array {
  return resizeArray(data, shape, [depth, height, width], method);
}

/**
 * Resizes every image of a set to `size` (its spatial axes). Label maps (segmentation) follow with
 * nearest-neighbour resizing so they stay one label per voxel; dense-regression targets (a dose grid)
 * follow with the same method as the images; other labels are unchanged.
 */
export function resizeExamples(set: ExampleSet, size: readonly number[], method: ResizeMethod = 'linear'): ExampleSet {
  const channels = set.imageShape[set.imageShape.length - 1]!;
  const imageShape = [...size, channels];
  const spatialLabel = (set.task === 'segmentation' || set.task === 'dense-regression') && set.labelShape.length === set.imageShape.length;
  const labelShape = spatialLabel ? [...size, set.labelShape[set.labelShape.length - 1]!] : set.labelShape;
  const xs = exampleSize(set.imageShape);
  const ys = exampleSize(set.labelShape);
  const xo = exampleSize(imageShape);
  const yo = exampleSize(labelShape);
  const x = new Float32Array(set.n * xo);
  const y = spatialLabel ? new Float32Array(set.n * yo) : set.y.slice();
  for (let i = 0; i < set.n; i++) {
    x.set(resizeArray(set.x.subarray(i * xs, (i + 1) * xs), set.imageShape, size, method), i * xo);
    if (spatialLabel) {
      const labelMethod = set.task === 'segmentation' ? 'nearest' : method;
      y.set(resizeArray(set.y.subarray(i * ys, (i + 1) * ys), set.labelShape, size, labelMethod), i * yo);
    }
  }
  const spacing = resizedSpacing(set.spacing, set.imageShape, imageShape);
  return { ...set, x, y, imageShape, labelShape, ids: [...set.ids], groups: [...set.groups], labelNames: [...set.labelNames], ...(spacing ? { spacing } : {}) };
}

/**
 * The voxel spacing [x, y, z] of volumes resized from `from` to `to` ([D, H, W, C]): the same field
 * of view over more or fewer voxels. Undefined when there is no spacing to keep.
 */
export function resizedSpacing(spacing: readonly number[] | undefined, from: readonly number[], to: readonly number[]): number[] | undefined {
  if (!spacing || from.length !== 4 || to.length !== 4) return undefined;
  return rescaledSpacing(spacing, [from[2]!, from[1]!, from[0]!], [to[2]!, to[1]!, to[0]!]);
}
