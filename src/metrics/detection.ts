import { binarise, components, type Grid } from './grid';

/** autoPET counts lesions as 18-connected components (faces and edges, not corners), via cc3d. */
export const LESION_CONNECTIVITY = 2;

export interface DetectionReport {
  /** Foreground Dice; NaN for a case without lesions (autoPET leaves those out of the Dice mean). */
  dice: number;
  /** Volume (mL) of predicted components that touch no true lesion. */
  false_positive_volume_ml: number;
  /** Volume (mL) of true lesions that no predicted voxel touches. */
  false_negative_volume_ml: number;
  /** True lesions, and how many of them the prediction touches. */
  lesions: number;
  lesions_detected: number;
  /** Detected lesions / lesions; NaN when there are none. */
  lesion_sensitivity: number;
  /** Predicted components that touch no true lesion. */
  false_positives: number;
}

/**
 * The autoPET metrics for one case (autoPET `metrics.py`): foreground Dice, false-positive and false-negative
 * volumes from 18-connected components, plus lesion-wise sensitivity and false positives. A component
 * "touches" the other mask when they share at least one voxel. Volumes use the voxel spacing (mm³ / 1000).
 */
export function scoreDetection(truth: ArrayLike<number>, pred: ArrayLike<number>, grid: Grid): DetectionReport {
  const t = binarise(truth);
  const p = binarise(pred);
  if (t.length !== p.length) throw new Error('scoreDetection: masks differ in size');
  const voxelMl = (grid.spacing ?? grid.shape.map(() => 1)).reduce((a, b) => a * b, 1) / 1000;
  const missed = (comp: ReturnType<typeof components>, other: Uint8Array) => {
    const touched = new Uint8Array(comp.count + 1);
    for (let i = 0; i < other.length; i++) if (other[i] && comp.labels[i]) touched[comp.labels[i]!] = 1;
    let count = 0;
    let voxels = 0;
    for (let c = 1; c <= comp.count; c++) {
      if (!touched[c]) {
        count++;
        voxels += comp.sizes[c]!;
      }
    }
    return { count, voxels };
  };
  const tc = components(t, grid.shape, LESION_CONNECTIVITY);
  const pc = components(p, grid.shape, LESION_CONNECTIVITY);
  const fn = missed(tc, p);
  const fp = missed(pc, t);
  let inter = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < t.length; i++) {
    inter += t[i]! & p[i]!;
    a += t[i]!;
    b += p[i]!;
  }
  return {
    dice: a === 0 ? Number.NaN : (2 * inter) / (a + b),
    false_positive_volume_ml: fp.voxels * voxelMl,
    false_negative_volume_ml: fn.voxels * voxelMl,
    lesions: tc.count,
    lesions_detected: tc.count - fn.count,
    lesion_sensitivity: tc.count ? (tc.count - fn.count) / tc.count : Number.NaN,
    false_positives: fp.count,
  };
}
