import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Expected } from '../fixtures/medical/expected';
import { MedicalFileError } from '../medical-error';
import { rasteriseStructures } from './rtstruct';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/medical/${name}`, import.meta.url)));
const expected = JSON.parse(readFileSync(new URL('../fixtures/medical/expected.json', import.meta.url), 'utf8')) as Expected;

describe('RTSTRUCT contours rasterised on a reference grid, against matplotlib', () => {
  it.each(expected.rtstruct.map((c) => [c.file, c] as const))('%s', (_, c) => {
    const { origin, spacing, shape } = c.grid;
    // An axial LPS grid, as its RAS affine: x and y negated.
    const affine = [
      [-spacing[0]!, 0, 0, -origin[0]!],
      [0, -spacing[1]!, 0, -origin[1]!],
      [0, 0, spacing[2]!, origin[2]!],
      [0, 0, 0, 1],
    ];
    const rois = rasteriseStructures(fixture(c.file), { shape, affine });
    const roi = rois.find((r) => r.name === c.roi)!;
    expect(roi).toBeDefined();
    const [ni, nj] = shape as [number, number];
    expect(roi.mask.reduce((a, b) => a + b, 0)).toBe(c.voxels);
    c.perSlice.forEach((n, k) => expect(roi.mask.subarray(k * ni * nj, (k + 1) * ni * nj).reduce((a, b) => a + b, 0)).toBe(n));
    for (const p of c.probes) expect(roi.mask[p.index[0]! + ni * (p.index[1]! + nj * p.index[2]!)]).toBe(p.value);
  });

  it('refuses an image file as a structure set', () => {
    expect(() => rasteriseStructures(fixture('MR_small.dcm'), { shape: [4, 4, 1], affine: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] })).toThrow(MedicalFileError);
  });
});
