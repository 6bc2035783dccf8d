import type { ExampleSet } from '../core';
import { exampleSize } from '../core';
import { DataError } from './errors';
import { createRandom, deriveSeed, type Random } from './random';
import { applyWindow, cropOrPad, foregroundCentre, gridCentre, minimum, percentile, resampledShape, resampleGrid, rescaledSpacing, sampleGrid, type Grid, type Interpolation } from './volume-ops';

/**
 * Transforms of sets of volumes ([D, H, W, C] examples, channels last). Geometric steps move a
 * segmentation or dense label map with its image, through the same coordinates (nearest neighbour
 * for masks), so masks never drift from the image.
 */

/** True when the set's label is a map over the image's voxels (segmentation, dose). */
export function hasSpatialLabel(set: Pick<ExampleSet, 'task' | 'labelShape' | 'imageShape'>): boolean {
  return (set.task === 'segmentation' || set.task === 'dense-regression') && set.labelShape.length === set.imageShape.length;
}

/** [W, H, D, C] of a 3D example shape [D, H, W, C]; a 2D shape [H, W, C] counts as D = 1. */
function dims(shape: readonly number[]): [number, number, number, number] {
  if (shape.length === 4) return [shape[2]!, shape[1]!, shape[0]!, shape[3]!];
  if (shape.length === 3) return [shape[1]!, shape[0]!, 1, shape[2]!];
  throw new DataError(`This step works on images or volumes, but the examples have the shape [${shape.join(', ')}].`, 'Put it after a volume or image source.');
}

/** One channel of one example as a grid (copied). */
export function channelGrid(x: Float32Array, offset: number, shape: readonly number[], c: number): Grid {
  const [w, h, d, ch] = dims(shape);
  const data = new Float32Array(w * h * d);
  for (let v = 0; v < data.length; v++) data[v] = x[offset + v * ch + c]!;
  return { data, shape: [w, h, d], spacing: [1, 1, 1] };
}

function putChannel(x: Float32Array, offset: number, channels: number, c: number, data: Float32Array): void {
  for (let v = 0; v < data.length; v++) x[offset + v * channels + c] = data[v]!;
}

/** Applies a CT window to every channel (or to one), giving values in 0…1. */
export function windowExamples(set: ExampleSet, o: { level: number; width: number; channel: number | null }): ExampleSet {
  const [, , , ch] = dims(set.imageShape);
  if (o.channel !== null && o.channel >= ch) throw new DataError(`Windowing: channel ${o.channel} does not exist; the images have ${ch} channel(s), numbered from 0.`, 'Choose a channel from 0 or leave it empty for all.');
  const x = set.x.slice();
  const size = exampleSize(set.imageShape);
  for (let n = 0; n < set.n; n++) {
    for (let c = 0; c < ch; c++) {
      if (o.channel !== null && c !== o.channel) continue;
      const g = channelGrid(x, n * size, set.imageShape, c);
      applyWindow(g.data, o.level, o.width);
      putChannel(x, n * size, ch, c, g.data);
    }
  }
  return { ...set, x };
}

export interface IntensityOptions {
  mode: 'zscore' | 'percentile';
  /** Percentile mode: the values at these percentiles become 0 and 1 (clipped outside). */
  lower: number;
  upper: number;
  /** Compute statistics over non-zero voxels only (skull-stripped MRI), leaving the zero background at 0 in z-score mode. */
  nonzero: boolean;
}

