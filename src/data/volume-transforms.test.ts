import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../core';
import { augmentExamples, normalizeIntensity, samplePatches, windowExamples } from './volume-transforms';

/**
 * n volumes of [d, h, w]: channel 0 is 10 × the mask (so image and mask can be compared voxel by
 * voxel after a geometric step), channel 1 a ramp; the mask is a small box at a different place in
 * each volume.
 */
function volumes(n: number, [d, h, w]: [number, number, number]): ExampleSet {
  const v = d * h * w;
  const x = new Float32Array(n * v * 2);
  const y = new Float32Array(n * v);
  for (let e = 0; e < n; e++) {
    for (let k = 0; k < d; k++) {
      for (let j = 0; j < h; j++) {
        for (let i = 0; i < w; i++) {
          const o = (k * h + j) * w + i;
          const inBox = Math.abs(i - (2 + e)) <= 1 && Math.abs(j - 3) <= 1 && Math.abs(k - 4) <= 1;
          y[e * v + o] = inBox ? 1 : 0;
          x[(e * v + o) * 2] = inBox ? 10 : 0;
          x[(e * v + o) * 2 + 1] = 100 + i + 2 * j + 3 * k + 50 * e;
        }
      }
    }
  }
  return { x, y, n, imageShape: [d, h, w, 2], labelShape: [d, h, w, 1], ids: Array.from({ length: n }, (_, e) => `c${e}`), groups: Array.from({ length: n }, (_, e) => `p${e >> 1}`), labelNames: ['background', 'tumour'], task: 'segmentation' };
}

const channel = (set: ExampleSet, e: number, c: number) => {
  const v = set.imageShape.slice(0, -1).reduce((a, b) => a * b, 1);
  const ch = set.imageShape[set.imageShape.length - 1]!;
  return Array.from({ length: v }, (_, o) => set.x[(e * v + o) * ch + c]!);
};
const mask = (set: ExampleSet, e: number) => {
  const v = set.labelShape.reduce((a, b) => a * b, 1);
  return Array.from(set.y.subarray(e * v, (e + 1) * v));
};

describe('intensity transforms, per example and channel', () => {
  const set = volumes(2, [8, 8, 8]);
  it('z-score gives each channel of each example mean 0 and spread 1', () => {
    const out = normalizeIntensity(set, { mode: 'zscore', lower: 0, upper: 100, nonzero: false });
    for (const e of [0, 1]) {
      for (const c of [0, 1]) {
        const v = channel(out, e, c);
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        expect(mean).toBeCloseTo(0, 4);
        expect(Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length)).toBeCloseTo(1, 4);
      }
    }
    expect(out.y).toBe(set.y);
  });
  it('non-zero z-score leaves the background at 0', () => {
    const varied = { ...set, x: set.x.map((v, o) => (o % 2 === 0 && v !== 0 ? v + (o % 7) : v)) };
    const before = channel(varied, 0, 0);
    const after = channel(normalizeIntensity(varied, { mode: 'zscore', lower: 0, upper: 100, nonzero: true }), 0, 0);
    after.forEach((v, o) => before[o] === 0 && expect(v).toBe(0));
    const inside = after.filter((_, o) => before[o] !== 0);
    expect(inside.reduce((a, b) => a + b, 0) / inside.length).toBeCloseTo(0, 4);
  });
  it('percentile scaling maps the chosen percentiles to 0 and 1', () => {
    const out = normalizeIntensity(set, { mode: 'percentile', lower: 0, upper: 100, nonzero: false });
    const v = channel(out, 1, 1);
    expect(Math.min(...v)).toBe(0);
    expect(Math.max(...v)).toBe(1);
  });
  it('a window on one channel leaves the others', () => {
    const out = windowExamples(set, { level: 5, width: 10, channel: 0 });
    expect(new Set(channel(out, 0, 0))).toEqual(new Set([0, 1]));
    expect(channel(out, 0, 1)).toEqual(channel(set, 0, 1));
    expect(() => windowExamples(set, { level: 0, width: 1, channel: 2 })).toThrow(/channel 2/);
  });
});

describe('patches', () => {
  const set = volumes(3, [8, 10, 12]);
  it('cut image and mask at the same place, with foreground oversampling', () => {
    const out = samplePatches(set, { size: [4, 4, 4], perExample: 5, foreground: 1, seed: 7 });
    expect(out.n).toBe(15);
    expect(out.imageShape).toEqual([4, 4, 4, 2]);
    expect(out.labelShape).toEqual([4, 4, 4, 1]);
    expect(out.groups).toEqual(['p0', 'p0', 'p0', 'p0', 'p0', 'p0', 'p0', 'p0', 'p0', 'p0', 'p1', 'p1', 'p1', 'p1', 'p1']);
    for (let e = 0; e < out.n; e++) {
      expect(mask(out, e).some((v) => v === 1)).toBe(true); // every patch centred on the mask
      expect(channel(out, e, 0)).toEqual(mask(out, e).map((v) => 10 * v));
    }
  });
  it('are reproducible from the seed, and mostly background without oversampling', () => {
    const a = samplePatches(set, { size: [4, 4, 4], perExample: 20, foreground: 0, seed: 3 });
    expect(samplePatches(set, { size: [4, 4, 4], perExample: 20, foreground: 0, seed: 3 }).x).toEqual(a.x);
    const withFg = Array.from({ length: a.n }, (_, e) => mask(a, e).some((v) => v === 1)).filter(Boolean).length;
    expect(withFg).toBeLessThan(a.n);
  });
  it('refuse patches larger than the volume', () => expect(() => samplePatches(set, { size: [9, 4, 4], perExample: 1, foreground: 0, seed: 1 })).toThrow(/do not fit/));
});

describe('augmentation', () => {
  const set = volumes(4, [8, 8, 8]);
  it('moves the mask with the image (flips exactly, rotations and zoom up to interpolation at the edge)', () => {
    const flipped = augmentExamples(set, { flip: ['x', 'y', 'z'], rotate: 0, scale: 0, intensity: 0, noise: 0, seed: 5 });
    for (let e = 0; e < 4; e++) expect(channel(flipped, e, 0)).toEqual(mask(flipped, e).map((v) => 10 * v));
    expect(flipped.x).not.toEqual(set.x);
    const warped = augmentExamples(set, { flip: ['x'], rotate: 20, scale: 0.2, intensity: 0, noise: 0, seed: 9 });
    for (let e = 0; e < 4; e++) {
      const img = channel(warped, e, 0);
      const m = mask(warped, e);
      expect(new Set(m).size).toBeLessThanOrEqual(2); // nearest neighbour: labels stay whole
      const agree = img.filter((v, o) => Math.round(v / 10) === m[o]).length;
      expect(agree / img.length).toBeGreaterThan(0.97);
    }
  });
  it('changes intensities of the image only', () => {
    const out = augmentExamples(set, { flip: [], rotate: 0, scale: 0, intensity: 0.2, noise: 0.05, seed: 2 });
    expect(out.y).toEqual(set.y);
    expect(channel(out, 0, 1)).not.toEqual(channel(set, 0, 1));
  });
});
