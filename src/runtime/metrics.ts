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

/** The training metrics for a plan's metric names; names this runtime does not track come back in `unknown`. */
export function trainingMetrics(names: readonly string[]): { metrics: TrainingMetric[]; unknown: string[] } {
  const metrics: TrainingMetric[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const m = METRICS[n];
    if (!m) unknown.push(n);
    else if (!metrics.some((x) => x.key === m.key)) metrics.push(m);
  }
  return { metrics, unknown };
}
