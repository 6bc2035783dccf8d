import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../worker/protocol';
import { availableMemory, largestTensorBytes, memoryCheck } from './device-memory';
import { classView } from './evaluation/classes';
import { blandAltman } from './evaluation/RegressionViews';

const GiB = 1024 ** 3;

describe('memory check', () => {
  it.each([
    [{}, null],
    [{ deviceMemoryGiB: 8 }, { bytes: 4 * GiB, source: "half of the device's 8 GiB" }],
    [{ deviceMemoryGiB: 8, jsHeapLimit: 2 * GiB }, { bytes: 2 * GiB, source: 'the browser’s memory limit for this page' }],
  ])('%j offers %j', (hints, expected) => {
    expect(availableMemory(hints)).toEqual(expected);
  });

  it('warns only when the estimate is over 80 % of what is offered', () => {
    expect(memoryCheck(GiB, { deviceMemoryGiB: 4 })).toBeNull();
    expect(memoryCheck(1.9 * GiB, { deviceMemoryGiB: 4 })).toMatchObject({ estimateBytes: 1.9 * GiB, availableBytes: 2 * GiB });
    expect(memoryCheck(100 * GiB, {})).toBeNull();
  });

  it('warns when one layer output for a batch is larger than a WebGL texture holds', () => {
    const bytes = largestTensorBytes({ blocks: { a: { activations: 1000 }, b: { activations: 64 * 64 * 64 } } }, 32);
    expect(bytes).toBe(64 * 64 * 64 * 32 * 4);
    expect(memoryCheck(GiB, { webglMaxTextureSize: 4096 }, bytes)).toBeNull();
    expect(memoryCheck(GiB, { webglMaxTextureSize: 256 }, bytes)).toMatchObject({ availableBytes: 256 * 256 * 16, source: expect.stringContaining('WebGL texture') });
  });
});

const result = (labelShape: number[], truth: number[], pred: number[]): EvaluationResult => ({
  block: 'e',
  task: 'multiclass',
  n: truth.length / labelShape[0]!,
  labelNames: ['a', 'b', 'c'].slice(0, Math.max(1, labelShape[0]!)),
  imageShape: [1],
  labelShape,
  ids: [],
  truth: new Float32Array(truth),
  pred: new Float32Array(pred),
  images: null,
  threshold: 0.5,
  scores: {},
});

describe('classView', () => {
  it('builds the confusion matrix, per-class statistics and ROC curves from one-hot outputs', () => {
    const v = classView(result([2], [1, 0, 1, 0, 0, 1, 0, 1], [0.9, 0.1, 0.4, 0.6, 0.2, 0.8, 0.3, 0.7]));
    expect(v.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(v.truth).toEqual([0, 0, 1, 1]);
    expect(v.pred).toEqual([0, 1, 1, 1]);
    expect(v.stats[0]).toMatchObject({ sensitivity: 0.5, specificity: 1 });
    expect(v.roc[1]!.auc).toBe(1);
  });

  it('treats one sigmoid output as a positive and a negative class', () => {
    const v = classView(result([1], [1, 0, 1, 0], [0.9, 0.2, 0.3, 0.1]));
    expect(v.names).toEqual(['not a', 'a']);
    expect(v.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(v.roc).toHaveLength(1);
  });

  it('scores each label of a multi-label output on its own at the threshold', () => {
    // Example 0 has labels a and b, example 1 only b, example 2 none; the model finds a and b of example 0 and b of example 2.
    const v = classView({ ...result([3], [1, 1, 0, 0, 1, 0, 0, 0, 0], [0.9, 0.8, 0.1, 0.2, 0.3, 0.1, 0.1, 0.7, 0.2]), task: 'multilabel' });
    expect(v.stats.map((s) => s.support)).toEqual([1, 2, 0]);
    expect(v.stats[0]).toMatchObject({ sensitivity: 1, specificity: 1, f1: 1 });
    expect(v.stats[1]).toMatchObject({ sensitivity: 0.5, specificity: 0 });
    expect(v.stats[2]).toMatchObject({ sensitivity: 0, specificity: 1 });
  });
});

describe('blandAltman', () => {
  it('gives the bias and the 95 % limits of agreement', () => {
    const ba = blandAltman([1, 2, 3, 4], [2, 3, 4, 5]);
    expect(ba.bias).toBe(1);
    expect(ba.lower).toBe(1);
    expect(ba.upper).toBe(1);
    expect(ba.points[0]).toEqual([1.5, 1]);
    const spread = blandAltman([0, 0], [1, -1]);
    expect(spread.bias).toBe(0);
    expect(spread.upper).toBeCloseTo(1.96 * Math.SQRT2);
  });
});
