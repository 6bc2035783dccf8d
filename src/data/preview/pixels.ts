/**
 * Turning example values into RGBA pixels for a 2D canvas: slices of volumes, 2D images in grey or
 * colour, masks blended in colour. Pure (no DOM): the views put the bytes in an ImageData.
 */

export type Rgb = readonly [number, number, number];

/** Mask colours by class (1, 2, 3 …): red, green, yellow as BraTS viewers show necrosis, edema, enhancing; then blue, magenta, cyan. */
export const MASK_PALETTE: readonly Rgb[] = [
  [230, 40, 40],
  [40, 200, 70],
  [250, 210, 20],
  [50, 120, 240],
  [220, 60, 220],
  [30, 210, 220],
];

/** The single mask colour of the datasets page's viewer (any non-zero value). */
export const RED: readonly Rgb[] = [[254, 0, 0]];

/** A volume as the slice viewer reads it: i fastest, then j, then k (slices along k). */
export interface SliceSource {
  data: ArrayLike<number>;
  shape: readonly number[];
}

/** The slice a view opens on: the middle one. */
export function middleSlice(depth: number): number {
  return Math.max(0, Math.floor(depth / 2));
}

/** A range to scale values into 0–255 by; a flat image (min = max) gets a range of 1 so it shows mid-grey or black, not NaN. */
export function displayRange(min: number, max: number): { min: number; max: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  return max > min ? { min, max } : { min, max: min + 1 };
}

function grey(v: number, min: number, span: number): number {
  return Math.max(0, Math.min(255, ((v - min) / span) * 255));
}

function put(out: Uint8ClampedArray, o: number, r: number, g: number, b: number, m: number, palette: readonly Rgb[]): void {
  if (m) {
    const c = palette[(Math.max(1, Math.round(Math.abs(m))) - 1) % palette.length]!;
    out[o] = 0.5 * r + 0.5 * c[0];
    out[o + 1] = 0.5 * g + 0.5 * c[1];
    out[o + 2] = 0.5 * b + 0.5 * c[2];
  } else {
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
  }
  out[o + 3] = 255;
}

/**
 * Slice k of a volume, grey from `min` to `max`, i to the right and j upwards (row j = 0 at the bottom),
 * with a mask on the same grid (its non-zero values) blended in colour: the axial plane of `planePixels`
 * without an affine. The radiological layout needs the affine: `planePixels(…, planeAxes('axial', affine), …)`.
 */
export function slicePixels(volume: SliceSource, mask: { data: ArrayLike<number> } | null, k: number, min: number, max: number, palette: readonly Rgb[] = RED): Uint8ClampedArray {
  return planePixels(volume, mask, AXIAL, k, min, max, palette).pixels;
}

/** The three planes a volume is viewed in. */
export type Plane = 'axial' | 'coronal' | 'sagittal';
export const PLANES: readonly Plane[] = ['axial', 'coronal', 'sagittal'];

/**
 * Which voxel axes (0 = i, 1 = j, 2 = k) a plane shows and which way: `across` runs left to right on
 * screen, `up` bottom to top, and the slices step along `through`. `flipAcross`: the across index grows
 * leftwards (index 0 in the rightmost column); `flipUp`: the up index grows downwards (index 0 in the
 * top row). Absent flips are false, as the viewer drew every plane before it followed the affine.
 */
export interface PlaneAxes {
  across: number;
  up: number;
  through: number;
  flipAcross?: boolean;
  flipUp?: boolean;
}

const AXIAL: PlaneAxes = { across: 0, up: 1, through: 2 };

/** A 4×4 voxel-to-RAS+ matrix, row-major (as `Volume.affine`). */
type Affine = readonly (readonly number[])[];

/** The rotation part of an affine with each column (voxel axis) scaled to unit length; null where a column is degenerate. */
function directions(affine?: Affine | null): number[][] | null {
  if (!affine || affine.length < 3) return null;
  const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => affine[r]?.[c] ?? NaN));
  for (let c = 0; c < 3; c++) {
    const n = Math.hypot(m[0]![c]!, m[1]![c]!, m[2]![c]!);
    if (!(Number.isFinite(n) && n > 0)) return null;
    for (let r = 0; r < 3; r++) m[r]![c]! /= n;
  }
  return m;
}

/**
 * The world axis (0 = right–left, 1 = anterior–posterior, 2 = superior–inferior) each voxel axis i, j, k
 * runs nearest to, from an affine's rotation part with its columns scaled to unit length (the largest
 * entry first, as nibabel's io_orientation pairs them, so an oblique scan gets its nearest axes); null
 * without an affine or with a degenerate one.
 */
