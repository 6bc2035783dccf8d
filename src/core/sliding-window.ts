/**
 * Sliding-window inference, the pure half: where the windows go over a volume and how much each voxel
 * of a window counts when overlapping windows are blended. The same algorithm as MONAI's
 * `sliding_window_inference` (scan interval, `dense_patch_slices`, `compute_importance_map`) so results
 * can be checked against it; the tfjs half that runs the model lives in src/runtime/sliding-window.ts.
 *
 * Volumes are channels-last, [D, H, W, C] (or [H, W, C] for 2D), like every Jimu example.
 */

/** How the windows' predictions are blended where they overlap. */
export type BlendMode = 'gaussian' | 'constant';

export interface SlidingWindowSettings {
  /** Share of a window shared with its neighbour along each axis, 0 ≤ overlap < 1. */
  overlap: number;
  /** 'gaussian': the centre of a window counts more than its border (nnU-Net); 'constant': plain mean. */
  mode: BlendMode;
  /** Gaussian σ as a share of the window's size along each axis. */
  sigmaScale: number;
}

/**
 * nnU-Net's choices (half-overlapping windows, Gaussian weights with σ = window / 8), which MONAI's
 * `sliding_window_inference` takes with `overlap=0.5, mode="gaussian"` (its σ default is 0.125 too).
 */
export const SLIDING_WINDOW_DEFAULTS: SlidingWindowSettings = { overlap: 0.5, mode: 'gaussian', sigmaScale: 0.125 };

export interface WindowPlan {
  /** The volume's spatial size. */
  volume: number[];
  /** The window's spatial size. */
  window: number[];
  /** Zero padding before the volume along each axis when it is smaller than the window (MONAI pads diff // 2 first). */
  padBefore: number[];
  /** The padded grid the windows tile: max(volume, window) per axis. */
  padded: number[];
  /** Step between window starts per axis (MONAI's scan interval). */
  interval: number[];
  /** Window starts in padded coordinates, first axis slowest (the order MONAI visits them). */
  starts: number[][];
}

/** MONAI's `_get_scan_interval`: the window size where it equals the volume, else window × (1 − overlap), at least 1. */
export function scanInterval(padded: readonly number[], window: readonly number[], overlap: number): number[] {
  return window.map((w, i) => (w === padded[i] ? w : Math.max(1, Math.trunc(w * (1 - overlap)))));
}

/**
 * Where the windows go. A volume smaller than the window along an axis is padded (half before, the rest
 * after); windows then step by the scan interval, the last one pushed back to end at the volume's edge.
 */
export function planWindows(volume: readonly number[], window: readonly number[], overlap = SLIDING_WINDOW_DEFAULTS.overlap): WindowPlan {
  if (volume.length !== window.length) throw new RangeError(`a ${window.length}-axis window cannot slide over a ${volume.length}-axis volume`);
  if (!(overlap >= 0 && overlap < 1)) throw new RangeError(`overlap must be at least 0 and below 1, not ${overlap}`);
  if (![...volume, ...window].every((n) => Number.isInteger(n) && n > 0)) throw new RangeError(`sizes must be positive whole numbers: volume [${volume.join(', ')}], window [${window.join(', ')}]`);
  const padded = volume.map((v, i) => Math.max(v, window[i]!));
  const padBefore = volume.map((v, i) => Math.floor((padded[i]! - v) / 2));
  const interval = scanInterval(padded, window, overlap);
  const perAxis = padded.map((size, i) => {
    const w = window[i]!;
    const step = interval[i]!;
    // The first start whose window reaches the far edge is the last one (dense_patch_slices).
    const count = Math.ceil(size / step);
    let last = count - 1;
    for (let d = 0; d < count; d++) {
      if (d * step + w >= size) {
        last = d;
        break;
      }
    }
    return Array.from({ length: last + 1 }, (_, d) => d * step - Math.max(d * step + w - size, 0));
  });
  const starts: number[][] = [[]];
  for (const axis of perAxis) {
    const next: number[][] = [];
    for (const s of starts) for (const a of axis) next.push([...s, a]);
    starts.splice(0, starts.length, ...next);
  }
  return { volume: [...volume], window: [...window], padBefore, padded, interval, starts };
}

