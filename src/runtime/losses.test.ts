import { describe, expect, it } from 'vitest';
import { lossFunction } from './losses';
import { macroAuc, trainingMetrics } from './metrics';
import { tf } from './tf';

/**
 * Each loss on a few numbers, against values worked out independently (NumPy, with the formulas in
 * the comments), so a sign or an axis mistake cannot hide.
 */
const Y2 = [[1], [0]];
const P2 = [[0.9], [0.2]];
const YR = [[1], [2], [3]];
const PR = [[1.5], [2], [5]];
// two 2×2 one-channel masks: [batch, h, w, 1]
const YM = [[[[1], [1]], [[0], [0]]], [[[0], [0]], [[0], [0]]]];
const PM = [[[[0.8], [0.6]], [[0.2], [0]]], [[[0.1], [0]], [[0], [0]]]];
// one 1×2 image with 3 classes (channel 0 the background)
const Y3 = [[[[1, 0, 0], [0, 0, 1]]]];
const P3 = [[[[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]]]];

const cases: { name: string; type: string; params?: Record<string, unknown>; y: unknown; p: unknown; expected: number }[] = [
  // −mean(y ln p + (1−y) ln(1−p)) = (−ln 0.9 − ln 0.8) / 2
  { name: 'binary cross-entropy', type: 'binary_crossentropy', y: Y2, p: P2, expected: 0.164252033486018 },
  // mean over examples of −Σ y ln p = (−ln 0.7 − ln 0.5) / 2
  { name: 'categorical cross-entropy', type: 'categorical_crossentropy', y: [[0, 1, 0], [1, 0, 0]], p: [[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]], expected: 0.5249110622493389 },
  // (0.25 + 0 + 4) / 3
  { name: 'mean squared error', type: 'mean_squared_error', y: YR, p: PR, expected: 1.4166666666666667 },
  // (0.5 + 0 + 2) / 3
  { name: 'mean absolute error', type: 'mean_absolute_error', y: YR, p: PR, expected: 0.8333333333333334 },
  // errors 0.5, 0, 2 with δ = 1: (0.125 + 0 + 1·(2 − 0.5)) / 3
  { name: 'Huber, δ = 1', type: 'huber', params: { delta: 1 }, y: YR, p: PR, expected: 0.5416666666666666 },
  // δ = 0.5: (0.5·(0.5 − 0.25) + 0 + 0.5·(2 − 0.25)) / 3
  { name: 'Huber, δ = 0.5', type: 'huber', params: { delta: 0.5 }, y: YR, p: PR, expected: 0.3333333333333333 },
  // 1 − mean((2·1.4 + 1)/(2 + 1.6 + 1), (0 + 1)/(0 + 0.1 + 1))
  { name: 'soft Dice, smooth 1', type: 'soft_dice', params: { smooth: 1 }, y: YM, p: PM, expected: 0.1324110671936759 },
  { name: 'soft Dice, smooth 0.5', type: 'soft_dice', params: { smooth: 0.5 }, y: YM, p: PM, expected: 0.18089430894308944 },
  // soft Dice (smooth 1) + binary cross-entropy over every voxel (probabilities clipped at 1e−7)
  { name: 'Dice + CE, one channel', type: 'dice_cross_entropy', params: { diceWeight: 1, crossEntropyWeight: 1, smooth: 1 }, y: YM, p: PM, expected: 0.26522027245020796 },
  { name: 'Dice + CE, weighted 2 : 0.5', type: 'dice_cross_entropy', params: { diceWeight: 2, crossEntropyWeight: 0.5, smooth: 1 }, y: YM, p: PM, expected: 0.33122673701561783 },
  // Per channel over the spatial axes, background (channel 0) left out: channel 1 (1 + 0)/(0 + 0.5 + 1),
  // channel 2 (2·0.6 + 1)/(1 + 0.7 + 1); 1 − their mean. Cross-entropy: (−ln 0.7 − ln 0.6) / 2.
  { name: 'soft Dice, three channels, per channel without the background', type: 'soft_dice', params: { smooth: 1 }, y: Y3, p: P3, expected: 0.2592592592592593 },
  { name: 'Dice + CE, three channels', type: 'dice_cross_entropy', params: { diceWeight: 1, crossEntropyWeight: 1, smooth: 1 }, y: Y3, p: P3, expected: 0.6930095431116209 },
  // with the background channel: adds channel 0's (2·0.7 + 1)/(1 + 0.8 + 1) to the mean
  { name: 'Dice + CE, three channels, background included', type: 'dice_cross_entropy', params: { diceWeight: 1, crossEntropyWeight: 1, smooth: 1, includeBackground: true }, y: Y3, p: P3, expected: 0.6542088376442488 },
  // mean(−α_t (1 − p_t)^γ ln p_t): (0.25·0.1²·−ln 0.9 + 0.75·0.2²·−ln 0.8) / 2
  { name: 'focal, γ = 2, α = 0.25', type: 'focal', params: { gamma: 2, alpha: 0.25 }, y: Y2, p: P2, expected: 0.003478853914285427 },
  // γ = 0, α = 0.5 is half the binary cross-entropy
  { name: 'focal, γ = 0, α = 0.5', type: 'focal', params: { gamma: 0, alpha: 0.5 }, y: Y2, p: P2, expected: 0.082126016743009 },
];

