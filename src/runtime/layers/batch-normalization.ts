import * as tf from '@tensorflow/tfjs';

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
        ? tf.moments(x, reduce, true)
        : { mean: tf.reshape(s.movingMean.read(), broadcast), variance: tf.reshape(s.movingVariance.read(), broadcast) };
      let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, s.epsilon)));
      if (s.gamma) y = tf.mul(y, tf.reshape(s.gamma.read(), broadcast));
      if (s.beta) y = tf.add(y, tf.reshape(s.beta.read(), broadcast));
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