/**
 * The weight of every voxel of a window (first axis slowest), as MONAI's `compute_importance_map`:
 * ones, or the product of 1D Gaussians exp(−x² / 2σ²) over x centred on the window (σ = size × sigmaScale),
 * raised to at least its smallest value and 1e-3 so that no voxel of a window counts for nothing.
 */
export function importanceMap(window: readonly number[], mode: BlendMode = SLIDING_WINDOW_DEFAULTS.mode, sigmaScale = SLIDING_WINDOW_DEFAULTS.sigmaScale): Float32Array {
  const size = window.reduce((a, b) => a * b, 1);
  const map = new Float32Array(size);
  if (mode === 'constant') return map.fill(1);
  const axes = window.map((w) => {
    const sigma = w * sigmaScale;
    return Float32Array.from({ length: w }, (_, i) => {
      const x = i - (w - 1) / 2;
      return Math.exp((x * x) / (-2 * sigma * sigma));
    });
  });
  // Row-major product of the axes' profiles, in float32 like MONAI's torch.float map.
  map[0] = 1;
  let filled = 1;
  for (const profile of axes) {
    const w = profile.length;
    for (let o = filled - 1; o >= 0; o--) {
      const v = map[o]!;
      for (let i = 0; i < w; i++) map[o * w + i] = Math.fround(v * profile[i]!);
    }
    filled *= w;
  }
  let min = Infinity;
  for (let i = 0; i < size; i++) if (map[i]! < min) min = map[i]!;
  const floor = Math.max(min, 1e-3);
  for (let i = 0; i < size; i++) if (map[i]! < floor) map[i] = floor;
  return map;
}

/** Row-major strides of a shape (last axis fastest). */
function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/**
 * Copies one window of a channels-last volume (`volume` = its spatial size, `channels` values per voxel)
 * into `out` at `outOffset`, with zeros where the window lies in the padding. `start` is in the padded grid.
 */
export function extractWindow(src: Float32Array, plan: WindowPlan, channels: number, start: readonly number[], out: Float32Array, outOffset = 0, srcOffset = 0): void {
  const { volume, window, padBefore } = plan;
  const dims = window.length;
  const vs = stridesOf(volume);
  const ws = stridesOf(window);
  const rows = ws[0]! * window[0]! / window[dims - 1]!;
  const last = dims - 1;
  const w = window[last]!;
  for (let r = 0; r < rows; r++) {
    const voxel = rowVoxel(r, volume, padBefore, start, vs, ws, w);
    const base = srcOffset + voxel * channels;
    const dst = outOffset + r * w * channels;
    if (voxel < 0) {
      out.fill(0, dst, dst + w * channels);
      continue;
    }
    const x0 = start[last]! - padBefore[last]!;
    const lo = Math.max(0, -x0);
    const hi = Math.min(w, volume[last]! - x0);
    if (lo > 0) out.fill(0, dst, dst + lo * channels);
    if (hi > lo) out.set(src.subarray(base + (x0 + lo) * channels, base + (x0 + hi) * channels), dst + lo * channels);
    if (hi < w) out.fill(0, dst + Math.max(hi, lo) * channels, dst + w * channels);
  }
}

/**
 * Where row `r` of a window (a run along the last axis) starts in the volume, in voxels over every axis but
 * the last (the last axis's offset is the caller's); -1 when the row lies in the padding outside the volume.
 */
function rowVoxel(r: number, volume: readonly number[], padBefore: readonly number[], start: readonly number[], vs: readonly number[], ws: readonly number[], w: number): number {
  let rem = r;
  let base = 0;
  for (let a = 0; a < volume.length - 1; a++) {
    const rowsPer = ws[a]! / w;
    const k = Math.floor(rem / rowsPer);
    rem -= k * rowsPer;
    const v = start[a]! + k - padBefore[a]!;
    if (v < 0 || v >= volume[a]!) return -1;
    base += v * vs[a]!;
  }
  return base;
}

