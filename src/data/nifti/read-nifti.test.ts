import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Expected } from '../fixtures/medical/expected';
import { MedicalFileError } from '../medical-error';
import { close, voxel } from '../testing/medical';
import { volumeStats } from '../volume';
import { readNifti } from './read-nifti';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/medical/${name}`, import.meta.url)));
const expected = JSON.parse(readFileSync(new URL('../fixtures/medical/expected.json', import.meta.url), 'utf8')) as Expected;

describe('readNifti against nibabel', () => {
  it.each(expected.nifti.map((c) => [`${c.file}${c.volume === null ? '' : ` volume ${c.volume}`} — ${c.note}`, c] as const))('%s', (_, c) => {
    const v = readNifti(fixture(c.file), c.volume === null ? {} : { volume: c.volume });
    expect(v.meta.format).toBe(c.version === 1 ? 'nifti1' : 'nifti2');
    expect(v.meta.header.byteOrder).toBe(c.littleEndian ? 'little-endian' : 'big-endian');
    expect(v.shape).toEqual(c.shape);
    expect(v.dtype).toBe(c.dtype);
    v.spacing.forEach((s, i) => expect(close(s, c.spacing[i]!)).toBe(true));
    for (let r = 0; r < 4; r++) for (let col = 0; col < 4; col++) expect(v.affine[r]![col]).toBeCloseTo(c.affine[r]![col]!, 4);
    const s = volumeStats(v.data);
    expect(close(s.min, c.min, 1e-6)).toBe(true);
    expect(close(s.max, c.max, 1e-6)).toBe(true);
    expect(close(s.mean, c.mean, 1e-5, 1e-4)).toBe(true);
    for (const p of c.probes) expect(close(voxel(v, p.index), p.value, 1e-6)).toBe(true);
  });

  it('reads a .nii the same whether gzipped or not', () => {
    const plain = fixture('anatomical_be.nii');
    expect(readNifti(gzipSync(plain)).data).toEqual(readNifti(plain).data);
  });
});

describe('readNifti on bad input gives typed errors', () => {
  const good = fixture('dtype_int16_le.nii');
  const edit = (f: (v: DataView, b: Uint8Array) => void) => {
    const b = good.slice();
    f(new DataView(b.buffer), b);
    return b;
  };
  it.each([
    ['an empty file', new Uint8Array(0), 'empty-file'],
    ['a text file', new TextEncoder().encode('hello, this is not an image at all'), 'unknown-format'],
    ['a cut header', good.slice(0, 200), 'truncated'],
    ['cut voxel data', good.slice(0, good.length - 10), 'truncated'],
    ['dim[0] = 9', edit((v) => v.setInt16(40, 9, true)), 'bad-header'],
    ['a zero dimension', edit((v) => v.setInt16(42, 0, true)), 'bad-header'],
    ['huge dimensions', edit((v) => [42, 44, 46].forEach((at) => v.setInt16(at, 32000, true))), 'too-large'],
    ['complex data', edit((v) => v.setInt16(70, 32, true)), 'unsupported-datatype'],
    ['a NaN intercept with a slope', edit((v) => { v.setFloat32(112, 2, true); v.setFloat32(116, NaN, true); }), 'bad-header'],
    ['a .hdr of a pair', edit((_, b) => b.set([0x6e, 0x69, 0x31, 0], 344)), 'unknown-format'],
    ['a broken gzip stream', (() => { const z = gzipSync(good); z.fill(0xff, 20, 60); return z; })(), 'corrupt-gzip'],
  ])('%s', (_, bytes, code) => {
    try {
      readNifti(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MedicalFileError);
      expect((e as MedicalFileError).code).toBe(code);
      expect((e as MedicalFileError).hint).not.toBe('');
    }
  });

  it('refuses a volume index past the end', () => {
    expect(() => readNifti(fixture('functional_scaled.nii.gz'), { volume: 99 })).toThrow(/no volume with that index/);
  });

  it('treats scl_slope 0 as no scaling', () => {
    const b = good.slice();
    new DataView(b.buffer).setFloat32(112, 0, true);
    new DataView(b.buffer).setFloat32(116, 1000, true);
    const raw = readNifti(b);
    expect(volumeStats(raw.data).max).toBeLessThan(40000);
  });
});
