import type { TaskKind } from '../core';
import { accuracy, argmaxRows, aucPerClass, cohenKappa, confusionMatrix, microF1, nanMean, odirScore, perClass } from './classification';
import { doseScore } from './dose';
import { mae, pearson, rmse } from './regression';
import { rocAuc } from './roc';
import { dice, regionDice, type RegionMap } from './segmentation';

export interface ScoreInput {
  task: TaskKind;
  /** n × prod(labelShape) true labels (one-hot for classes, 0/1 per label, values, masks). */
  truth: ArrayLike<number>;
  /** The model's outputs in the same layout (probabilities, values). */
  pred: ArrayLike<number>;
  n: number;
  labelShape: number[];
  labelNames: string[];
  /** Multi-label and binary decisions: a score above it is positive. */
  threshold?: number;
}

/** The headline metrics of each task, as scoreTask names them. */
const TASK_METRICS: Record<TaskKind, readonly string[]> = {
  binary: ['accuracy', 'auc', 'kappa', 'sensitivity', 'specificity', 'f1'],
  multiclass: ['accuracy', 'auc_macro', 'kappa', 'f1_micro', 'f1_macro'],
  multilabel: ['kappa', 'f1_micro', 'auc', 'odir_score', 'auc_macro'],
  regression: ['mae', 'rmse', 'pearson_r'],
  'dense-regression': ['mae', 'rmse', 'dose_score'],
  segmentation: ['dice_mean'],
};

/**
 * The metrics a user sees after training, chosen by task. Keys use the names the CLI's metrics.json documents.
 * With no examples nothing was measured: every metric is null (never a 0 that reads as a score).
 */