export function worldAxes(affine?: Affine | null): [number, number, number] | null {
  const m = directions(affine);
  if (!m) return null;
  const out: number[] = [-1, -1, -1];
  const rows = new Set([0, 1, 2]);
  for (let n = 0; n < 3; n++) {
    let best: [number, number, number] | null = null;
    for (const r of rows) {
      for (let c = 0; c < 3; c++) {
        const v = Math.abs(m[r]![c]!);
        if (out[c] === -1 && v > 0 && (!best || v > best[2])) best = [r, c, v];
      }
    }
    if (!best) return null;
    out[best[1]] = best[0];
    rows.delete(best[0]);
  }
  return out as [number, number, number];
}

/**
 * How each plane is laid out on screen in the radiological convention of clinical viewers, as RAS+ world
 * directions: the world axis across the screen and the sign of the direction that points rightwards, the
 * world axis up the screen and the sign of the direction that points upwards. Axial: patient's left on
 * the right (−x), anterior at the top (+y); coronal: left on the right, superior at the top (+z);
 * sagittal: posterior on the right (−y, anterior on the left), superior at the top.
 */
const RADIOLOGICAL: Record<Plane, { across: number; right: 1 | -1; up: number; top: 1 | -1; through: number }> = {
  axial: { across: 0, right: -1, up: 1, top: 1, through: 2 },
  coronal: { across: 0, right: -1, up: 2, top: 1, through: 1 },
  sagittal: { across: 1, right: -1, up: 2, top: 1, through: 0 },
};

/**
 * The voxel axes that show `plane`, and their flips. With an affine: the voxel axis nearest each world
 * axis (so a sagittally acquired or oblique scan shows its true axial plane), flipped so the picture is
 * in the radiological convention (see RADIOLOGICAL: axial anterior up and the patient's right on the
 * screen's left, coronal superior up and right on the left, sagittal superior up and anterior on the
 * left). Without one: the voxel axes as an axially acquired scan has them (i right–left, j
 * anterior–posterior, k the slices), indices growing rightwards and upwards, as the viewer always drew.
 */
export function planeAxes(plane: Plane, affine?: Affine | null): PlaneAxes {
  const world = worldAxes(affine);
  const m = directions(affine);
  if (!world || !m) {
    if (plane === 'coronal') return { across: 0, up: 2, through: 1, flipAcross: false, flipUp: false };
    if (plane === 'sagittal') return { across: 1, up: 2, through: 0, flipAcross: false, flipUp: false };
    return { ...AXIAL, flipAcross: false, flipUp: false };
  }
  const want = RADIOLOGICAL[plane];
  const axis = (w: number) => world.indexOf(w);
  const across = axis(want.across);
  const up = axis(want.up);
  // The sign with which the voxel index moves along the world axis it is paired with.
  const sign = (a: number, w: number) => Math.sign(m[w]![a]!);
  return { across, up, through: axis(want.through), flipAcross: sign(across, want.across) !== want.right, flipUp: sign(up, want.up) !== want.top };
}

/**
 * Orientation letters at the four edges of a plane's picture (R/L, A/P, S/I), from the affine and the
 * flips in `axes`, so they name what is drawn there; null without an affine. An oblique axis gets the
 * letter of the world axis it is nearest to.
 */
export function planeLetters(axes: PlaneAxes, affine?: Affine | null): { left: string; right: string; top: string; bottom: string } | null {
  const world = worldAxes(affine);
  const m = directions(affine);
  if (!world || !m) return null;
  const ends = (a: number): [string, string] => {
    const w = world[a]!;
    const [plus, minus] = (['RL', 'AP', 'SI'] as const)[w]!;
    return m[w]![a]! > 0 ? [minus!, plus!] : [plus!, minus!]; // [low index end, high index end]
  };
  const [lowA, highA] = ends(axes.across);
  const [lowU, highU] = ends(axes.up);
  const [left, right] = axes.flipAcross ? [highA, lowA] : [lowA, highA];
  const [bottom, top] = axes.flipUp ? [highU, lowU] : [lowU, highU];
  return { left, right, top, bottom };
}

/**
 * The voxel (i, j, k) drawn at pixel (x, y) of slice `slice` of a plane, x from the left and y from the
 * top of its picture (both clamped into it, the slice too).
 */