/**
 * Adds one window's prediction (`channels` values per voxel, channels-last) times the importance map into
 * `sum`, and the map into `weight` (one value per voxel), over the voxels that lie inside the volume: the
 * padding is cropped away at the end, as MONAI does, so it is never accumulated.
 */
export function accumulateWindow(pred: Float32Array, predOffset: number, plan: WindowPlan, channels: number, start: readonly number[], importance: Float32Array, sum: Float32Array, weight: Float32Array): void {
  const { volume, window, padBefore } = plan;
  const dims = window.length;
  const vs = stridesOf(volume);
  const ws = stridesOf(window);
  const last = dims - 1;
  const w = window[last]!;
  const rows = ws[0]! * window[0]! / w;
  for (let r = 0; r < rows; r++) {
    const base = rowVoxel(r, volume, padBefore, start, vs, ws, w);
    if (base < 0) continue;
    const x0 = start[last]! - padBefore[last]!;
    const lo = Math.max(0, -x0);
    const hi = Math.min(w, volume[last]! - x0);
    for (let i = lo; i < hi; i++) {
      const m = importance[r * w + i]!;
      const voxel = base + x0 + i;
      weight[voxel] = weight[voxel]! + m;
      const p = predOffset + (r * w + i) * channels;
      const s = voxel * channels;
      for (let c = 0; c < channels; c++) sum[s + c] = sum[s + c]! + m * pred[p + c]!;
    }
  }
}

/** Divides the weighted sums by the weights, in place: the blended prediction. */
export function finishBlend(sum: Float32Array, weight: Float32Array, channels: number): Float32Array {
  for (let v = 0; v < weight.length; v++) {
    const w = weight[v]!;
    for (let c = 0; c < channels; c++) sum[v * channels + c] = sum[v * channels + c]! / w;
  }
  return sum;
}

/**
 * Blends window predictions over a whole volume, with no model: `predictWindows` is given a batch of
 * windows and gives back their predictions. The runtime passes the model; tests pass plain functions.
 */
export async function slideOverVolume(
  volume: { x: Float32Array; shape: readonly number[] },
  window: readonly number[],
  outChannels: number,
  predictWindows: (batch: Float32Array, count: number) => Promise<Float32Array> | Float32Array,
  options: Partial<SlidingWindowSettings> & { batchSize?: number } = {},
): Promise<{ values: Float32Array; shape: number[]; windows: number }> {
  const settings = { ...SLIDING_WINDOW_DEFAULTS, ...options };
  const spatial = volume.shape.slice(0, -1);
  const inChannels = volume.shape.at(-1)!;
  const plan = planWindows(spatial, window, settings.overlap);
  const importance = importanceMap(window, settings.mode, settings.sigmaScale);
  const voxels = spatial.reduce((a, b) => a * b, 1);
  const perWindow = window.reduce((a, b) => a * b, 1);
  const sum = new Float32Array(voxels * outChannels);
  const weight = new Float32Array(voxels);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
  const batch = new Float32Array(Math.min(batchSize, plan.starts.length) * perWindow * inChannels);
  for (let first = 0; first < plan.starts.length; first += batchSize) {
    const starts = plan.starts.slice(first, first + batchSize);
    starts.forEach((s, i) => extractWindow(volume.x, plan, inChannels, s, batch, i * perWindow * inChannels));
    const pred = await predictWindows(batch.subarray(0, starts.length * perWindow * inChannels), starts.length);
    if (pred.length !== starts.length * perWindow * outChannels) throw new RangeError(`a window prediction has ${pred.length} values, not ${starts.length} × ${perWindow} × ${outChannels}`);
    starts.forEach((s, i) => accumulateWindow(pred, i * perWindow * outChannels, plan, outChannels, s, importance, sum, weight));
  }
  return { values: finishBlend(sum, weight, outChannels), shape: [...spatial, outChannels], windows: plan.starts.length };
}
