import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image';
import { readVolume, volumeStats } from './medical';
import { fitVolumeToInput, noRealExampleOf, realExampleOf, type RealExample } from './real-examples';
import type { Volume } from './volume';

/** Reference values scripts/make-real-examples.py wrote with Pillow, nibabel and pydicom. */
type ImageExpected = { kind: 'image'; height: number; width: number; channels: number; channelMeans: number[]; centre: number[]; corner: number[]; bytes: number };
type VolumeExpected = { kind: 'volume'; shape: number[]; spacing: number[]; affine?: number[][]; units?: string; min: number; max: number; mean: number; probes: { ijk: number[]; value: number }[]; bytes: number };

const publicDir = new URL('../../public/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('templates/index.json', publicDir), 'utf8')) as unknown[];
const expected = JSON.parse(readFileSync(new URL('./fixtures/real-examples/expected.json', import.meta.url), 'utf8')) as Record<string, ImageExpected | VolumeExpected>;
const examples = index.map(realExampleOf).filter((e): e is RealExample => e !== null);
const bytesOf = (e: RealExample) => new Uint8Array(readFileSync(new URL(e.file, publicDir)));
const nameOf = (e: RealExample) => e.file.slice('samples/'.length);

describe('the real examples named in public/templates/index.json', () => {
  it('are valid entries for the fundus, brain-age and dose templates; glioma and PET/CT say why they have none', () => {
    const byTemplate = Object.fromEntries(index.map((e) => [(e as { file: string }).file, realExampleOf(e)]));
    expect(byTemplate['fundus-screening.pipeline.json']).toMatchObject({ kind: 'image', licence: 'CC0-1.0', tryWith: 'SampleFundus' });
    expect(byTemplate['brain-age.pipeline.json']).toMatchObject({ kind: 'volume', licence: 'BSD-3-Clause', tryWith: 'SampleBrainAge' });
    expect(byTemplate['dose-prediction.pipeline.json']).toMatchObject({ kind: 'volume', licence: 'MIT' });
    expect(byTemplate['dose-prediction.pipeline.json']?.tryWith).toBeUndefined();
    for (const file of ['glioma-segmentation.pipeline.json', 'petct-lesions.pipeline.json']) {
      const entry = index.find((e) => (e as { file: string }).file === file);
      expect(realExampleOf(entry)).toBeNull();
      expect(noRealExampleOf(entry)?.en).toMatch(/no free real example/i);
      expect(noRealExampleOf(entry)?.zh).toBeTruthy();
    }
  });

  it.each(examples.map((e) => [e.file, e] as const))('%s exists, is small, has reference values and a licence row', (_, e) => {
    const url = new URL(e.file, publicDir);
    expect(existsSync(url)).toBe(true);
    const ref = expected[nameOf(e)];
    expect(ref?.kind).toBe(e.kind);
    expect(statSync(url).size).toBe(ref!.bytes);
    expect(statSync(url).size).toBeLessThan(1_000_000);
    expect(readFileSync(new URL('samples/LICENSES.md', publicDir), 'utf8')).toContain(nameOf(e));
  });

  it.each(examples.filter((e) => e.kind === 'image').map((e) => [e.file, e] as const))('%s decodes with Jimu’s image reader as Pillow reads it', (_, e) => {
    const ref = expected[nameOf(e)] as ImageExpected;
    const img = decodeImage(bytesOf(e), nameOf(e));
    expect([img.height, img.width, img.channels, img.format]).toEqual([ref.height, ref.width, ref.channels, 'jpeg']);
    const sums = [0, 0, 0];
    for (let p = 0; p < img.height * img.width; p++) for (let c = 0; c < 3; c++) sums[c]! += img.data[p * 3 + c]!;
    // Two JPEG decoders (jpeg-js, libjpeg-turbo) may differ by a level here and there, not on average.
    sums.forEach((s, c) => expect(s / (img.height * img.width)).toBeCloseTo(ref.channelMeans[c]!, 2));
    const at = (r: number, col: number) => [0, 1, 2].map((c) => img.data[(r * img.width + col) * 3 + c]!);
    at(256, 256).forEach((v, c) => expect(Math.abs(v - ref.centre[c]!)).toBeLessThan(0.03));
    at(5, 5).forEach((v, c) => expect(Math.abs(v - ref.corner[c]!)).toBeLessThan(0.03));
  });

  it.each(examples.filter((e) => e.kind === 'volume').map((e) => [e.file, e] as const))('%s reads with Jimu’s volume reader as nibabel/pydicom read it', async (_, e) => {
    const ref = expected[nameOf(e)] as VolumeExpected;
    const v = await readVolume(bytesOf(e));
    expect(v.shape).toEqual(ref.shape);
    v.spacing.forEach((s, a) => expect(s).toBeCloseTo(ref.spacing[a]!, 5));
    if (ref.affine) v.affine.forEach((row, r) => row.forEach((x, c) => expect(x).toBeCloseTo(ref.affine![r]![c]!, 4)));
    if (ref.units) expect(v.meta.units).toBe(ref.units);
    const stats = volumeStats(v.data);
    expect(stats.min).toBeCloseTo(ref.min, 4);
    expect(stats.max).toBeCloseTo(ref.max, 4);
    expect(stats.mean).toBeCloseTo(ref.mean, 4);
    const [ni = 1, nj = 1] = v.shape;
    for (const { ijk, value } of ref.probes) expect(v.data[ijk[0]! + ni * (ijk[1]! + nj * ijk[2]!)]).toBeCloseTo(value, 4);
  });
});

describe('realExampleOf', () => {
  const good = { file: 'samples/a.jpg', kind: 'image', title: { en: 'A', zh: '甲' }, credit: { en: 'c', zh: 'c' }, licence: 'CC0-1.0', source: 'somewhere' };
  it.each<[string, unknown]>([
    ['no entry', undefined],
    ['no field', { file: 'x.pipeline.json' }],
    ['a string', { realExample: 'samples/a.jpg' }],
    ['a path out of public/samples', { realExample: { ...good, file: '../../etc/passwd' } }],
    ['an absolute URL', { realExample: { ...good, file: 'https://example.org/a.jpg' } }],
    ['an unknown kind', { realExample: { ...good, kind: 'video' } }],
    ['a title without Chinese', { realExample: { ...good, title: { en: 'A' } } }],
    ['no licence', { realExample: { ...good, licence: '' } }],
  ])('gives null for %s, so the gallery still shows the template', (_, entry) => {
    expect(realExampleOf(entry)).toBeNull();
  });

  it('keeps a valid entry, leaving out absent optional fields', () => {
    expect(realExampleOf({ realExample: good })).toEqual(good);
    expect(realExampleOf({ realExample: { ...good, tryWith: 'SampleFundus' } })?.tryWith).toBe('SampleFundus');
    expect(noRealExampleOf({ noRealExample: { en: 'none' } })).toBeNull();
  });
});

describe('fitVolumeToInput', () => {
  const colin = examples.find((e) => e.tryWith === 'SampleBrainAge')!;

  it('brings the Colin27 brain to the brain-age model’s 32³ input, whole and undistorted, in [0, 1]', async () => {
    const v = await readVolume(bytesOf(colin));
    const f = fitVolumeToInput(v, [32, 32, 32]);
    expect(f.shape).toEqual([32, 32, 32, 1]);
    expect(f.x.length).toBe(32 ** 3);
    // 109 voxels × 2 mm (the longest side, j) over 32 voxels.
    expect(f.voxel).toBeCloseTo((109 * 2) / 32, 6);
    const s = volumeStats(f.x);
    expect(s.min).toBe(0);
    expect(s.max).toBe(1);
    // The head is centred: the middle voxel is tissue, the corners are background.
    expect(f.x[16 + 32 * (16 + 32 * 16)]).toBeGreaterThan(0.2);
    expect(f.x[0]).toBeLessThan(0.05);
  });

  it('pads a flat, anisotropic volume evenly and maps it to zeros without NaN', () => {
    const v: Volume = { data: new Float32Array(4 * 2 * 2).fill(7), shape: [4, 2, 2], spacing: [1, 1, 2], affine: [], dtype: 'float32', meta: { format: 'nifti1', header: {}, units: '' } };
    const f = fitVolumeToInput(v, [4, 4, 4]);
    expect(f.voxel).toBe(1);
    expect(Array.from(f.x).every((x) => x === 0)).toBe(true);
  });

  it('rejects an input without a fixed size', () => {
    const v: Volume = { data: new Float32Array(8), shape: [2, 2, 2], spacing: [1, 1, 1], affine: [], dtype: 'float32', meta: { format: 'nifti1', header: {}, units: '' } };
    expect(() => fitVolumeToInput(v, [0, 2, 2])).toThrow(/fixed volume size/);
  });
});