/** Per example and per channel: z-score (mean 0, spread 1) or percentile scaling to 0…1. */
export function normalizeIntensity(set: ExampleSet, o: IntensityOptions): ExampleSet {
  const [, , , ch] = dims(set.imageShape);
  const x = set.x.slice();
  const size = exampleSize(set.imageShape);
  for (let n = 0; n < set.n; n++) {
    for (let c = 0; c < ch; c++) {
      const g = channelGrid(x, n * size, set.imageShape, c);
      const values = o.nonzero ? g.data.filter((v) => v !== 0) : g.data.slice();
      if (o.mode === 'zscore') {
        let sum = 0;
        for (const v of values) sum += v;
        const mean = values.length ? sum / values.length : 0;
        let sq = 0;
        for (const v of values) sq += (v - mean) ** 2;
        const sd = values.length ? Math.sqrt(sq / values.length) : 0;
        const div = sd > 1e-8 ? sd : 1;
        for (let v = 0; v < g.data.length; v++) {
          if (o.nonzero && g.data[v] === 0) continue;
          g.data[v] = (g.data[v]! - mean) / div;
        }
      } else {
        values.sort();
        const lo = percentile(values, o.lower);
        const hi = percentile(values, o.upper);
        const span = hi - lo > 1e-8 ? hi - lo : 1;
        for (let v = 0; v < g.data.length; v++) {
          const s = (g.data[v]! - lo) / span;
          g.data[v] = s < 0 ? 0 : s > 1 ? 1 : s;
        }
      }
      putChannel(x, n * size, ch, c, g.data);
    }
  }
  return { ...set, x };
}

/** Copies the box starting at `start` ([i, j, k]) of `size` ([w, h, d]) out of every channel of an example. */
function cropBox(x: Float32Array, offset: number, shape: readonly number[], start: readonly number[], size: readonly number[]): Float32Array {
  const [w, h, , ch] = dims(shape);
  const out = new Float32Array(size[0]! * size[1]! * size[2]! * ch);
  let o = 0;
  for (let k = 0; k < size[2]!; k++) {
    for (let j = 0; j < size[1]!; j++) {
      const row = offset + (((k + start[2]!) * h + (j + start[1]!)) * w + start[0]!) * ch;
      out.set(x.subarray(row, row + size[0]! * ch), o);
      o += size[0]! * ch;
    }
  }
  return out;
}

export interface PatchOptions {
  /** Patch size [D, H, W] (for 2D images [H, W]). */
  size: readonly number[];
  perExample: number;
  /** The chance that a patch is centred on a foreground voxel of the label map (segmentation only). */
  foreground: number;
  seed: number;
  /**
   * Patches of one example that training keeps together when it shuffles (drawn from one read of the
   * scan when it is read on demand); 1 or absent: every patch is shuffled on its own.
   */
  perRead?: number;
}

/**
 * Cuts random patches from every example; for segmentation, a share of the patches is centred on a
 * random foreground voxel (oversampling small lesions that random patches would mostly miss). The
 * label map is cut at the same place; a class or number label is copied to each patch.
 */
export function samplePatches(set: ExampleSet, o: PatchOptions): ExampleSet {
  const [w, h, d, ch] = dims(set.imageShape);
  const twoD = set.imageShape.length === 3;
  const ps = twoD ? [o.size[1]!, o.size[0]!, 1] : [o.size[2]!, o.size[1]!, o.size[0]!];
  if (ps[0]! > w || ps[1]! > h || ps[2]! > d) {
    throw new DataError(`Patches of [${o.size.join(', ')}] do not fit in examples of [${set.imageShape.slice(0, -1).join(', ')}].`, 'Choose a smaller patch size, or pad the volumes first (the volume source has a size setting).');
  }
  const spatial = hasSpatialLabel(set);
  const size = exampleSize(set.imageShape);
  const lsize = exampleSize(set.labelShape);
  const lch = spatial ? set.labelShape[set.labelShape.length - 1]! : 0;
  const count = set.n * o.perExample;
  const psize = ps[0]! * ps[1]! * ps[2]!;
  const x = new Float32Array(count * psize * ch);
  const plsize = spatial ? psize * lch : lsize;
  const y = new Float32Array(count * plsize);
  const ids: string[] = [];
  const groups: string[] = [];
  let m = 0;
  for (let n = 0; n < set.n; n++) {
    // Each example draws from its own stream (the seed and its id), so one case read alone gets the same patches.
    const random = exampleRandom(o.seed, set, n);
    const fg: number[] = [];
    if (spatial && o.foreground > 0) {
      for (let v = 0; v < w * h * d; v++) {
        for (let c = 0; c < lch; c++) if (set.y[n * lsize + v * lch + c] !== 0) { fg.push(v); break; }
      }
    }
    for (let p = 0; p < o.perExample; p++, m++) {
      const start = patchStart(random, [w, h, d], ps, fg.length > 0 && random.next() < o.foreground ? fg[random.int(fg.length)]! : null);
      x.set(cropBox(set.x, n * size, set.imageShape, start, ps), m * psize * ch);
      if (spatial) y.set(cropBox(set.y, n * lsize, set.labelShape, start, ps), m * plsize);
      else y.set(set.y.subarray(n * lsize, (n + 1) * lsize), m * plsize);
      ids.push(`${set.ids[n]}#${p + 1}`);
      groups.push(set.groups[n]!);
    }
  }
  const imageShape = twoD ? [ps[1]!, ps[0]!, ch] : [ps[2]!, ps[1]!, ps[0]!, ch];
  const labelShape = spatial ? [...imageShape.slice(0, -1), lch] : set.labelShape;
  const { runs: _runs, ...rest } = set;
  const runs = o.perRead && o.perRead > 1 ? { runs: { per: o.perExample, length: Math.min(o.perRead, o.perExample) } } : {};
  return { ...rest, x, y, n: count, imageShape, labelShape, ids, groups, ...runs };
}

