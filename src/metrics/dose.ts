import { nanMean } from './classification';
import { percentile, voxelCount, type Grid } from './grid';

/**
 * Radiotherapy dose metrics as the OpenKBP challenge (Babier et al. 2021) evaluates them
 * (open-kbp `provided_code/evaluation.py`).
 */

/**
 * OpenKBP dose score for one case: mean absolute difference (Gy) over the voxels of the possible-dose mask.
 * OpenKBP multiplies predictions by that mask before scoring, so voxels outside it never count.
 */
export function doseScore(truth: ArrayLike<number>, pred: ArrayLike<number>, possibleDoseMask: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < truth.length; i++) {
    if (possibleDoseMask[i]! > 0.5) {
      sum += Math.abs(truth[i]! - pred[i]!);
      n++;
    }
  }
  return n ? sum / n : Number.NaN;
}

/** A structure of the plan: organs at risk are spared, targets (PTVs) are covered. */
export interface Structure {
  name: string;
  kind: 'oar' | 'target';
  mask: ArrayLike<number>;
}

/**
 * The DVH criteria of one structure, keyed as OpenKBP names them: organs at risk `D_0.1_cc` (the dose to
 * the hottest 0.1 cm³) and `mean`; targets `D_99`, `D_95`, `D_1` (dose that 99 %, 95 %, 1 % of the volume
 * receives). D_0.1_cc takes the `100 − 100·v/n` percentile where v = max(1, round(100 mm³ / voxel volume)),
 * exactly as OpenKBP does (clamped at 0: a structure under 0.1 cm³ gets its minimum dose, where NumPy would
 * raise). Empty structures give no criteria.
 */
export function dvhMetrics(dose: ArrayLike<number>, structure: Structure, grid: Grid): Record<string, number> {
  const values: number[] = [];
  for (let i = 0; i < dose.length; i++) if (structure.mask[i]! > 0.5) values.push(dose[i]!);
  if (!values.length) return {};
  if (structure.kind === 'oar') {
    const voxelMm3 = (grid.spacing ?? grid.shape.map(() => 1)).reduce((a, b) => a * b, 1);
    const voxelsInTenthCc = Math.max(1, Math.round(100 / voxelMm3));
    return {
      'D_0.1_cc': percentile(values, Math.max(0, 100 - (voxelsInTenthCc / values.length) * 100)),
      mean: values.reduce((a, b) => a + b, 0) / values.length,
    };
  }
  return { D_99: percentile(values, 1), D_95: percentile(values, 5), D_1: percentile(values, 99) };
}

export interface DoseReport {
  dose_score: number;
  dvh_score: number;
  /** Per structure and criterion: the reference value, the prediction's, and their absolute difference. */
  dvh: Record<string, Record<string, { truth: number; pred: number; error: number }>>;
}

/**
 * Both OpenKBP scores for one case. The DVH score is the mean absolute difference over every criterion of
 * every non-empty structure (OpenKBP averages these over all criteria of all patients).
 */
export function scoreDose(truth: ArrayLike<number>, pred: ArrayLike<number>, possibleDoseMask: ArrayLike<number>, structures: Structure[], grid: Grid): DoseReport {
  if (truth.length !== voxelCount(grid.shape) || pred.length !== truth.length) throw new Error('scoreDose: dose grids differ in size');
  const dvh: DoseReport['dvh'] = {};
  const errors: number[] = [];
  for (const s of structures) {
    const t = dvhMetrics(truth, s, grid);
    const p = dvhMetrics(pred, s, grid);
    const entry: Record<string, { truth: number; pred: number; error: number }> = {};
    for (const key of Object.keys(t)) {
      const error = Math.abs(t[key]! - p[key]!);
      entry[key] = { truth: t[key]!, pred: p[key]!, error };
      errors.push(error);
    }
    if (Object.keys(entry).length) dvh[s.name] = entry;
  }
  return { dose_score: doseScore(truth, pred, possibleDoseMask), dvh_score: nanMean(errors), dvh };
}
