import { binarise, distanceTo, surface, type Grid, percentile } from './grid';

/**
 * Distances (mm) from each surface voxel of `from` to the nearest surface voxel of `to`, as MedPy's
 * `__surface_distances`: surfaces are the voxels that one binary erosion with
 * `generate_binary_structure(ndim, connectivity)` removes, distances use the voxel spacing.
 */
export function surfaceDistances(from: Uint8Array, to: Uint8Array, grid: Grid, connectivity = 1): number[] {
  const fromSurface = surface(from, grid.shape, connectivity);
  const dist = distanceTo(surface(to, grid.shape, connectivity), grid);
  const out: number[] = [];
  for (let i = 0; i < fromSurface.length; i++) if (fromSurface[i]) out.push(dist[i]!);
  return out;
}

export interface HausdorffOptions {
  /**
   * Neighbourhood of the erosion that finds the surface: 1 = faces only (MedPy's default, used when
   * BraTS-style scripts call `medpy.metric.binary.hd95` without it), up to `ndim` = full (26 in 3D).
   */
  connectivity?: number;
  /** Which percentile of the pooled distances; 95 for HD95, 100 for the classic Hausdorff distance. */
  percentile?: number;
}

/**
 * The 95th-percentile Hausdorff distance in millimetres, as MedPy's `hd95(result, reference, voxelspacing)`:
 * surface distances from prediction to truth and from truth to prediction pooled, then NumPy's linear
 * percentile. 0 when both masks are empty; NaN when exactly one is (MedPy raises there; BraTS 2021 scored
 * such cases 373.13 mm — the caller decides).
 */
export function hd95(truth: ArrayLike<number>, pred: ArrayLike<number>, grid: Grid, options: HausdorffOptions = {}): number {
  const t = binarise(truth);
  const p = binarise(pred);
  const tAny = t.some((v) => v === 1);
  const pAny = p.some((v) => v === 1);
  if (!tAny && !pAny) return 0;
  if (!tAny || !pAny) return Number.NaN;
  const connectivity = options.connectivity ?? 1;
  const pooled = surfaceDistances(p, t, grid, connectivity).concat(surfaceDistances(t, p, grid, connectivity));
  return percentile(pooled, options.percentile ?? 95);
}
