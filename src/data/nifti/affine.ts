import type { Mat4 } from '../volume';
import type { NiftiHeader } from './header';

/**
 * The voxel → RAS affine exactly as nibabel's `get_best_affine()` chooses it: the sform when its code is
 * set, else the qform when its code is set, else the Analyze-style base affine (x flipped, centred).
 */
export function niftiAffine(h: NiftiHeader, shape: number[]): Mat4 {
  if (h.sformCode !== 0) return [...h.srow.map((r) => [...r]), [0, 0, 0, 1]];
  if (h.qformCode !== 0) return qformAffine(h);
  return baseAffine(shape, h.pixdim.slice(1, 1 + Math.max(shape.length, 1)));
}

/** nibabel's `get_qform()`: quaternion (b, c, d) → rotation, times pixdim with qfac on the third axis. */
export function qformAffine(h: NiftiHeader): Mat4 {
  const [b, c, d] = h.quatern;
  const w2 = 1 - (b * b + c * c + d * d);
  // nibabel's fillpositive: tiny negative w² (rounding in float32) counts as 0.
  const a = w2 < 0 ? 0 : Math.sqrt(w2);
  const R = quatToMat(a, b, c, d);
  // nibabel's header check sets a qfac other than ±1 to 1.
  const qfac = h.pixdim[0] === -1 ? -1 : 1;
  const vox = [Math.abs(h.pixdim[1]!), Math.abs(h.pixdim[2]!), Math.abs(h.pixdim[3]!) * qfac];
  const m: Mat4 = [0, 1, 2].map((r) => [R[r]![0]! * vox[0]!, R[r]![1]! * vox[1]!, R[r]![2]! * vox[2]!, h.qoffset[r]!]);
  m.push([0, 0, 0, 1]);
  return m;
}

function quatToMat(w: number, x: number, y: number, z: number): number[][] {
  const n = w * w + x * x + y * y + z * z;
  if (n < Number.EPSILON) return [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const s = 2 / n;
  const X = x * s, Y = y * s, Z = z * s;
  const wX = w * X, wY = w * Y, wZ = w * Z;
  const xX = x * X, xY = x * Y, xZ = x * Z;
  const yY = y * Y, yZ = y * Z, zZ = z * Z;
  return [
    [1 - (yY + zZ), xY - wZ, xZ + wY],
    [xY + wZ, 1 - (xX + zZ), yZ - wX],
    [xZ - wY, yZ + wX, 1 - (xX + yY)],
  ];
}

/** nibabel's `shape_zoom_affine(shape, zooms, x_flip=True)`. */
export function baseAffine(shape: number[], zooms: number[]): Mat4 {
  const s = [0, 1, 2].map((i) => shape[i] ?? 1);
  const z = [0, 1, 2].map((i) => zooms[i] ?? 1);
  z[0] = -z[0]!;
  const m: Mat4 = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (r === c ? z[r]! : 0)).concat(-((s[r]! - 1) / 2) * z[r]!));
  m.push([0, 0, 0, 1]);
  return m;
}
