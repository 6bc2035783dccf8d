import type { ExampleSet } from '../core';
import { batchIndices, batchOf, range } from './batches';
import type { LossFn } from './losses';
import type { SetMetric, TrainingMetric } from './metrics';
import { tf } from './tf';

/** Epoch logs: 'loss', metric keys ('acc', 'dice', 'mae'), and their 'val_' twins. */
export type Logs = Record<string, number>;

/** Runs the model over a set in batches (inference mode): flat predictions, example-major. */
export async function predict(model: tf.LayersModel, set: Pick<ExampleSet, 'x' | 'n' | 'imageShape' | 'y' | 'labelShape'>, batchSize = 32): Promise<{ values: Float32Array; shape: number[] }> {
  const outShape = (model.outputs[0]!.shape.slice(1) as number[]).map((d) => d ?? 0);
  const per = outShape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(set.n * per);
  let offset = 0;
  for (const idx of batchIndices(range(set.n), Math.max(1, batchSize))) {
    const { xs } = batchOf(set as ExampleSet, idx, false);
    const out = tf.tidy(() => model.apply(xs, { training: false }) as tf.Tensor);
    xs.dispose();
    const data = (await out.data()) as Float32Array;
    out.dispose();
    values.set(data, offset);
    offset += data.length;
  }
  return { values, shape: [set.n, ...outShape] };
}

/**
 * Loss and metrics of the model on a set (inference mode), averaged over examples; whole-set metrics
 * (AUC) are computed once over every prediction.
 */
export async function evaluate(model: tf.LayersModel, set: ExampleSet, loss: LossFn, metrics: readonly TrainingMetric[], batchSize = 32, setMetrics: readonly SetMetric[] = []): Promise<Logs> {
  const sums: Logs = { loss: 0 };
  for (const m of metrics) sums[m.key] = 0;
  const per = set.labelShape.reduce((a, b) => a * b, 1);
  const preds = setMetrics.length ? new Float32Array(set.n * per) : null;
  let offset = 0;
  for (const idx of batchIndices(range(set.n), Math.max(1, batchSize))) {
    const { xs, ys } = batchOf(set, idx);
    const [out, ...scalars] = tf.tidy(() => {
      const out = model.apply(xs, { training: false }) as tf.Tensor;
      return [out, loss(ys!, out), ...metrics.map((m) => m.fn(ys!, out))];
    });
    tf.dispose([xs, ys!]);
    if (preds) {
      const p = (await out!.data()) as Float32Array;
      preds.set(p, offset);
      offset += p.length;
    }
    const values = await Promise.all(scalars.map((s) => s.data()));
    tf.dispose([out!, ...scalars]);
    sums.loss! += values[0]![0]! * idx.length;
    metrics.forEach((m, i) => (sums[m.key]! += values[i + 1]![0]! * idx.length));
  }
  const logs: Logs = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, set.n ? v / set.n : NaN]));
  if (preds && set.y) for (const m of setMetrics) logs[m.key] = m.fn(set.y, preds, per);
  return logs;
}
