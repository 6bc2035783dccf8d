import { describe, expect, it } from 'vitest';
import { applyWindow, CT_WINDOWS, cropOrPad, foregroundCentre, minimum, percentile, resampledShape, resampleGrid, rescaledSpacing, type Grid } from './volume-ops';

/** A grid whose value at (i, j, k) is f(i, j, k). */
function grid(shape: [number, number, number], f: (i: number, j: number, k: number) => number, spacing: [number, number, number] = [1, 1, 1]): Grid {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  let o = 0;
  for (let k = 0; k < shape[2]; k++) for (let j = 0; j < shape[1]; j++) for (let i = 0; i < shape[0]; i++) data[o++] = f(i, j, k);
  return { data, shape, spacing };
}
const at = (g: Grid, i: number, j: number, k: number) => g.data[i + g.shape[0] * (j + g.shape[1] * k)]!;

describe('resampling', () => {
  it.each([
    [[10, 10, 10], [1, 1, 1], [2, 2, 2], [5, 5, 5]],
    [[10, 10, 5], [1, 1, 3], [1, 1, 1], [10, 10, 15]],
    [[3, 3, 1], [0.5, 0.5, 5], [2, 2, 2], [1, 1, 3]],
  ])('%j at %j mm to %j mm gives %j', (shape, spacing, target, want) => expect(resampledShape(shape, spacing, target)).toEqual(want));

  it.each([
    [[10, 10, 10], [1, 1, 1], [5, 5, 5], [2, 2, 2]],
    [[7, 7, 7], [1, 1, 1], [6, 6, 6], [7 / 6, 7 / 6, 7 / 6]],
    [[10, 10, 5], [1, 1, 3], [10, 10, 15], [1, 1, 1]],
  ])('%j voxels at %j mm brought to %j voxels have %j mm (the same field of view)', (shape, spacing, to, want) => {
    rescaledSpacing(spacing, shape, to).forEach((s, a) => expect(s).toBeCloseTo(want[a]!, 12));
  });

  it('is exact for a linear ramp with trilinear interpolation (inside the field of view)', () => {
    const g = grid([8, 8, 8], (i, j, k) => i + 2 * j + 3 * k);
    const r = resampleGrid(g, [0.5, 0.5, 0.5], 'linear');
    expect(r.shape).toEqual([16, 16, 16]);
    expect(r.spacing).toEqual([0.5, 0.5, 0.5]);
    // Target voxel t sits at source coordinate (t + 0.5) / 2 − 0.5.
    for (const [i, j, k] of [[1, 1, 1], [5, 7, 9], [14, 2, 8]] as const) {
      const s = (t: number) => (t + 0.5) / 2 - 0.5;
      expect(at(r, i, j, k)).toBeCloseTo(s(i) + 2 * s(j) + 3 * s(k), 5);
    }
  });

  it('keeps mask labels whole with nearest neighbour', () => {
    const g = grid([6, 6, 6], (i) => (i < 3 ? 0 : 2));
    const r = resampleGrid(g, [0.7, 0.7, 0.7], 'nearest');
    expect(new Set(r.data)).toEqual(new Set([0, 2]));
  });
});

describe('crop or pad', () => {
  const g = grid([6, 4, 2], (i, j, k) => 100 * k + 10 * j + i);
  it('crops around a centre, shifted to stay inside', () => {
    const c = cropOrPad(g, [2, 2, 2], [5, 0, 1], -1);
    expect(Array.from(c.data)).toEqual([4, 5, 14, 15, 104, 105, 114, 115]);
  });
  it('pads evenly with the pad value', () => {
    const c = cropOrPad(g, [6, 4, 4], [3, 2, 1], -1);
    expect(at(c, 0, 0, 0)).toBe(-1);
    expect(at(c, 2, 3, 1)).toBe(32);
    expect(at(c, 0, 0, 3)).toBe(-1);
  });
  it('finds the foreground centre of a mask', () => {
    expect(foregroundCentre(grid([10, 10, 10], (i, j, k) => (i >= 6 && i <= 8 && j === 2 && k >= 1 && k <= 3 ? 1 : 0)))).toEqual([7, 2, 2]);
    expect(foregroundCentre(grid([2, 2, 2], () => 0))).toBeNull();
  });
});

describe('intensity', () => {
  it.each(Object.entries(CT_WINDOWS))('the %s window maps its edges to 0 and 1', (_name, w) => {
    const d = Float32Array.of(w.level - w.width, w.level - w.width / 2, w.level, w.level + w.width / 2, w.level + w.width);
    applyWindow(d, w.level, w.width);
    expect(Array.from(d)).toEqual([0, 0, 0.5, 1, 1]);
  });
  it.each([
    [0, 1],
    [50, 3],
    [100, 5],
    [25, 2],
    [90, 4.6],
  ])('percentile %d of 1…5 is %d (NumPy linear)', (p, want) => expect(percentile(Float32Array.of(1, 2, 3, 4, 5), p)).toBeCloseTo(want, 6));
  it.each([
    [[3, -2, 5], -2],
    [[], 0],
  ])('the minimum of %j is %d', (values, want) => expect(minimum(Float32Array.from(values))).toBe(want));
});
