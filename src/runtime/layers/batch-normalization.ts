import * as tf from '@tensorflow/tfjs';
import { registerJimuGradients } from '../kernels/gradients';

/** The parts of tfjs-layers' BatchNormalization this file reads (TypeScript-private there). */
interface BatchNormState {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma?: Weight;
  beta?: Weight;
  movingMean: Weight;
  movingVariance: Weight;
}
interface Weight {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}

/**
 * Mean and (biased) variance over every axis but the last, as tf.moments gives them (shape [1,…,1,C]),
 * with a gradient that keeps only x: tf.moments keeps x − mean and its square, two more tensors of
 * x's size, for the backward pass. d mean/dx = 1/N, d variance/dx = 2(x − mean)/N (the mean's own
 * dependence on x cancels there, as it does in tf.moments, which stops the gradient through it).
 */
export function channelMoments(x: tf.Tensor): { mean: tf.Tensor; variance: tf.Tensor } {
  const c = x.shape[x.rank - 1]!;
  const n = x.size / c;
  const reduce = x.shape.slice(0, -1).map((_, i) => i);
  const stats = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const mean = tf.mean(input, reduce);
    const variance = tf.mean(tf.squaredDifference(input, mean), reduce);
    save([input, mean]);
    return {
      value: tf.stack([mean, variance]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, m] = saved as [tf.Tensor, tf.Tensor];
        const [dMean, dVar] = tf.unstack(dy) as [tf.Tensor, tf.Tensor];
        return tf.add(tf.mul(tf.sub(xs, m), tf.mul(dVar, 2 / n)), tf.div(dMean, n));
      },
    };
  });
  const both = stats(x) as tf.Tensor;
  const keep = [...Array(x.rank - 1).fill(1), c] as number[];
  const [mean, variance] = tf.unstack(both) as [tf.Tensor, tf.Tensor];
  return { mean: tf.reshape(mean, keep), variance: tf.reshape(variance, keep) };
}

/** tfjs-layers' own class, as registered under the Keras name (it is not exported by name). */
const TfjsBatchNormalization = tf.serialization.SerializationMap.getMap().classNameMap['BatchNormalization']![0] as unknown as typeof tf.layers.Layer;

/**
 * Keras' BatchNormalization, replacing tfjs-layers' own under the same class name. tfjs 4.22 reads
 * gamma and beta unconditionally while training (a layer with `center: false` or `scale: false` throws
 * in the first step) and normalises only inputs of rank 2 to 4 (every 3D convolution's output has rank
 * 5), so this class normalises every input itself, with the batch statistics while training and the
 * moving averages otherwise. Weights, their names and order, and the config are tfjs' own.
 */
export class BatchNormalization extends TfjsBatchNormalization {
  static className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const s = this as unknown as BatchNormState;
    const training = kwargs['training'] === true;
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const axis = s.axis >= 0 ? s.axis : s.axis + x.rank;
      const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
      const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
      const { mean, variance } = training
        ? axis === x.rank - 1
          ? channelMoments(x)
          : tf.moments(x, reduce, true)
        : { mean: tf.reshape(s.movingMean.read(), broadcast), variance: tf.reshape(s.movingVariance.read(), broadcast) };
      let y: tf.Tensor;
      if (axis === x.rank - 1) {
        // Channels last: one fused kernel, one output tensor (the composed ops below kept four
        // volume-sized intermediates alive for the backward pass).
        const c = [x.shape[axis]!];
        // (Without gamma or beta, a constant 1 or 0 stands in: tfjs saves the scale for the gradient.)
        const offset = s.beta ? tf.reshape(s.beta.read(), c) : tf.zeros(c);
        const scale = s.gamma ? tf.reshape(s.gamma.read(), c) : tf.ones(c);
        y = tf.batchNorm(x, tf.reshape(mean, c), tf.reshape(variance, c), offset, scale, s.epsilon);
      } else {
        y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, s.epsilon)));
        if (s.gamma) y = tf.mul(y, tf.reshape(s.gamma.read(), broadcast));
        if (s.beta) y = tf.add(y, tf.reshape(s.beta.read(), broadcast));
      }
      if (training) {
        // The moving averages for inference, updated as tfjs does: v ← v − (v − batch value)(1 − momentum).
        for (const [weight, value] of [[s.movingMean, mean], [s.movingVariance, variance]] as const) {
          tf.tidy(() => {
            const old = weight.read();
            weight.write(tf.sub(old, tf.mul(tf.sub(old, tf.reshape(value, old.shape)), 1 - s.momentum)));
          });
        }
      }
      return y;
    });
  }
}
tf.serialization.registerClass(BatchNormalization);
// The fused kernel's gradient for any rank (tfjs-core's handles rank 4 only), on every backend.
registerJimuGradients();
