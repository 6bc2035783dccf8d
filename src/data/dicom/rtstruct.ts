import { check, MAX_VOXELS, MedicalFileError } from '../medical-error';
import type { Mat4 } from '../volume';
import { parseDicom } from './parse';
import { items, num, nums, str, T } from './values';

/** The image grid a structure set is drawn on: shape (i, j, k) and the voxel → RAS affine of that image. */
export interface Grid {
  shape: number[];
  affine: Mat4;
}

export interface RoiMask {
  number: number;
  name: string;
  /** 0/1 per voxel, i fastest, the grid's shape. */
  mask: Uint8Array;
  /** Contours that lay off the grid's slices and were skipped. */
  skipped: number;
}

/** Inverse of a 4×4 affine (rigid or general), by Gauss–Jordan elimination. */
export function invert(m: Mat4): Mat4 {
  const a = m.map((r, i) => [...r, ...[0, 1, 2, 3].map((j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < 4; c++) {
    let p = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    check(Math.abs(a[p]![c]!) > 1e-12, 'bad-structure-set', 'The reference image has a singular affine.');
    [a[c], a[p]] = [a[p]!, a[c]!];
    const d = a[c]![c]!;
    a[c] = a[c]!.map((v) => v / d);
    for (let r = 0; r < 4; r++) if (r !== c) {
      const f = a[r]![c]!;
      a[r] = a[r]!.map((v, j) => v - f * a[c]![j]!);
    }
  }
  return a.map((r) => r.slice(4));
}

/**
 * Rasterises every closed planar contour of an RTSTRUCT onto a reference grid. Contour points (LPS, mm) go
 * to voxel coordinates through the inverse of the grid's RAS affine; a voxel is inside when its centre is,
 * by the even–odd rule, so a contour drawn inside another on the same slice makes a hole.
 */
export function rasteriseStructures(bytes: Uint8Array, grid: Grid): RoiMask[] {
  const ds = parseDicom(bytes).dataset;
  check(str(ds, T.Modality) === 'RTSTRUCT' || items(ds, T.ROIContourSequence).length > 0, 'bad-structure-set', 'The file is not an RTSTRUCT.');
  const [ni, nj, nk] = [grid.shape[0] ?? 0, grid.shape[1] ?? 0, grid.shape[2] ?? 1];
  check(ni > 0 && nj > 0 && nk > 0 && ni * nj * nk <= MAX_VOXELS, 'bad-structure-set', `The grid ${grid.shape.join('×')} is empty or too large.`);
  const inv = invert(grid.affine);
  const names = new Map(items(ds, T.StructureSetROISequence).map((r) => [num(r, T.ROINumber) ?? -1, str(r, T.ROIName) ?? '']));
  const out: RoiMask[] = [];
  for (const roi of items(ds, T.ROIContourSequence)) {
    const number = num(roi, T.ReferencedROINumber) ?? -1;
    const mask = new Uint8Array(ni * nj * nk);
    let skipped = 0;
    let drawn = 0;
    for (const c of items(roi, T.ContourSequence)) {
      if ((str(c, T.ContourGeometricType) ?? '') !== 'CLOSED_PLANAR') continue;
      const p = nums(c, T.ContourData) ?? [];
      if (p.length < 9 || p.length % 3 !== 0 || !p.every(Number.isFinite)) {
        skipped++;
        continue;
      }
      // LPS → RAS → voxel (i, j, k).
      const vox: number[][] = [];
      for (let a = 0; a < p.length; a += 3) {
        const r = [-p[a]!, -p[a + 1]!, p[a + 2]!, 1];
        vox.push([0, 1, 2].map((row) => inv[row]!.reduce((s, m, col) => s + m * r[col]!, 0)));
      }
      const k = Math.round(vox.reduce((s, v) => s + v[2]!, 0) / vox.length);
      if (k < 0 || k >= nk || vox.some((v) => Math.abs(v[2]! - k) > 0.5)) {
        skipped++;
        continue;
      }
      fillPolygon(mask, ni, nj, k, vox);
      drawn++;
    }
    if (drawn > 0 || skipped > 0) out.push({ number, name: names.get(number) ?? `ROI ${number}`, mask, skipped });
  }
  if (out.length === 0 && items(ds, T.ROIContourSequence).length === 0) throw new MedicalFileError('bad-structure-set', 'It has no contours.');
  return out;
}

/** Even–odd scanline fill of one polygon at slice k, toggling voxels whose centre is inside (so holes cancel). */
function fillPolygon(mask: Uint8Array, ni: number, nj: number, k: number, poly: number[][]): void {
  const n = poly.length;
  for (let j = 0; j < nj; j++) {
    const xs: number[] = [];
    for (let a = 0, b = n - 1; a < n; b = a++) {
      const [xa, ya] = [poly[a]![0]!, poly[a]![1]!];
      const [xb, yb] = [poly[b]![0]!, poly[b]![1]!];
      if (ya > j !== yb > j) xs.push(xa + ((j - ya) * (xb - xa)) / (yb - ya));
    }
    xs.sort((x, y) => x - y);
    for (let q = 0; q + 1 < xs.length; q += 2) {
      const from = Math.max(0, Math.ceil(xs[q]!));
      const to = Math.min(ni - 1, Math.ceil(xs[q + 1]!) - 1);
      for (let i = from; i <= to; i++) mask[i + ni * (j + nj * k)]! ^= 1;
    }
  }
}