/** The random stream of example `n`: from the step's seed and the example's id, never from the examples before it. */
function exampleRandom(seed: number, set: Pick<ExampleSet, 'ids'>, n: number): Random {
  return createRandom(deriveSeed(seed, `example ${set.ids[n] ?? n}`));
}

function patchStart(random: Random, dimsOf: readonly number[], ps: readonly number[], centre: number | null): number[] {
  if (centre === null) return [0, 1, 2].map((a) => random.int(dimsOf[a]! - ps[a]! + 1));
  const c = [centre % dimsOf[0]!, Math.floor(centre / dimsOf[0]!) % dimsOf[1]!, Math.floor(centre / (dimsOf[0]! * dimsOf[1]!))];
  return [0, 1, 2].map((a) => Math.min(Math.max(c[a]! - Math.floor(ps[a]! / 2), 0), dimsOf[a]! - ps[a]!));
}

export interface AugmentOptions {
  /** Flip each of these axes with probability 1/2: 'x' (left–right), 'y', 'z'. */
  flip: readonly ('x' | 'y' | 'z')[];
  /** Largest in-plane rotation, degrees (drawn uniformly in ±). */
  rotate: number;
  /** Largest relative zoom, e.g. 0.1 for 0.9…1.1. */
  scale: number;
  /** Largest relative intensity change, e.g. 0.1 multiplies by 0.9…1.1 and shifts by ±0.1 × spread. */
  intensity: number;
  /** Gaussian noise standard deviation, as a fraction of each channel's spread. */
  noise: number;
  seed: number;
}

/**
 * Random flips, in-plane rotation and zoom (one transform per example, applied to every channel and
 * to the label map with nearest neighbour), then intensity scale/shift and noise on the image only.
 */
