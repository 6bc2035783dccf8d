import { rocAuc } from './roc';

/** Counts[i][j]: examples of true class i predicted as class j. */
export function confusionMatrix(truth: ArrayLike<number>, pred: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]!]![pred[i]!]!++;
  return m;
}

export function accuracy(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === pred[i]) ok++;
  return truth.length ? ok / truth.length : Number.NaN;
}

/** Cohen's κ from a confusion matrix: agreement beyond chance (as scikit-learn's cohen_kappa_score, unweighted). */
export function cohenKappa(m: number[][]): number {
  const k = m.length;
  const total = m.flat().reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    observed += m[i]![i]!;
    const row = m[i]!.reduce((a, b) => a + b, 0);
    const col = m.reduce((a, r) => a + r[i]!, 0);
    expected += (row * col) / total;
  }
  return (observed - expected) / (total - expected);
}

export interface ClassStats {
  sensitivity: number;
  specificity: number;
  precision: number;
  f1: number;
  support: number;
}

/** One-vs-rest statistics per class from a confusion matrix. Undefined ratios (0/0) are 0, as scikit-learn reports them. */
export function perClass(m: number[][]): ClassStats[] {
  const k = m.length;
  const total = m.flat().reduce((a, b) => a + b, 0);
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return Array.from({ length: k }, (_, c) => {
    const tp = m[c]![c]!;
    const fn = m[c]!.reduce((a, b) => a + b, 0) - tp;
    const fp = m.reduce((a, r) => a + r[c]!, 0) - tp;
    const tn = total - tp - fn - fp;
    const precision = div(tp, tp + fp);
    const sensitivity = div(tp, tp + fn);
    return { sensitivity, specificity: div(tn, tn + fp), precision, f1: div(2 * precision * sensitivity, precision + sensitivity), support: tp + fn };
  });
}

/** Micro-averaged F1 over all classes: for single-label problems this equals accuracy. */
export function microF1(m: number[][]): number {
  const k = m.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let c = 0; c < k; c++) {
    tp += m[c]![c]!;
    fn += m[c]!.reduce((a, b) => a + b, 0) - m[c]![c]!;
    fp += m.reduce((a, r) => a + r[c]!, 0) - m[c]![c]!;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

export function argmaxRows(prob: ArrayLike<number>, classes: number): number[] {
  const n = prob.length / classes;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (prob[i * classes + c]! > prob[i * classes + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** One-vs-rest AUC per class from row-major probabilities [n × classes] and class indices. */
export function aucPerClass(truth: ArrayLike<number>, prob: ArrayLike<number>, classes: number): number[] {
  const n = truth.length;
  return Array.from({ length: classes }, (_, c) => {
    const labels = new Float64Array(n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = truth[i] === c ? 1 : 0;
      scores[i] = prob[i * classes + c]!;
    }
    return rocAuc(labels, scores);
  });
}

/** Mean of the defined values (classes absent from the data give NaN and are left out). */
export function nanMean(xs: number[]): number {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : Number.NaN;
}

/**
 * The ODIR-5K challenge score on a patients × labels matrix: κ, micro-F1 and AUC of the flattened
 * vectors at threshold 0.5 (scores strictly above count as positive, as the challenge script does), averaged.
 */
export function odirScore(truth: ArrayLike<number>, score: ArrayLike<number>, threshold = 0.5) {
  const pred = Array.from(score, (s) => (s > threshold ? 1 : 0));
  const t = Array.from(truth, (v) => (v > 0.5 ? 1 : 0));
  const m = confusionMatrix(t, pred, 2);
  const kappa = cohenKappa(m);
  // The challenge script calls scikit-learn's f1_score(average='micro') on the flattened 0/1 vectors,
  // which averages over both values 0 and 1: on binary data that is the accuracy. We keep its definition.
  const f1 = microF1(m);
  const auc = rocAuc(t, score);
  return { kappa, f1_micro: f1, auc, odir_score: (kappa + f1 + auc) / 3 };
}
