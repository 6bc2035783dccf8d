import { describe, expect, it } from 'vitest';
import type { ScheduleSpec } from '../core';
import { disposeOptimizer, learningRateAt, makeOptimizer, scheduledRate, setLearningRate } from './optimizers';
import { tf } from './tf';

const step: ScheduleSpec = { type: 'step', params: { everyEpochs: 3, factor: 0.1 }, block: 's' };
const cosine = (warmupEpochs: number): ScheduleSpec => ({ type: 'cosine', params: { epochs: 10, minLearningRate: 0.1, warmupEpochs }, block: 'c' });

describe('learning-rate schedules', () => {
  it.each([
    ['no schedule keeps the rate', undefined, [0, 5, 50], [1, 1, 1]],
    ['step: × 0.1 every 3 epochs', step, [0, 2, 3, 5, 6], [1, 1, 0.1, 0.1, 0.01]],
    // min + (1 − min)·½(1 + cos(π t)), t = epoch / 10; held at the minimum after the decay
    ['cosine: from 1 down to 0.1', cosine(0), [0, 5, 10, 20], [1, 0.55, 0.1, 0.1]],
    // warm-up 1/2, 2/2, then the decay over the remaining 8 epochs
    ['cosine with a 2-epoch warm-up', cosine(2), [0, 1, 2, 6, 10], [0.5, 1, 1, 0.55, 0.1]],
  ] as const)('%s', (_name, schedule, epochs, expected) => {
    epochs.forEach((e, i) => expect(scheduledRate(schedule, 1, e)).toBeCloseTo(expected[i]!, 10));
  });

  it('reads the starting rate from the optimizer spec', () => {
    expect(learningRateAt({ type: 'adam', params: { learningRate: 0.01 }, block: 'o', schedule: step }, 3)).toBeCloseTo(0.001, 12);
  });
});

describe('optimizers', () => {
  /**
   * One step on loss = w (gradient 1) from w = 1 after setting the rate: the move must follow the new
   * rate — SGD moves by lr; Adam's first step by lr (bias-corrected m̂/√v̂ = 1); RMSprop's first step by
   * lr/√(1 − rho).
   */
  it.each([
    ['sgd', {}, (lr: number) => lr],
    ['sgd', { momentum: 0.9 }, (lr: number) => lr],
    ['sgd', { momentum: 0.9, nesterov: true }, (lr: number) => lr * 1.9],
    ['adam', {}, (lr: number) => lr],
    ['rmsprop', { rho: 0.9 }, (lr: number) => lr / Math.sqrt(0.1)],
  ] as const)('%s %j takes its step at the rate set between epochs', (type, params, move) => {
    const before = tf.memory().numTensors;
    const opt = makeOptimizer({ type, params: { learningRate: 0.5, ...params }, block: 'o' });
    setLearningRate(opt, 0.01);
    const w = tf.variable(tf.ones([1]));
    opt.minimize(() => tf.sum(w) as tf.Scalar, false, [w]);
    expect(1 - w.dataSync()[0]!).toBeCloseTo(move(0.01), 5);
    w.dispose();
    disposeOptimizer(opt);
    expect(tf.memory().numTensors).toBe(before + 1); // the tf.ones given to tf.variable
  });

  it('refuses an unknown optimizer with a plain message', () => {
    expect(() => makeOptimizer({ type: 'lion', params: {}, block: 'o' })).toThrow(/cannot train with the optimizer "lion"/);
  });
});