export function planeVoxel(shape: readonly number[], axes: PlaneAxes, slice: number, x: number, y: number): [number, number, number] {
  const { width, height, depth } = planeShape(shape, axes);
  const clamp = (v: number, n: number) => Math.max(0, Math.min(Math.floor(v), n - 1));
  const cx = clamp(x, width);
  const cy = clamp(y, height);
  const out = [0, 0, 0];
  out[axes.across] = axes.flipAcross ? width - 1 - cx : cx;
  out[axes.up] = axes.flipUp ? cy : height - 1 - cy;
  out[axes.through] = clamp(slice, depth);
  return out as [number, number, number];
}

/** How many slices a plane has, and its picture's width and height in voxels. */
export function planeShape(shape: readonly number[], axes: PlaneAxes): { width: number; height: number; depth: number } {
  const n = (a: number) => shape[a] ?? 1;
  return { width: n(axes.across), height: n(axes.up), depth: n(axes.through) };
}

/**
 * A plane's picture on screen, its longer side `size` CSS pixels, at the physical aspect of its voxels
 * (spacing per voxel axis; anisotropic voxels are drawn stretched, not square).
 */
export function planeScreenSize(shape: readonly number[], spacing: readonly number[], axes: PlaneAxes, size: number): { width: number; height: number } {
  const { width, height } = planeShape(shape, axes);
  const s = (a: number) => (Number.isFinite(spacing[a]) && spacing[a]! > 0 ? spacing[a]! : 1);
  const w = width * s(axes.across);
  const h = height * s(axes.up);
  const scale = size / Math.max(w, h);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/**
 * Slice k (clamped) along `axes.through` as RGBA rows, top row first: the `across` index grows to the
 * right and the `up` index towards the top, each the other way where `axes` flips it (see `planeVoxel`);
 * grey from `min` to `max`, a mask on the same grid blended in colour.
 */
export function planePixels(volume: SliceSource, mask: { data: ArrayLike<number> } | null, axes: PlaneAxes, k: number, min: number, max: number, palette: readonly Rgb[] = RED): { width: number; height: number; pixels: Uint8ClampedArray } {
  const [ni = 1, nj = 1] = volume.shape;
  const stride = [1, ni, ni * nj];
  const { width, height, depth } = planeShape(volume.shape, axes);
  const slice = Math.max(0, Math.min(k, depth - 1));
  const out = new Uint8ClampedArray(width * height * 4);
  const span = max - min || 1;
  const [sa, su] = [stride[axes.across]!, stride[axes.up]!];
  const base = slice * stride[axes.through]!;
  for (let u = 0; u < height; u++) {
    const y = axes.flipUp ? u : height - 1 - u;
    for (let a = 0; a < width; a++) {
      const src = base + a * sa + u * su;
      const g = grey(volume.data[src]!, min, span);
      put(out, 4 * ((axes.flipAcross ? width - 1 - a : a) + width * y), g, g, g, mask ? mask.data[src]! : 0, palette);
    }
  }
  return { width, height, pixels: out };
}

/**
 * One channel of a channels-last volume [D, H, W, C] as the slice viewer reads it (x fastest, then y,
 * then z: shape [W, H, D]), so its slices are the axial planes.
 */
export function channelVolume(image: Float32Array, shape: readonly number[], channel: number): { data: Float32Array; shape: number[]; spacing: number[] } {
  const [d = 1, h = 1, w = 1, c = 1] = shape;
  const data = new Float32Array(d * h * w);
  for (let i = 0; i < data.length; i++) data[i] = image[i * c + channel]!;
  return { data, shape: [w, h, d], spacing: [1, 1, 1] };
}

/**
 * A 2D image [H, W, C] as RGBA, row 0 at the top: colour when `channel` is 'rgb' (C = 3), else that
 * channel in grey; scaled from `min` to `max`; a mask [H × W] blended in colour.
 */
export function imagePixels(image: Float32Array, shape: readonly number[], channel: number | 'rgb', min: number, max: number, mask: ArrayLike<number> | null = null, palette: readonly Rgb[] = MASK_PALETTE): Uint8ClampedArray {
  const [h = 1, w = 1, c = 1] = shape;
  const out = new Uint8ClampedArray(h * w * 4);
  const span = max - min || 1;
  for (let p = 0; p < h * w; p++) {
    const m = mask ? mask[p]! : 0;
    if (channel === 'rgb') put(out, 4 * p, grey(image[p * c]!, min, span), grey(image[p * c + 1]!, min, span), grey(image[p * c + 2]!, min, span), m, palette);
    else {
      const g = grey(image[p * c + channel]!, min, span);
      put(out, 4 * p, g, g, g, m, palette);
    }
  }
  return out;
}
