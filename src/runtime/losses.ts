import type { LossSpec } from '../core';
import { tf } from './tf';
import { CodedError } from '../core/diagnostics/coded-error';

/** A loss: labels and predictions of one batch in, one scalar (mean over the batch) out. */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Probabilities are clipped to [EPS, 1 − EPS] before a logarithm, as Keras does. */
export const EPS = 1e-7;

const clip = (p: tf.Tensor) => tf.clipByValue(p, EPS, 1 - EPS);
/** Every axis but the batch. */

export function binaryCrossentropy(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const pc = clip(p);
    return tf.neg(tf.mean(tf.add(tf.mul(y, tf.log(pc)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, pc)))))) as tf.Scalar;
  });
}

/** Over the last axis; predictions are renormalised to sum to 1 first (as Keras does). */
export function categoricalCrossentropy(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const pc = clip(tf.div(p, tf.sum(p, -1, true)));
    return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(pc)), -1))) as tf.Scalar;
  });
}

export function meanSquaredError(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(y, p))) as tf.Scalar);
}

export function meanAbsoluteError(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(y, p))) as tf.Scalar);
}

/** ½e² for |e| ≤ δ, δ(|e| − ½δ) beyond (the quadratic part capped at δ, the rest linear). */
export function huber(delta: number): LossFn {
  return (y, p) =>
    tf.tidy(() => {
      const err = tf.abs(tf.sub(y, p));
      const quad = tf.minimum(err, delta);
      const lin = tf.sub(err, quad);
      return tf.mean(tf.add(tf.mul(0.5, tf.square(quad)), tf.mul(delta, lin))) as tf.Scalar;
    });
}

/**
 * 1 − the mean soft Dice (2·Σ y·p + s) / (Σ y + Σ p + s) of each channel of each example, the sums
 * running over the spatial axes. Each channel counts on its own, so a small structure weighs as much
 * as a large one. With several channels, channel 0 is the background of a one-hot label map (as in
 * every Jimu segmentation set) and is left out unless `includeBackground`: it is nearly all of a
 * volume, so its Dice is near 1 whatever the model does, and would hide the structures (MONAI's
 * `include_background=False`, nnU-Net's default).
 */
export function softDice(smooth: number, includeBackground = false): LossFn {
  return (y, p) =>
    tf.tidy(() => {
      const channels = p.shape[p.rank - 1]!;
      const [yc, pc] = channels > 1 && !includeBackground ? [dropFirstChannel(y), dropFirstChannel(p)] : [y, p];
      const axes = Array.from({ length: p.rank - 2 }, (_, i) => i + 1);
      const inter = tf.sum(tf.mul(yc, pc), axes);
      const denom = tf.add(tf.sum(yc, axes), tf.sum(pc, axes));
      // The floor only matters with smooth = 0 and two empty masks, where the ratio is 0/0.
      const dice = tf.div(tf.add(tf.mul(2, inter), smooth), tf.maximum(tf.add(denom, smooth), EPS));
      return tf.sub(1, tf.mean(dice)) as tf.Scalar;
    });
}

/** Every channel but the first (the last axis). */
function dropFirstChannel(t: tf.Tensor): tf.Tensor {
  const begin = t.shape.map(() => 0);
  begin[t.rank - 1] = 1;
  return tf.slice(t, begin, t.shape.map((d, i) => (i === t.rank - 1 ? d - 1 : d)));
}

/** wDice·softDice + wCE·cross-entropy (binary for one channel, categorical for several). */
export function diceCrossEntropy(diceWeight: number, crossEntropyWeight: number, smooth: number, includeBackground = false): LossFn {
  const dice = softDice(smooth, includeBackground);
  return (y, p) =>
    tf.tidy(() => {
      const ce = p.shape[p.rank - 1] === 1 ? binaryCrossentropy(y, p) : categoricalCrossentropy(y, p);
      return tf.add(tf.mul(diceWeight, dice(y, p)), tf.mul(crossEntropyWeight, ce)) as tf.Scalar;
    });
}

/** Sigmoid focal loss (Lin et al. 2017), per element: −α_t (1 − p_t)^γ log p_t, averaged. */
export function focal(gamma: number, alpha: number): LossFn {
  return (y, p) =>
    tf.tidy(() => {
      const pc = clip(p);
      const notY = tf.sub(1, y);
      const pt = tf.add(tf.mul(y, pc), tf.mul(notY, tf.sub(1, pc)));
      const at = tf.add(tf.mul(y, alpha), tf.mul(notY, 1 - alpha));
      const weight = gamma === 0 ? at : tf.mul(at, tf.pow(tf.sub(1, pt), gamma));
      return tf.mean(tf.neg(tf.mul(weight, tf.log(pt)))) as tf.Scalar;
    });
}

const num = (params: Record<string, unknown>, key: string, fallback: number): number => {
  const v = params[key];
  return typeof v === 'number' ? v : fallback;
};

/** The loss function a plan names. Throws on a loss type this runtime does not know. */
export function lossFunction(spec: Pick<LossSpec, 'type' | 'params'>): LossFn {
  const p = spec.params;
  switch (spec.type) {
    case 'binary_crossentropy':
      return binaryCrossentropy;
    case 'categorical_crossentropy':
      return categoricalCrossentropy;
    case 'mean_squared_error':
      return meanSquaredError;
    case 'mean_absolute_error':
      return meanAbsoluteError;
    case 'huber':
      return huber(num(p, 'delta', 1));
    case 'soft_dice':
      return softDice(num(p, 'smooth', 1), p['includeBackground'] === true);
    case 'dice_cross_entropy':
      return diceCrossEntropy(num(p, 'diceWeight', 1), num(p, 'crossEntropyWeight', 1), num(p, 'smooth', 1), p['includeBackground'] === true);
    case 'focal':
      return focal(num(p, 'gamma', 2), num(p, 'alpha', 0.25));
    default:
      throw new CodedError('J604', { type: String(spec.type) });
  }
}
