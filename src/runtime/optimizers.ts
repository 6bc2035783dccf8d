import type { OptimizerValue, ScheduleSpec } from '../core';
import { tf } from './tf';
import { CodedError } from '../core/diagnostics/coded-error';

type OptimizerSpec = OptimizerValue['spec'];

const num = (params: Record<string, unknown>, key: string, fallback: number): number => {
  const v = params[key];
  return typeof v === 'number' ? v : fallback;
};

/** The tfjs optimizer a plan names, at its starting learning rate. */
export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  const p = spec.params;
  const lr = num(p, 'learningRate', 0.001);
  switch (spec.type) {
    case 'sgd': {
      const momentum = num(p, 'momentum', 0);
      return momentum > 0 ? tf.train.momentum(lr, momentum, p.nesterov === true) : tf.train.sgd(lr);
    }
    case 'adam':
      return tf.train.adam(lr, num(p, 'beta1', 0.9), num(p, 'beta2', 0.999), num(p, 'epsilon', 1e-7));
    case 'rmsprop':
      return tf.train.rmsprop(lr, num(p, 'rho', 0.9), num(p, 'momentum', 0), num(p, 'epsilon', 1e-7), false);
    default:
      throw new CodedError('J605', { type: String(spec.type) });
  }
}

/**
 * The learning rate for an epoch (0-based) under a schedule; the optimizer's own rate without one.
 * - step: base × factor^⌊epoch / everyEpochs⌋;
 * - cosine: a linear warm-up to base over `warmupEpochs` (epoch k gets base·(k+1)/warmup), then
 *   min + (base − min)·½(1 + cos(π·t)) with t going 0 → 1 over the remaining decay epochs, then min.
 */
export function learningRateAt(spec: OptimizerSpec, epoch: number): number {
  const base = num(spec.params, 'learningRate', 0.001);
  return scheduledRate(spec.schedule, base, epoch);
}

export function scheduledRate(schedule: ScheduleSpec | undefined, base: number, epoch: number): number {
  if (!schedule) return base;
  const p = schedule.params;
  switch (schedule.type) {
    case 'step':
      return base * num(p, 'factor', 0.5) ** Math.floor(epoch / Math.max(1, num(p, 'everyEpochs', 10)));
    case 'cosine': {
      const total = num(p, 'epochs', 50);
      const warmup = num(p, 'warmupEpochs', 0);
      const min = num(p, 'minLearningRate', 0);
      if (epoch < warmup) return (base * (epoch + 1)) / warmup;
      const t = Math.min(1, (epoch - warmup) / Math.max(1, total - warmup));
      return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * t));
    }
    default:
      throw new CodedError('J606', { type: String(schedule.type) });
  }
}

/**
 * Sets the learning rate of a live optimizer between epochs. tfjs's SGD and momentum optimizers keep
 * it in a scalar tensor that `setLearningRate` replaces; Adam and RMSprop read the plain
 * `learningRate` field on every update (checked against tfjs 4.22, and by optimizers.test.ts).
 */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  // Not `instanceof`: tfjs gives every optimizer class a Symbol.hasInstance that says yes to any optimizer.
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/**
 * Frees an optimizer's tensors. tfjs 4.22's MomentumOptimizer.dispose forgets the learning-rate
 * scalar its SGD parent keeps, so that one is freed here too.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
