/**
 * Geometry and intensity operations on 3D grids, pure and allocation-bounded.
 *
 * A `Grid` is one channel of a volume with i fastest (`data[i + ni * (j + nj * k)]`), the layout of
 * `Volume.data` and of one channel of a [D, H, W, C] example (D = k, H = j, W = i).
 */
export interface Grid {
  data: Float32Array;
  /** [ni, nj, nk] */
  shape: [number, number, number];
  /** [si, sj, sk] in mm */
  spacing: [number, number, number];
}

export type Interpolation = 'linear' | 'nearest';

/** The shape a grid has once resampled to `target` spacing (at least one voxel per axis). */
export function resampledShape(shape: readonly number[], spacing: readonly number[], target: readonly number[]): [number, number, number] {
  return [0, 1, 2].map((a) => Math.max(1, Math.round((shape[a]! * spacing[a]!) / target[a]!))) as [number, number, number];
}

/**
 * The voxel spacing of a grid of `shape` once its field of view is brought to `to` voxels per axis
 * (resampling, resizing): the same millimetres over more or fewer voxels.
 */
export function rescaledSpacing(spacing: readonly number[], shape: readonly number[], to: readonly number[]): [number, number, number] {
  return [0, 1, 2].map((a) => (spacing[a]! * shape[a]!) / to[a]!) as [number, number, number];
}

/**
 * Resamples a grid to a new voxel spacing, voxel centres aligned over the same field of view:
 * trilinear for images, nearest neighbour for masks (labels stay whole numbers). The grid's spacing
 * becomes `target`, up to rounding the field of view to whole voxels (`rescaledSpacing`).
 */
export function resampleGrid(g: Grid, target: readonly [number, number, number], method: Interpolation): Grid {
  const shape = resampledShape(g.shape, g.spacing, target);
  // Source coordinate of a target voxel centre: (t + 0.5) × ratio − 0.5, ratio = source voxels per target voxel.
  const ratio = [0, 1, 2].map((a) => g.shape[a]! / shape[a]!);
  const spacing = rescaledSpacing(g.spacing, g.shape, shape);
  return { data: sampleGrid(g, shape, (i, j, k) => [(i + 0.5) * ratio[0]! - 0.5, (j + 0.5) * ratio[1]! - 0.5, (k + 0.5) * ratio[2]! - 0.5], method), shape, spacing };
}

/**
 * Fills a grid of `shape` by sampling `g` at the source coordinates `at(i, j, k)` returns; outside
 * the source the edge value is repeated (clamping), so no artificial zero border appears.
 */
export function sampleGrid(g: Grid, shape: readonly number[], at: (i: number, j: number, k: number) => readonly number[], method: Interpolation): Float32Array {
  const [ni, nj, nk] = g.shape;
  const out = new Float32Array(shape[0]! * shape[1]! * shape[2]!);
  const src = g.data;
  const clamp = (v: number, n: number) => (v < 0 ? 0 : v > n - 1 ? n - 1 : v);
  let o = 0;
  for (let k = 0; k < shape[2]!; k++) {
    for (let j = 0; j < shape[1]!; j++) {
      for (let i = 0; i < shape[0]!; i++) {
        const p = at(i, j, k);
        const x = clamp(p[0]!, ni);
        const y = clamp(p[1]!, nj);
        const z = clamp(p[2]!, nk);
        if (method === 'nearest') {
          out[o++] = src[Math.round(x) + ni * (Math.round(y) + nj * Math.round(z))]!;
          continue;
        }
        const x0 = Math.floor(x);
        const y0 = Math.floor(y);
        const z0 = Math.floor(z);
        const x1 = Math.min(x0 + 1, ni - 1);
        const y1 = Math.min(y0 + 1, nj - 1);
        const z1 = Math.min(z0 + 1, nk - 1);
        const fx = x - x0;
        const fy = y - y0;
        const fz = z - z0;
        const v = (ii: number, jj: number, kk: number) => src[ii + ni * (jj + nj * kk)]!;
        const c00 = v(x0, y0, z0) * (1 - fx) + v(x1, y0, z0) * fx;
        const c10 = v(x0, y1, z0) * (1 - fx) + v(x1, y1, z0) * fx;
        const c01 = v(x0, y0, z1) * (1 - fx) + v(x1, y0, z1) * fx;
        const c11 = v(x0, y1, z1) * (1 - fx) + v(x1, y1, z1) * fx;
        out[o++] = (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
      }
    }
  }
  return out;
}

/** The centre (voxel indices) of the bounding box of a mask's non-zero voxels, or null when it is empty. */
export function foregroundCentre(mask: Grid): [number, number, number] | null {
  const [ni, nj] = mask.shape;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let o = 0; o < mask.data.length; o++) {
    if (mask.data[o] === 0) continue;
    const i = o % ni;
    const j = Math.floor(o / ni) % nj;
    const k = Math.floor(o / (ni * nj));
    const p = [i, j, k];
    for (let a = 0; a < 3; a++) {
      if (p[a]! < lo[a]!) lo[a] = p[a]!;
      if (p[a]! > hi[a]!) hi[a] = p[a]!;
    }
  }
  if (lo[0] === Infinity) return null;
  return [0, 1, 2].map((a) => Math.floor((lo[a]! + hi[a]!) / 2)) as [number, number, number];
}