export function scoreTask(s: ScoreInput): Record<string, unknown> {
  if (s.n === 0) return { n: 0, empty: true, ...Object.fromEntries(TASK_METRICS[s.task].map((k) => [k, null])) };
  const threshold = s.threshold ?? 0.5;
  const per = s.labelShape.reduce((a, b) => a * b, 1);
  switch (s.task) {
    case 'multiclass':
    case 'binary': {
      if (per === 1) {
        const truth = Array.from(s.truth, (v) => (v > 0.5 ? 1 : 0));
        const pred = Array.from(s.pred, (v) => (v > threshold ? 1 : 0));
        const m = confusionMatrix(truth, pred, 2);
        const pos = perClass(m)[1]!;
        return { n: s.n, accuracy: accuracy(truth, pred), auc: rocAuc(truth, s.pred), kappa: cohenKappa(m), sensitivity: pos.sensitivity, specificity: pos.specificity, f1: pos.f1, confusion: m };
      }
      const truth = argmaxRows(s.truth, per);
      const pred = argmaxRows(s.pred, per);
      const m = confusionMatrix(truth, pred, per);
      const classes = perClass(m);
      const aucs = aucPerClass(truth, s.pred, per);
      return {
        n: s.n,
        accuracy: accuracy(truth, pred),
        auc_macro: nanMean(aucs),
        auc: Object.fromEntries(s.labelNames.map((name, i) => [name, aucs[i]])),
        kappa: cohenKappa(m),
        f1_micro: microF1(m),
        f1_macro: nanMean(classes.map((c) => c.f1)),
        per_class: Object.fromEntries(s.labelNames.map((name, i) => [name, classes[i]])),
        confusion: m,
        labels: s.labelNames,
      };
    }
    case 'multilabel': {
      const aucs = s.labelNames.map((_, c) => {
        const t: number[] = [];
        const p: number[] = [];
        for (let i = 0; i < s.n; i++) {
          t.push(s.truth[i * per + c]!);
          p.push(s.pred[i * per + c]!);
        }
        return rocAuc(t, p);
      });
      return { n: s.n, ...odirScore(s.truth, s.pred, threshold), auc_macro: nanMean(aucs), auc_per_label: Object.fromEntries(s.labelNames.map((name, i) => [name, aucs[i]])) };
    }
    case 'regression':
      return { n: s.n, mae: mae(s.truth, s.pred), rmse: rmse(s.truth, s.pred), pearson_r: pearson(s.truth, s.pred) };
    case 'dense-regression': {
      // OpenKBP's dose score per case with the reference dose > 0 as the possible-dose mask (what
      // `jimu evaluate --task dose` uses when a case has no possible_dose_mask file), averaged over cases.
      const perCase = Array.from({ length: s.n }, (_, i) => {
        const truth = Float64Array.from({ length: per }, (_, v) => s.truth[i * per + v]!);
        const pred = Float64Array.from({ length: per }, (_, v) => s.pred[i * per + v]!);
        return doseScore(truth, pred, truth.map((v) => (v > 0 ? 1 : 0)));
      });
      return { n: s.n, mae: mae(s.truth, s.pred), rmse: rmse(s.truth, s.pred), dose_score: nanMean(perCase) };
    }
    case 'segmentation': {
      const channels = s.labelShape.at(-1) ?? 1;
      const voxels = per / channels;
      const perCase: number[][] = [];
      for (let i = 0; i < s.n; i++) {
        const scores: number[] = [];
        for (let c = channels === 1 ? 0 : 1; c < channels; c++) {
          const t = new Uint8Array(voxels);
          const p = new Uint8Array(voxels);
          for (let v = 0; v < voxels; v++) {
            const base = i * per + v * channels;
            if (channels === 1) {
              t[v] = s.truth[base]! > 0.5 ? 1 : 0;
              p[v] = s.pred[base]! > threshold ? 1 : 0;
            } else {
              let best = 0;
              for (let k = 1; k < channels; k++) if (s.pred[base + k]! > s.pred[base + best]!) best = k;
              t[v] = s.truth[base + c]! > 0.5 ? 1 : 0;
              p[v] = best === c ? 1 : 0;
            }
          }
          scores.push(dice(t, p));
        }
        perCase.push(scores);
      }
      const names = channels === 1 ? [s.labelNames[0] ?? 'foreground'] : s.labelNames.slice(1);
      const mean = names.map((_, j) => nanMean(perCase.map((r) => r[j]!)));
      const base = { n: s.n, dice: Object.fromEntries(names.map((name, j) => [name, mean[j]])), dice_mean: nanMean(mean), dice_per_case: perCase };
      return channels === 1 ? base : { ...base, dice_regions: regionScores(s, per, channels) };
    }
  }
}

/**
 * Region Dice for one-hot label maps, on the argmax of truth and prediction: `foreground` (every label
 * but channel 0) always, and the BraTS regions when the labels are named necrosis, edema and enhancing
 * (whole tumour = all three, tumour core = necrosis + enhancing, enhancing tumour), as the challenge scores.
 */
function regionScores(s: ScoreInput, per: number, channels: number): Record<string, number> {
  const at = (name: string) => s.labelNames.indexOf(name);
  const regions: RegionMap = { foreground: Array.from({ length: channels - 1 }, (_, k) => k + 1) };
  if (at('necrosis') > 0 && at('edema') > 0 && at('enhancing') > 0) {
    Object.assign(regions, { whole_tumor: [at('necrosis'), at('edema'), at('enhancing')], tumor_core: [at('necrosis'), at('enhancing')], enhancing_tumor: [at('enhancing')] });
  }
  const voxels = per / channels;
  const argmax = (values: ArrayLike<number>, i: number) => {
    const out = new Uint8Array(voxels);
    for (let v = 0; v < voxels; v++) {
      const o = i * per + v * channels;
      let best = 0;
      for (let k = 1; k < channels; k++) if (values[o + k]! > values[o + best]!) best = k;
      out[v] = best;
    }
    return out;
  };
  const perCase = Array.from({ length: s.n }, (_, i) => regionDice(argmax(s.truth, i), argmax(s.pred, i), regions));
  return Object.fromEntries(Object.keys(regions).map((k) => [k, nanMean(perCase.map((c) => c[k]!))]));
}
