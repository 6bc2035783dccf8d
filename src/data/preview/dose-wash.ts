/**
 * A dose map over its scan, as treatment-planning systems show it: the scan slice in grey, and where the
 * dose is at least `floor` of `doseMax`, a colour wash from blue (low) through green and yellow to red
 * (the prescription and above), half transparent. Pure: RGBA bytes for a 2D canvas.
 */
import type { Rgb } from './pixels';

/** Blue → cyan → green → yellow → red, for 0 … 1. */
export function doseColour(f: number): Rgb {
  const x = Math.max(0, Math.min(1, f)) * 4;
  const stops: Rgb[] = [
    [40, 60, 230],
    [30, 200, 230],
    [40, 200, 70],
    [250, 210, 20],
    [230, 40, 40],
  ];
  const i = Math.min(3, Math.floor(x));
  const t = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * Slice z of an example laid out D × H × W × C (channels last): channel `channel` of `image` in grey
 * (stretched to that slice's range), with `dose` (D × H × W, one value per voxel) washed over it.
 * Row 0 is drawn at the top, as the example's own rows are.
 */
export function doseWashPixels(image: ArrayLike<number>, shape: readonly number[], channel: number, dose: ArrayLike<number>, z: number, doseMax: number, floor = 0.05): Uint8ClampedArray {
  const [d, h, w, c] = [shape[0]!, shape[1]!, shape[2]!, shape[3] ?? 1];
  const k = Math.max(0, Math.min(d - 1, z));
  const ch = Math.max(0, Math.min(c - 1, channel));
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < h * w; p++) {
    const v = image[(k * h * w + p) * c + ch]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi > lo ? hi - lo : 1;
  const top = doseMax > 0 ? doseMax : 1;
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    const g = ((image[(k * h * w + p) * c + ch]! - lo) / span) * 255;
    const f = dose[k * h * w + p]! / top;
    const o = p * 4;
    if (f >= floor) {
      const col = doseColour(f);
      out[o] = 0.45 * g + 0.55 * col[0];
      out[o + 1] = 0.45 * g + 0.55 * col[1];
      out[o + 2] = 0.45 * g + 0.55 * col[2];
    } else {
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
    }
    out[o + 3] = 255;
  }
  return out;
}