/** The grid centre, in voxel indices. */
export function gridCentre(shape: readonly number[]): [number, number, number] {
  return [0, 1, 2].map((a) => Math.floor(shape[a]! / 2)) as [number, number, number];
}

/**
 * Crops and/or pads a grid to `size`, the window centred on `centre` (voxel indices) and shifted to
 * stay inside the grid where the grid is large enough; outside the grid, `pad` fills.
 */
export function cropOrPad(g: Grid, size: readonly [number, number, number], centre: readonly number[], pad: number): Grid {
  const start = [0, 1, 2].map((a) => {
    const n = g.shape[a]!;
    const s = size[a]!;
    if (s >= n) return -Math.floor((s - n) / 2); // pad evenly
    return Math.min(Math.max(centre[a]! - Math.floor(s / 2), 0), n - s); // crop, kept inside
  });
  const [ni, nj, nk] = g.shape;
  const out = new Float32Array(size[0] * size[1] * size[2]).fill(pad);
  let o = 0;
  for (let k = 0; k < size[2]; k++) {
    const z = k + start[2]!;
    for (let j = 0; j < size[1]; j++) {
      const y = j + start[1]!;
      for (let i = 0; i < size[0]; i++, o++) {
        const x = i + start[0]!;
        if (x < 0 || y < 0 || z < 0 || x >= ni || y >= nj || z >= nk) continue;
        out[o] = g.data[x + ni * (y + nj * z)]!;
      }
    }
  }
  return { data: out, shape: [...size], spacing: g.spacing };
}

/** The smallest value (what padding an image with its minimum uses: air on CT), 0 for no values. */
export function minimum(data: Float32Array): number {
  let m = Infinity;
  for (const v of data) if (v < m) m = v;
  return Number.isFinite(m) ? m : 0;
}

/** CT window presets (level, width) in Hounsfield units, as radiology references list them. */
export const CT_WINDOWS = {
  brain: { level: 40, width: 80 },
  lung: { level: -600, width: 1500 },
  abdomen: { level: 50, width: 400 },
  bone: { level: 400, width: 1800 },
  softTissue: { level: 50, width: 350 },
} as const;
export type CtWindow = keyof typeof CT_WINDOWS;

/** Maps [level − width/2, level + width/2] to [0, 1], clipping outside, in place. */
export function applyWindow(data: Float32Array, level: number, width: number): void {
  const lo = level - width / 2;
  for (let o = 0; o < data.length; o++) {
    const v = (data[o]! - lo) / width;
    data[o] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

/** The p-th percentile (0…100) of values, by linear interpolation between order statistics (NumPy's default). */
export function percentile(sorted: Float32Array, p: number): number {
  if (sorted.length === 0) return 0;
  const r = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(r);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (r - lo);
}