describe('losses', () => {
  it.each(cases)('$name', ({ type, params, y, p, expected }) => {
    const before = tf.memory().numTensors;
    const value = tf.tidy(() => lossFunction({ type, params: params ?? {} })(tf.tensor(y as number[]), tf.tensor(p as number[])).dataSync()[0]!);
    expect(value).toBeCloseTo(expected, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives every loss a gradient (they can be trained)', () => {
    for (const c of cases) {
      const g = tf.tidy(() => {
        const p = tf.tensor(c.p as number[]);
        const grad = tf.grad((q: tf.Tensor) => lossFunction({ type: c.type, params: c.params ?? {} })(tf.tensor(c.y as number[]), q))(p);
        return Array.from(grad.dataSync());
      });
      expect(g.every(Number.isFinite), c.name).toBe(true);
      expect(g.some((v) => v !== 0), c.name).toBe(true);
    }
  });

  it('refuses an unknown loss with a plain message', () => {
    expect(() => lossFunction({ type: 'hinge', params: {} })).toThrow(/cannot train with the loss "hinge"/);
  });
});

describe('training metrics', () => {
  const metric = (name: string, y: unknown, p: unknown) => {
    const { metrics } = trainingMetrics([name]);
    return tf.tidy(() => metrics[0]!.fn(tf.tensor(y as number[]), tf.tensor(p as number[])).dataSync()[0]!);
  };

  it.each([
    ['accuracy: arg-max agrees for 2 of 3', 'accuracy', [[0, 1], [1, 0], [1, 0]], [[0.3, 0.7], [0.6, 0.4], [0.2, 0.8]], 2 / 3],
    ['binary accuracy: the side of 0.5', 'binary_accuracy', [[1, 0], [0, 1]], [[0.9, 0.6], [0.1, 0.7]], 3 / 4],
    ['mae', 'mae', YR, PR, 2.5 / 3],
    // example 1: predicted {0,1} vs true {0,1} → 1; example 2: predicted {} vs true {} → 1 (both empty)
    ['Dice, one channel, thresholded', 'dice', YM, PM, 1],
    // foreground (channels 1, 2) of a 1×2 image: true [c0, c2], predicted [c2, c2] → 2·1 / (1 + 2)
    ['Dice, several channels, background left out', 'dice', [[[[1, 0, 0], [0, 0, 1]]]], [[[[0.1, 0.2, 0.7], [0.1, 0.3, 0.6]]]], 2 / 3],
  ])('%s', (_n, name, y, p, expected) => {
    expect(metric(name as string, y, p)).toBeCloseTo(expected as number, 5);
  });

  it('maps names to log keys once each and reports the ones it does not track', () => {
    const r = trainingMetrics(['accuracy', 'binary_accuracy', 'dice', 'auc', 'hd95']);
    expect(r.metrics.map((m) => m.key)).toEqual(['acc', 'dice']);
    expect(r.setMetrics.map((m) => m.key)).toEqual(['auc']);
    expect(r.unknown).toEqual(['hd95']);
  });

  it('measures the mean AUC over a whole set as scikit-learn does', () => {
    // sklearn.metrics.roc_auc_score(y, p, average='macro') = 0.9259259259259259
    const y = [[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 0, 1], [0, 0, 0]];
    const p = [[0.9, 0.2, 0.8], [0.3, 0.1, 0.7], [0.6, 0.8, 0.4], [0.4, 0.7, 0.2], [0.2, 0.3, 0.9], [0.1, 0.4, 0.1]];
    expect(macroAuc(Float32Array.from(y.flat()), Float32Array.from(p.flat()), 3)).toBeCloseTo(0.9259259259259259, 6);
    // A label with one value only has no AUC and is left out of the mean.
    expect(macroAuc(Float32Array.from([1, 0, 0, 0, 1, 0]), Float32Array.from([0.9, 0.2, 0.2, 0.1, 0.4, 0.7]), 2)).toBeCloseTo(1, 6);
  });
});
