import { rocAuc } from '../metrics/roc';
import { tf } from './tf';

/** A metric tracked during training: batch in, scalar (mean over the batch) out. */
export interface TrainingMetric {
  /** The name plans use ('accuracy', 'binary_accuracy', 'mae', 'mse', 'dice'). */
  name: string;
  /** The key in epoch logs (Keras style: 'acc', 'mae', 'dice'; validation adds 'val_'). */
  key: string;
  /** Higher is better. */
  higherIsBetter: boolean;
  fn: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;
}

/** Share of examples whose highest-scoring class is the labelled one. */
export function categoricalAccuracy(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)), 'float32')) as tf.Scalar);
}

/** Share of outputs on the right side of 0.5. */
export function binaryAccuracy(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.greater(y, 0.5), tf.greater(p, 0.5)), 'float32')) as tf.Scalar);
}

/**
 * Hard foreground Dice per example, averaged over the batch. One channel: thresholded at 0.5.
 * Several channels: the arg-max label, with channel 0 taken as background and left out. Two empty
 * masks score 1. The per-region challenge scores live in src/metrics; this is the training curve.
 */
export function hardDice(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const channels = p.shape[p.rank - 1]!;
    let yb: tf.Tensor;
    let pb: tf.Tensor;
    if (channels === 1) {
      yb = tf.cast(tf.greater(y, 0.5), 'float32');
      pb = tf.cast(tf.greater(p, 0.5), 'float32');
    } else {
      const fg = (t: tf.Tensor) => tf.slice(tf.oneHot(tf.argMax(t, -1), channels), Array(t.rank).fill(0).map((_, i) => (i === t.rank - 1 ? 1 : 0)), Array(t.rank).fill(-1));
      yb = fg(y);
      pb = fg(p);
    }
    const axes = Array.from({ length: p.rank - 1 }, (_, i) => i + 1);
    const inter = tf.sum(tf.mul(yb, pb), axes);
    const denom = tf.add(tf.sum(yb, axes), tf.sum(pb, axes));
    const eps = 1e-6;
    return tf.mean(tf.div(tf.add(tf.mul(2, inter), eps), tf.add(denom, eps))) as tf.Scalar;
  });
}

const mae = (y: tf.Tensor, p: tf.Tensor) => tf.tidy(() => tf.mean(tf.abs(tf.sub(y, p))) as tf.Scalar);
const mse = (y: tf.Tensor, p: tf.Tensor) => tf.tidy(() => tf.mean(tf.square(tf.sub(y, p))) as tf.Scalar);

const METRICS: Record<string, TrainingMetric> = {
  accuracy: { name: 'accuracy', key: 'acc', higherIsBetter: true, fn: categoricalAccuracy },
  binary_accuracy: { name: 'binary_accuracy', key: 'acc', higherIsBetter: true, fn: binaryAccuracy },
  dice: { name: 'dice', key: 'dice', higherIsBetter: true, fn: hardDice },
  mae: { name: 'mae', key: 'mae', higherIsBetter: false, fn: mae },
  mse: { name: 'mse', key: 'mse', higherIsBetter: false, fn: mse },
};

/**
 * A metric that only means something over a whole set (a ranking score such as AUC: a mean of batch
 * AUCs is not the AUC). It is measured on the validation data after each epoch, so it logs `val_<key>`
 * only.
 */
export interface SetMetric {
  name: string;
  key: string;
  higherIsBetter: boolean;
  /** Truth and predictions, example-major, `per` values per example. */
  fn: (truth: Float32Array, pred: Float32Array, per: number) => number;
}

/**
 * Mean AUC over the outputs (one per label of a sigmoid model), each by the rank formula of src/metrics;
 * an output whose labels are all one value has no AUC and is left out of the mean.
 */
export function macroAuc(truth: Float32Array, pred: Float32Array, per: number): number {
  const n = per ? truth.length / per : 0;
  const aucs: number[] = [];
  for (let c = 0; c < per; c++) {
    const labels = Array.from({ length: n }, (_, i) => (truth[i * per + c]! > 0.5 ? 1 : 0));
    const scores = Array.from({ length: n }, (_, i) => pred[i * per + c]!);
    const auc = rocAuc(labels, scores);
    if (Number.isFinite(auc)) aucs.push(auc);
  }
  return aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : NaN;
}

const SET_METRICS: Record<string, SetMetric> = {
  auc: { name: 'auc', key: 'auc', higherIsBetter: true, fn: macroAuc },
};

/** The training metrics for a plan's metric names; names this runtime does not track come back in `unknown`. */
export function trainingMetrics(names: readonly string[]): { metrics: TrainingMetric[]; setMetrics: SetMetric[]; unknown: string[] } {
  const metrics: TrainingMetric[] = [];
  const setMetrics: SetMetric[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const m = METRICS[n];
    const s = SET_METRICS[n];
    if (m) {
      if (!metrics.some((x) => x.key === m.key)) metrics.push(m);
    } else if (s) {
      if (!setMetrics.some((x) => x.key === s.key)) setMetrics.push(s);
    } else unknown.push(n);
  }
  return { metrics, setMetrics, unknown };
}