export function augmentExamples(set: ExampleSet, o: AugmentOptions): ExampleSet {
  const [w, h, d, ch] = dims(set.imageShape);
  const spatial = hasSpatialLabel(set);
  const lch = spatial ? set.labelShape[set.labelShape.length - 1]! : 0;
  const size = exampleSize(set.imageShape);
  const lsize = exampleSize(set.labelShape);
  const x = set.x.slice();
  const y = set.y.slice();
  const geometric = o.flip.length > 0 || o.rotate > 0 || o.scale > 0;
  for (let n = 0; n < set.n; n++) {
    const random = exampleRandom(o.seed, set, n);
    if (geometric) {
      const fx = o.flip.includes('x') && random.next() < 0.5;
      const fy = o.flip.includes('y') && random.next() < 0.5;
      const fz = o.flip.includes('z') && random.next() < 0.5;
      const angle = (random.uniform(-o.rotate, o.rotate) * Math.PI) / 180;
      const zoom = 1 + random.uniform(-o.scale, o.scale);
      const cos = Math.cos(angle) / zoom;
      const sin = Math.sin(angle) / zoom;
      const cx = (w - 1) / 2;
      const cy = (h - 1) / 2;
      // Inverse map from an output voxel to the input: undo the zoom and rotation about the centre, then the flips.
      const at = (i: number, j: number, k: number): number[] => {
        const u = i - cx;
        const v = j - cy;
        const si = cos * u + sin * v + cx;
        const sj = -sin * u + cos * v + cy;
        return [fx ? w - 1 - si : si, fy ? h - 1 - sj : sj, fz ? d - 1 - k : k];
      };
      const warp = (arr: Float32Array, offset: number, shape: readonly number[], channels: number, method: Interpolation) => {
        for (let c = 0; c < channels; c++) {
          const g = channelGrid(arr, offset, shape, c);
          putChannel(arr, offset, channels, c, sampleGrid(g, g.shape, at, method));
        }
      };
      warp(x, n * size, set.imageShape, ch, 'linear');
      if (spatial) warp(y, n * lsize, set.labelShape, lch, set.task === 'segmentation' ? 'nearest' : 'linear');
    }
    if (o.intensity > 0 || o.noise > 0) {
      for (let c = 0; c < ch; c++) {
        const g = channelGrid(x, n * size, set.imageShape, c);
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of g.data) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        const spread = hi - lo || 1;
        const gain = 1 + random.uniform(-o.intensity, o.intensity);
        const shift = random.uniform(-o.intensity, o.intensity) * spread;
        for (let v = 0; v < g.data.length; v++) g.data[v] = g.data[v]! * gain + shift + (o.noise > 0 ? random.normal() * o.noise * spread : 0);
        putChannel(x, n * size, ch, c, g.data);
      }
    }
  }
  return { ...set, x, y };
}

/** [W, H, D, C] of a volume set, or a clear error for images and other shapes. */
function volumeDims(set: ExampleSet, what: string): [number, number, number, number] {
  if (set.imageShape.length !== 4) throw new DataError(`${what} works on 3D volumes [depth, height, width, channels], but the examples have the shape [${set.imageShape.join(', ')}].`, 'Put it after a volume source such as Volume Folder.');
  return dims(set.imageShape);
}

/** The label's channel count when it is a map over the voxels (segmentation, dose), else 0. */
function labelChannels(set: ExampleSet): number {
  return hasSpatialLabel(set) ? set.labelShape[set.labelShape.length - 1]! : 0;
}

/** Applies `f` to every channel grid of every example's image (and label map), packing the results of shape `to` ([W, H, D]). */
function mapGrids(set: ExampleSet, to: readonly [number, number, number], f: (g: Grid, n: number, image: boolean, c: number) => Float32Array): { x: Float32Array; y: Float32Array; imageShape: number[]; labelShape: number[] } {
  const [, , , ch] = volumeDims(set, 'This step');
  const lch = labelChannels(set);
  const voxels = to[0] * to[1] * to[2];
  const size = exampleSize(set.imageShape);
  const lsize = exampleSize(set.labelShape);
  const x = new Float32Array(set.n * voxels * ch);
  const y = lch ? new Float32Array(set.n * voxels * lch) : set.y.slice();
  for (let n = 0; n < set.n; n++) {
    for (let c = 0; c < ch; c++) putChannel(x, n * voxels * ch, ch, c, f(channelGrid(set.x, n * size, set.imageShape, c), n, true, c));
    for (let c = 0; c < lch; c++) putChannel(y, n * voxels * lch, lch, c, f(channelGrid(set.y, n * lsize, set.labelShape, c), n, false, c));
  }
  const spatial = [to[2], to[1], to[0]];
  return { x, y, imageShape: [...spatial, ch], labelShape: lch ? [...spatial, lch] : set.labelShape };
}

