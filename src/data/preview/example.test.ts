import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../../core';
import { describeLabel, firstExample, labelMask, valueStats } from './example';

describe('valueStats', () => {
  it.each([
    { name: 'one channel', values: [1, 2, 3, 6], channels: 1, all: { min: 1, max: 6, mean: 3 }, per: [{ min: 1, max: 6, mean: 3 }] },
    { name: 'two interleaved channels', values: [0, 10, 2, 30], channels: 2, all: { min: 0, max: 30, mean: 10.5 }, per: [{ min: 0, max: 2, mean: 1 }, { min: 10, max: 30, mean: 20 }] },
    { name: 'non-finite values skipped', values: [NaN, 4, Infinity, 2], channels: 1, all: { min: 2, max: 4, mean: 3 }, per: [{ min: 2, max: 4, mean: 3 }] },
    { name: 'empty', values: [], channels: 1, all: { min: 0, max: 0, mean: 0 }, per: [{ min: 0, max: 0, mean: 0 }] },
  ])('$name', ({ values, channels, all, per }) => {
    const s = valueStats(Float32Array.from(values), channels);
    expect(s.all).toEqual(all);
    expect(s.channels).toEqual(per);
  });
});

describe('labelMask', () => {
  it.each([
    { name: 'one-hot, background first: the largest channel', label: [1, 0, 0, 0, 0.2, 0.8, 0, 1, 0], shape: [3, 3], mask: [0, 2, 1] },
    { name: 'one 0/1 channel: 1 from 0.5', label: [0, 0.49, 0.5, 1], shape: [4, 1], mask: [0, 0, 1, 1] },
  ])('$name', ({ label, shape, mask }) => {
    expect(Array.from(labelMask(Float32Array.from(label), shape))).toEqual(mask);
  });
});

describe('describeLabel', () => {
  it.each([
    { task: 'multiclass' as const, label: [0, 1], shape: [2], names: ['disc', 'ring'], view: { kind: 'classes', classes: [{ name: 'disc', value: 0, on: false }, { name: 'ring', value: 1, on: true }] } },
    { task: 'binary' as const, label: [1], shape: [1], names: ['no', 'yes'], view: { kind: 'classes', classes: [{ name: 'yes', value: 1, on: true }] } },
    { task: 'multilabel' as const, label: [0, 1, 1], shape: [3], names: ['normal', 'dr', 'amd'], view: { kind: 'classes', classes: [{ name: 'normal', value: 0, on: false }, { name: 'dr', value: 1, on: true }, { name: 'amd', value: 1, on: true }] } },
    { task: 'regression' as const, label: [63.5], shape: [1], names: ['age'], view: { kind: 'values', values: [{ name: 'age', value: 63.5 }] } },
    {
      task: 'segmentation' as const,
      label: [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1],
      shape: [2, 2, 3],
      names: ['background', 'edema', 'core'],
      view: { kind: 'mask', classes: [{ name: 'edema', index: 1, voxels: 2 }, { name: 'core', index: 2, voxels: 1 }] },
    },
    { task: 'segmentation' as const, label: [0, 1, 1, 0], shape: [2, 2, 1], names: ['lesion'], view: { kind: 'mask', classes: [{ name: 'lesion', index: 1, voxels: 2 }] } },
    { task: 'dense-regression' as const, label: [0, 10, 20, 70], shape: [2, 2, 1], names: ['dose'], view: { kind: 'map', name: 'dose', stats: { min: 0, max: 70, mean: 25 } } },
  ])('$task $shape', ({ task, label, shape, names, view }) => {
    expect(describeLabel(Float32Array.from(label), shape, task, names)).toEqual(view);
  });
});

describe('firstExample', () => {
  const set: ExampleSet = {
    x: Float32Array.from([0, 1, 2, 3, 9, 9, 9, 9]),
    y: Float32Array.from([1, 0, 0, 1]),
    n: 2,
    imageShape: [2, 2, 1],
    labelShape: [2],
    ids: ['a', 'b'],
    groups: ['a', 'b'],
    labelNames: ['disc', 'ring'],
    task: 'multiclass',
  };

  it('copies the first example and says what it holds', () => {
    const e = firstExample(set);
    expect(Array.from(e.image)).toEqual([0, 1, 2, 3]);
    expect(e.image.buffer).not.toBe(set.x.buffer); // posting it never detaches the set
    expect(Array.from(e.label)).toEqual([1, 0]);
    expect(e).toMatchObject({ id: 'a', n: 2, imageShape: [2, 2, 1], labelShape: [2], stats: { min: 0, max: 3, mean: 1.5 } });
    expect(e.labelView).toEqual({ kind: 'classes', classes: [{ name: 'disc', value: 1, on: true }, { name: 'ring', value: 0, on: false }] });
  });

  it('refuses an empty set', () => {
    expect(() => firstExample({ ...set, n: 0, x: new Float32Array(0), y: new Float32Array(0), ids: [], groups: [] })).toThrow(RangeError);
  });
});
