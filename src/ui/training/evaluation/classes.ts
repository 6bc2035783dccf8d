import { exampleSize } from '../../../core';
import { argmaxRows, confusionMatrix, perClass, type ClassStats } from '../../../metrics/classification';
import { rocAuc, rocCurve } from '../../../metrics/roc';
import type { EvaluationResult } from '../../../worker/protocol';

/** A classification result seen per class: names, each example's true and predicted class, the matrix. */
export interface ClassView {
  names: string[];
  truth: number[];
  pred: number[];
  confusion: number[][];
  stats: ClassStats[];
  /** One ROC curve per class (one-vs-rest; for a single sigmoid output, the positive class only). */
  roc: { name: string; fpr: number[]; tpr: number[]; auc: number }[];
}

/** Derives the per-class view from raw outputs (pure: the same numbers scoreTask reports; per label for multi-label). */
export function classView(e: EvaluationResult): ClassView {
  const per = exampleSize(e.labelShape);
  if (per === 1) {
    const truth = Array.from(e.truth, (v) => (v > 0.5 ? 1 : 0));
    const pred = Array.from(e.pred, (v) => (v > e.threshold ? 1 : 0));
    const confusion = confusionMatrix(truth, pred, 2);
    const name = e.labelNames[0] ?? 'positive';
    const c = rocCurve(truth, e.pred);
    return { names: [`not ${name}`, name], truth, pred, confusion, stats: perClass(confusion), roc: [{ name, fpr: c.fpr, tpr: c.tpr, auc: rocAuc(truth, e.pred) }] };
  }
  const truth = argmaxRows(e.truth, per);
  const pred = argmaxRows(e.pred, per);
  const confusion = confusionMatrix(truth, pred, per);
  const names = Array.from({ length: per }, (_, c) => e.labelNames[c] ?? `class ${c}`);
  const roc = names.map((name, c) => {
    const t: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < e.n; i++) {
      t.push(e.truth[i * per + c]! > 0.5 ? 1 : 0);
      s.push(e.pred[i * per + c]!);
    }
    const curve = rocCurve(t, s);
    return { name, fpr: curve.fpr, tpr: curve.tpr, auc: rocAuc(t, s) };
  });
  // Multi-label: an example may have several labels, so each label's sensitivity, specificity and F1
  // come from its own yes/no decision at the threshold, not from the single-label (argmax) matrix.
  const stats =
    e.task === 'multilabel'
      ? names.map((_, c) => {
          const t: number[] = [];
          const p: number[] = [];
          for (let i = 0; i < e.n; i++) {
            t.push(e.truth[i * per + c]! > 0.5 ? 1 : 0);
            p.push(e.pred[i * per + c]! > e.threshold ? 1 : 0);
          }
          return perClass(confusionMatrix(t, p, 2))[1]!;
        })
      : perClass(confusion);
  return { names, truth, pred, confusion, stats, roc };
}
