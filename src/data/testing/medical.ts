import type { Volume } from '../volume';

/** Voxel at (i, j, k[, t]) of a volume stored i-fastest. */
export function voxel(v: Volume, index: number[]): number {
  let at = 0;
  let stride = 1;
  for (let d = 0; d < v.shape.length; d++) {
    at += index[d]! * stride;
    stride *= v.shape[d]!;
  }
  return v.data[at]!;
}

/** Closeness at float32 precision, relative to the magnitude involved. */
export function close(a: number, b: number, rel = 1e-5, abs = 1e-6): boolean {
  return Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));
}
