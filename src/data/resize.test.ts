import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../core';
import { createRandom } from './random';
import { resizeArray, resizeExamples, resizeImage, resizeVolume, type ResizeMethod } from './resize';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol);
};

describe('resizeImage: cases', () => {
  it.each<{ name: string; input: number[]; shape: [number, number, number]; to: [number, number]; method: ResizeMethod; out: number[] }>([
    { name: 'same size is a copy', input: [1, 2, 3, 4], shape: [2, 2, 1], to: [2, 2], method: 'linear', out: [1, 2, 3, 4] },
    {
      name: 'linear 2×2 → 4×4 with aligned pixel centres',
      input: [0, 1, 2, 3], shape: [2, 2, 1], to: [4, 4], method: 'linear',
      out: [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3],
    },
    { name: 'linear 1×4 → 1×2 averages pairs', input: [0, 2, 4, 6], shape: [1, 4, 1], to: [1, 2], method: 'linear', out: [1, 5] },
    { name: 'area 1×6 → 1×2 averages triples', input: [0, 1, 2, 3, 4, 5], shape: [1, 6, 1], to: [1, 2], method: 'area', out: [1, 4] },
    { name: 'area 1×3 → 1×2 weighs partial pixels', input: [0, 3, 6], shape: [1, 3, 1], to: [1, 2], method: 'area', out: [(0 * 1 + 3 * 0.5) / 1.5, (3 * 0.5 + 6 * 1) / 1.5] },
    { name: 'nearest 1×2 → 1×4', input: [5, 7], shape: [1, 2, 1], to: [1, 4], method: 'nearest', out: [5, 5, 7, 7] },
    { name: 'nearest 1×4 → 1×2', input: [1, 2, 3, 4], shape: [1, 4, 1], to: [1, 2], method: 'nearest', out: [2, 4] },
    { name: 'channels stay apart', input: [0, 10, 2, 30], shape: [1, 2, 2], to: [1, 4], method: 'linear', out: [0, 10, 0.5, 15, 1.5, 25, 2, 30] },
  ])('$name', (c) => close(resizeImage(Float32Array.from(c.input), c.shape, c.to[0], c.to[1], c.method), c.out));

  it.each<ResizeMethod>(['linear', 'area', 'nearest'])('%s keeps a constant image constant', (method) => {
    const out = resizeImage(new Float32Array(5 * 7 * 2).fill(0.3), [5, 7, 2], 11, 3, method);
    close(out, new Float32Array(11 * 3 * 2).fill(0.3));
  });
});

/** Bilinear written pointwise (not separably), the textbook way, as an independent oracle. */
function bilinear(data: Float32Array, shape: number[], H: number, W: number): Float32Array {
  const [h, w, c] = shape as [number, number, number];
  const out = new Float32Array(H * W * c);
  const src = (j: number, from: number, to: number) => Math.min(from - 1, Math.max(0, ((j + 0.5) * from) / to - 0.5));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sy = src(y, h, H);
      const sx = src(x, w, W);
      const y0 = Math.floor(sy);
      const x0 = Math.floor(sx);
      const y1 = Math.min(h - 1, y0 + 1);
      const x1 = Math.min(w - 1, x0 + 1);
      const fy = sy - y0;
      const fx = sx - x0;
      for (let k = 0; k < c; k++) {
        const at = (r: number, q: number) => data[(r * w + q) * c + k]!;
        out[(y * W + x) * c + k] = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
      }
    }
  }
  return out;
}

describe('resize against a pointwise oracle', () => {
  const r = createRandom(4);
  it.each([
    [[7, 5, 3], 12, 9],
    [[16, 16, 1], 5, 7],
    [[3, 9, 2], 3, 4],
  ])('bilinear %j → %i × %i', (shape, H, W) => {
    const data = Float32Array.from({ length: shape[0]! * shape[1]! * shape[2]! }, () => r.next());
    close(resizeImage(data, shape as [number, number, number], H, W), bilinear(data, shape, H, W));
  });

  it('trilinear equals bilinear per slice when the depth is kept, and interpolates between slices', () => {
    const [d, h, w, c] = [3, 4, 5, 2];
    const data = Float32Array.from({ length: d * h * w * c }, () => r.next());
    const kept = resizeVolume(data, [d, h, w, c], d, 6, 3);
    for (let z = 0; z < d; z++) close(kept.subarray(z * 36, (z + 1) * 36), bilinear(data.subarray(z * h * w * c, (z + 1) * h * w * c), [h, w, c], 6, 3));
    // Depth 3 → 6: output slice 1 sits at source 0.25 (aligned centres) → 0.75 × slice 0 + 0.25 × slice 1.
    const deeper = resizeVolume(data, [d, h, w, c], 6, h, w);
    const s = h * w * c;
    const expected = Array.from({ length: s }, (_, i) => 0.75 * data[i]! + 0.25 * data[s + i]!);
    close(deeper.subarray(s, 2 * s), expected);
  });

  it('refuses a size list of the wrong length', () => {
    expect(() => resizeArray(new Float32Array(4), [2, 2, 1], [2])).toThrow(/1 sizes for 2 spatial axes/);
  });
});

describe('resizeExamples', () => {
  const base = { n: 1, ids: ['a'], groups: ['a'], labelNames: ['bg', 'fg'] };
  it('resizes a segmentation mask by nearest neighbour, so it stays one-hot', () => {
    const set: ExampleSet = { ...base, x: Float32Array.from([0, 1]), imageShape: [1, 2, 1], y: Float32Array.from([1, 0, 0, 1]), labelShape: [1, 2, 2], task: 'segmentation' };
    const out = resizeExamples(set, [1, 4]);
    expect(out.imageShape).toEqual([1, 4, 1]);
    expect(out.labelShape).toEqual([1, 4, 2]);
    close(out.x, [0, 0.25, 0.75, 1]);
    expect(Array.from(out.y)).toEqual([1, 0, 1, 0, 0, 1, 0, 1]);
  });

  it('leaves classification labels alone', () => {
    const set: ExampleSet = { ...base, x: new Float32Array(4 * 4 * 3).fill(1), imageShape: [4, 4, 3], y: Float32Array.from([0, 1]), labelShape: [2], task: 'multiclass' };
    const out = resizeExamples(set, [2, 2]);
    expect(out.imageShape).toEqual([2, 2, 3]);
    expect(out.labelShape).toEqual([2]);
    expect(Array.from(out.y)).toEqual([0, 1]);
    expect(out.x.length).toBe(12);
  });
});