/** The shape ([D, H, W, C] image) and spacing a volume set of `imageShape` at `from` mm gets when resampled to `to` mm. */
export function resampledVolume(imageShape: readonly number[], from: readonly number[], to: readonly [number, number, number]): { spatial: [number, number, number]; spacing: [number, number, number] } {
  const whd = [imageShape[2]!, imageShape[1]!, imageShape[0]!];
  const [w, h, d] = resampledShape(whd, from, to);
  return { spatial: [d, h, w], spacing: rescaledSpacing(from, whd, [w, h, d]) };
}

/**
 * Resamples every volume from the set's voxel spacing (or `assume`, when the set records none) to
 * `spacing` ([x, y, z] mm) over the same field of view: images trilinear, segmentation masks nearest
 * neighbour (labels stay whole), dose maps trilinear. The set's spacing becomes the one reached.
 */
export function resampleExamples(set: ExampleSet, o: { spacing: readonly [number, number, number]; assume?: readonly number[] | null }): ExampleSet {
  volumeDims(set, 'Resampling');
  const from = set.spacing ?? o.assume;
  if (!from) throw new DataError('Resampling needs the voxel spacing of the volumes, but this data does not record one.', 'Set a voxel spacing in the Volume Folder block, or enter the spacing of these volumes under "Spacing when unknown".');
  const { spatial, spacing } = resampledVolume(set.imageShape, from, o.spacing);
  const to: [number, number, number] = [spatial[2], spatial[1], spatial[0]];
  const labelMethod: Interpolation = set.task === 'segmentation' ? 'nearest' : 'linear';
  const out = mapGrids(set, to, (g, _n, image) => resampleGrid({ ...g, spacing: [from[0]!, from[1]!, from[2]!] }, o.spacing, image ? 'linear' : labelMethod).data);
  return { ...set, ...out, spacing };
}

export interface CropPadOptions {
  /** [x, y, z] voxels. */
  size: readonly [number, number, number];
  /** Centre the window on the volume, or on the label mask's foreground (segmentation; the volume's centre when a mask is empty). */
  crop: 'centre' | 'foreground';
  /** What fills the image outside the volume; null: each image channel's own minimum. */
  pad: number | null;
}

/** The foreground of an example's label map as a 0/1 grid: non-zero values of a single-channel mask, or any class but the first (background) of a one-hot map. */
function foregroundGrid(set: ExampleSet, n: number): Grid {
  const lch = labelChannels(set);
  const [w, h, d] = dims(set.labelShape);
  const lsize = exampleSize(set.labelShape);
  const data = new Float32Array(w * h * d);
  const first = lch > 1 ? 1 : 0;
  for (let v = 0; v < data.length; v++) {
    for (let c = first; c < lch; c++) if (set.y[n * lsize + v * lch + c] !== 0) { data[v] = 1; break; }
  }
  return { data, shape: [w, h, d], spacing: [1, 1, 1] };
}

/**
 * Crops and/or pads every volume (and its label map, at the same place) to `size` voxels around the
 * volume's centre or the mask's foreground. Images are padded with `pad` (or their minimum), masks
 * with background: 0, or 1 in the background channel of a one-hot map. The spacing is unchanged.
 */
export function cropPadExamples(set: ExampleSet, o: CropPadOptions): ExampleSet {
  const [w, h, d] = volumeDims(set, 'Crop/pad');
  const lch = labelChannels(set);
  const centres = Array.from({ length: set.n }, (_, n) => (o.crop === 'foreground' && lch > 0 && foregroundCentre(foregroundGrid(set, n))) || gridCentre([w, h, d]));
  const out = mapGrids(set, o.size, (g, n, image, c) => {
    const pad = image ? (o.pad ?? minimum(g.data)) : lch > 1 && c === 0 && set.task === 'segmentation' ? 1 : 0;
    return cropOrPad(g, o.size, centres[n]!, pad).data;
  });
  return { ...set, ...out };
}
