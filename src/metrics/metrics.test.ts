import { describe, expect, it } from 'vitest';
import reference from './fixtures/reference.json';
import { accuracy, argmaxRows, aucPerClass, cohenKappa, confusionMatrix, microF1, nanMean, odirScore, perClass } from './classification';
import { gapAgeSpearman, mae, pearson, rmse, spearman } from './regression';
import { rocAuc, rocCurve } from './roc';

// Every expected value below was computed by scikit-learn / SciPy (scripts/oracles/metrics.py).
type Case = Record<string, unknown> & { name: string; kind: string };
const cases = reference.cases as Case[];
const byKind = (k: string) => cases.filter((c) => c.kind === k);
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 10);

describe('binary classification against scikit-learn', () => {
  it.each(byKind('binary').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const y = c.y as number[];
    const s = c.score as number[];
    const pred = s.map((v) => (v > 0.5 ? 1 : 0));
    const m = confusionMatrix(y, pred, 2);
    close(rocAuc(y, s), c.auc as number);
    close(accuracy(y, pred), c.accuracy as number);
    close(cohenKappa(m), c.kappa as number);
    const pos = perClass(m)[1]!;
    close(pos.f1, c.f1 as number);
    close(pos.sensitivity, c.sensitivity as number);
    close(pos.specificity, c.specificity as number);
  });
});

describe('multi-class classification against scikit-learn', () => {
  const c = byKind('multiclass')[0]!;
  const y = c.y as number[];
  const prob = (c.prob as number[][]).flat();
  const pred = argmaxRows(prob, 4);
  const m = confusionMatrix(y, pred, 4);
  it('confusion matrix, accuracy, κ, F1', () => {
    expect(m).toEqual(c.confusion);
    close(accuracy(y, pred), c.accuracy as number);
    close(cohenKappa(m), c.kappa as number);
    close(microF1(m), c.f1_micro as number);
    close(nanMean(perClass(m).map((s) => s.f1)), c.f1_macro as number);
  });
  it('one-vs-rest AUC per class and macro', () => {
    const aucs = aucPerClass(y, prob, 4);
    aucs.forEach((a, i) => close(a, (c.auc_per_class as number[])[i]!));
    close(nanMean(aucs), c.auc_macro as number);
  });
});

describe('multi-label (ODIR score) against scikit-learn', () => {
  const c = byKind('multilabel')[0]!;
  it('κ, micro-F1, AUC and their mean on the flattened matrix', () => {
    const r = odirScore((c.y as number[][]).flat(), (c.score as number[][]).flat());
    close(r.kappa, c.kappa as number);
    close(r.f1_micro, c.f1_micro as number);
    close(r.auc, c.auc as number);
    close(r.odir_score, c.odir_score as number);
  });
});

describe('regression against scikit-learn and SciPy', () => {
  const c = byKind('regression')[0]!;
  const t = c.truth as number[];
  const p = c.pred as number[];
  it('MAE, RMSE, Pearson r, Spearman ρ and the PAC gap–age ρ', () => {
    close(mae(t, p), c.mae as number);
    close(rmse(t, p), c.rmse as number);
    close(pearson(t, p), c.pearson_r as number);
    close(spearman(t, p), c.spearman_rho as number);
    close(gapAgeSpearman(t, p), c.spearman_gap_vs_age as number);
  });
});

describe('edge cases', () => {
  it('AUC is NaN when one class is absent, and 1 / 0.5 / 0 for perfect, tied and reversed scores', () => {
    expect(rocAuc([1, 1], [0.2, 0.9])).toBeNaN();
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });
  it('the ROC curve runs from (0,0) to (1,1)', () => {
    const r = rocCurve([0, 1, 0, 1, 1], [0.1, 0.9, 0.4, 0.4, 0.7]);
    expect([r.fpr[0], r.tpr[0]]).toEqual([0, 0]);
    expect([r.fpr.at(-1), r.tpr.at(-1)]).toEqual([1, 1]);
  });
});
