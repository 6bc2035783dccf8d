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
 * Slice k of a volume, grey from `min` to `max`, rows flipped so that anterior/superior is up for the
 * usual RAS/LPS orientations, with a mask on the same grid (its non-zero values) blended in colour.
 */
export function slicePixels(volume: SliceSource, mask: { data: ArrayLike<number> } | null, k: number, min: number, max: number, palette: readonly Rgb[] = RED): Uint8ClampedArray {
  const [ni = 1, nj = 1, nk = 1] = volume.shape;
  const slice = Math.max(0, Math.min(k, nk - 1));
  const out = new Uint8ClampedArray(ni * nj * 4);
  const span = max - min || 1;
  for (let j = 0; j < nj; j++) {
    for (let i = 0; i < ni; i++) {
      const src = i + ni * (j + nj * slice);
      const g = grey(volume.data[src]!, min, span);
      put(out, 4 * (i + ni * (nj - 1 - j)), g, g, g, mask ? mask.data[src]! : 0, palette);
    }
  }
  return out;
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
