import { describe, expect, it } from 'vitest';
import { readNifti } from './read-nifti';
import { writeNifti } from './write-nifti';

describe('writeNifti round-trips through readNifti', () => {
  it.each([
    ['float32 3D, anisotropic', [3, 2, 2], [0.5, 1.5, 3], 'float32', (i: number) => i * 0.25 - 1],
    ['uint8 label map', [4, 3, 2], [1, 1, 1], 'uint8', (i: number) => i % 5],
    ['int16 2D', [5, 4], [2, 2], 'int16', (i: number) => (i % 2 ? -i : i * 100)],
  ] as const)('%s', (_name, shape, spacing, dtype, value) => {
    const n = shape.reduce((a: number, b: number) => a * b, 1);
    const data = Array.from({ length: n }, (_, i) => value(i));
    const v = readNifti(writeNifti(data, [...shape], { spacing: [...spacing], dtype }));
    expect(v.shape).toEqual(shape);
    expect(v.spacing).toEqual(spacing);
    expect(v.dtype).toBe(dtype);
    expect(Array.from(v.data)).toEqual(data);
    expect(v.affine[0]![0]).toBe(spacing[0]);
  });
  it('refuses data that does not fill the grid', () => {
    expect(() => writeNifti([1, 2, 3], [2, 2])).toThrow(/3 values for a 2×2 grid/);
  });
});
