import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../core';
import { normalizeExamples, normalizeImage, type NormalizeOptions } from './normalize';

const o = (p: Partial<NormalizeOptions>): NormalizeOptions => ({ mode: 'minmax', perChannel: true, scale: 1, offset: 0, ...p });
const close = (a: ArrayLike<number>, b: number[]) => b.forEach((v, i) => expect(a[i]!).toBeCloseTo(v, 5));

describe('normalizeImage', () => {
  it.each([
    { name: 'min-max to [0, 1]', data: [2, 4, 6], channels: 1, opts: o({}), out: [0, 0.5, 1] },
    { name: 'min-max per channel', data: [0, 10, 5, 20, 10, 30], channels: 2, opts: o({}), out: [0, 0, 0.5, 0.5, 1, 1] },
    { name: 'min-max over all channels', data: [0, 10, 5, 20], channels: 2, opts: o({ perChannel: false }), out: [0, 0.5, 0.25, 1] },
    { name: 'a constant image becomes zeros, not NaN', data: [3, 3, 3], channels: 1, opts: o({}), out: [0, 0, 0] },
    { name: 'z-score', data: [1, 2, 3, 4], channels: 1, opts: o({ mode: 'zscore' }), out: [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(1.25)) },
    { name: 'z-score per channel', data: [0, 100, 2, 300], channels: 2, opts: o({ mode: 'zscore' }), out: [-1, -1, 1, 1] },
    { name: 'z-score of a constant image', data: [7, 7], channels: 1, opts: o({ mode: 'zscore' }), out: [0, 0] },
    { name: 'fixed scale and offset (CT: HU / 1000 + 1)', data: [-1000, 0, 400], channels: 1, opts: o({ mode: 'scale', scale: 0.001, offset: 1 }), out: [0, 1, 1.4] },
  ])('$name', (c) => close(normalizeImage(Float32Array.from(c.data), c.channels, c.opts), c.out));

  it('z-scored values have mean 0 and standard deviation 1', () => {
    const data = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 50 + 200);
    const out = normalizeImage(data, 1, o({ mode: 'zscore' }));
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    const sd = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length);
    expect(mean).toBeCloseTo(0, 4);
    expect(sd).toBeCloseTo(1, 4);
  });
});

describe('normalizeExamples', () => {
  it('normalizes each image on its own and keeps the labels', () => {
    const set: ExampleSet = { x: Float32Array.from([0, 2, 10, 30]), y: Float32Array.from([1, 0]), n: 2, imageShape: [1, 2, 1], labelShape: [1], ids: ['a', 'b'], groups: ['a', 'b'], labelNames: ['v'], task: 'regression' };
    const out = normalizeExamples(set, o({}));
    expect(Array.from(out.x)).toEqual([0, 1, 0, 1]);
    expect(Array.from(out.y)).toEqual([1, 0]);
    expect(Array.from(set.x)).toEqual([0, 2, 10, 30]);
  });
});
