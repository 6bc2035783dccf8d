import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../core';
import { exampleSetProblem } from './example-set';
import { sampleShapes } from './sample-shapes';

describe('sampleShapes', () => {
  it.each([
    { count: 2, size: 8 },
    { count: 7, size: 16 },
    { count: 40, size: 32 },
  ])('$count images of $size × $size: well formed, balanced, one-hot, in [0, 1]', ({ count, size }) => {
    const s = sampleShapes({ count, size, seed: 1 });
    expect(exampleSetProblem(s)).toBeNull();
    expect(s).toMatchObject({ n: count, imageShape: [size, size, 1], labelShape: [2], labelNames: ['disc', 'ring'], task: 'multiclass' });
    const rings = Array.from({ length: count }, (_, i) => s.y[2 * i + 1]!).reduce((a, b) => a + b, 0);
    expect(rings).toBe(Math.floor(count / 2));
    for (let i = 0; i < count; i++) expect(s.y[2 * i]! + s.y[2 * i + 1]!).toBe(1);
    expect(s.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(s.ids).size).toBe(count);
    expect(s.groups).toEqual(s.ids);
  });

  it('is reproducible from its seed, and differs between seeds', () => {
    const a = sampleShapes({ count: 6, size: 16, seed: 3 });
    const b = sampleShapes({ count: 6, size: 16, seed: 3 });
    const c = sampleShapes({ count: 6, size: 16, seed: 4 });
    expect(a.x).toEqual(b.x);
    expect(a.x).not.toEqual(c.x);
  });

  // The dataset is meant for a small CNN: shape must tell the classes apart, brightness alone must not.
  const set = sampleShapes({ count: 400, size: 32, seed: 11 });
  const label = (i: number) => (set.y[2 * i + 1] === 1 ? 1 : 0);

  it('cannot be solved by mean brightness alone', () => {
    const means = Array.from({ length: set.n }, (_, i) => mean(set, i));
    expect(bestThresholdAccuracy(means, Array.from({ length: set.n }, (_, i) => label(i)))).toBeLessThan(0.8);
  });

  it('is separable by shape: the centre of the bright region is bright for a disc and dark for a ring', () => {
    let correct = 0;
    for (let i = 0; i < set.n; i++) correct += centreIsDark(set, i) === (label(i) === 1) ? 1 : 0;
    expect(correct / set.n).toBeGreaterThan(0.95);
  });
});

function pixels(set: ExampleSet, i: number): Float32Array {
  const p = set.imageShape[0]! * set.imageShape[1]!;
  return set.x.subarray(i * p, (i + 1) * p);
}

function mean(set: ExampleSet, i: number): number {
  const px = pixels(set, i);
  return px.reduce((a, b) => a + b, 0) / px.length;
}

function bestThresholdAccuracy(values: number[], labels: number[]): number {
  let best = 0;
  for (const t of values) {
    const acc = values.reduce((s, v, k) => s + ((v > t ? 1 : 0) === labels[k] ? 1 : 0), 0) / values.length;
    best = Math.max(best, acc, 1 - acc);
  }
  return best;
}

/** Smooths, thresholds halfway between dark and bright, and looks at the bright region's centroid. */
function centreIsDark(set: ExampleSet, i: number): boolean {
  const size = set.imageShape[0]!;
  const px = pixels(set, i);
  const smooth = new Float32Array(px.length);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let s = 0;
      let n = 0;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < size && cc >= 0 && cc < size) {
            s += px[rr * size + cc]!;
            n++;
          }
        }
      }
      smooth[r * size + c] = s / n;
    }
  }
  const sorted = [...smooth].sort((a, b) => a - b);
  const t = (sorted[Math.floor(0.05 * sorted.length)]! + sorted[Math.floor(0.99 * sorted.length)]!) / 2;
  let sr = 0;
  let sc = 0;
  let n = 0;
  smooth.forEach((v, k) => {
    if (v > t) {
      sr += Math.floor(k / size);
      sc += k % size;
      n++;
    }
  });
  const r = Math.round(sr / n);
  const c = Math.round(sc / n);
  return smooth[r * size + c]! < t;
}
