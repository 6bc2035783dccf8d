import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expected } from '../data/fixtures/medical/expected';
import { main } from './main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fixtures = new URL('../data/fixtures/medical/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as Expected;
const dir = mkdtempSync(join(tmpdir(), 'jimu-medical-'));

describe('jimu inspect', () => {
  it.each([
    ['a big-endian NIfTI', 'anatomical_be.nii', expected.nifti.find((c) => c.file === 'anatomical_be.nii')!],
    ['a scaled 4D NIfTI', 'functional_scaled.nii.gz', expected.nifti.find((c) => c.file === 'functional_scaled.nii.gz' && c.volume === null)!],
    ['an RTDOSE', 'rtdose.dcm', expected.dicom.find((c) => c.file === 'rtdose.dcm')!],
  ])('prints %s as JSON with nibabel/pydicom shape, spacing and values', async (_, file, c) => {
    const r = await run('inspect', join(fixtures, file), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.shape).toEqual(c.shape);
    j.spacing.forEach((s: number, i: number) => expect(s).toBeCloseTo(c.spacing[i]!, 5));
    expect(j.min).toBeCloseTo(c.min, 4);
    expect(j.max).toBeCloseTo(c.max, 4);
    expect(j.mean).toBeCloseTo(c.mean, 3);
    expect(typeof j.dtype).toBe('string');
  });

  it('reads a folder holding a DICOM series as one volume: columns, rows, slices', async () => {
    const series = join(dir, 'series');
    mkdirSync(join(series, 'sub'), { recursive: true });
    const c = expected.series[0]!;
    copyFileSync(join(fixtures, c.files[1]!), join(series, 'a.dcm'));
    copyFileSync(join(fixtures, c.files[0]!), join(series, 'sub', 'z.dcm'));
    const r = await run('inspect', series, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.shape).toEqual(c.shape);
    expect(j.spacing[2]).toBeCloseTo(c.spacing[2]!, 5);
    expect(j.files).toBe(2);
    expect(j.mean).toBeCloseTo(c.mean, 3);
  });

  it('decodes compressed and colour DICOM: JPEG 2000 grey, and RGB with a channel axis', async () => {
    const j2k = JSON.parse((await run('inspect', join(fixtures, 'JPEG2000.dcm'), '--json')).out);
    expect(j2k.shape).toEqual([256, 1024, 1]);
    expect(j2k.header.transferSyntax).toBe('1.2.840.10008.1.2.4.91');
    const rgb = await run('inspect', join(fixtures, 'SC_rgb_jpeg_gdcm.dcm'));
    expect(rgb.code).toBe(0);
    expect(rgb.out).toMatch(/shape {4}100 × 100 × 1 × 3 {3}\(last axis: R, G, B; stored as RGB\)/);
  });

  it('prints a readable summary without --json', async () => {
    const r = await run('inspect', join(fixtures, 'CT_small.dcm'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/shape {4}128 × 128 × 1/);
    expect(r.out).toMatch(/units HU/);
  });

  it('explains an unreadable file in one message with a hint, no stack trace', async () => {
    const bad = join(dir, 'bad.nii');
    writeFileSync(bad, readFileSync(join(fixtures, 'dtype_int16_le.nii')).subarray(0, 300));
    const r = await run('inspect', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/jimu: .*bad\.nii: The file ends before/);
    expect(r.err).toMatch(/→/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    // 12-bit JPEG Extended is decoded (src/data/dicom/jpeg12.ts).
    const compressed = await run('inspect', join(fixtures, 'JPGExtended.dcm'));
    expect(compressed.code).toBe(0);
    expect(compressed.out).toMatch(/shape {4}256 × 1024 × 1/);
    expect((await run('inspect', join(dir, 'missing.nii'))).err).toMatch(/Cannot find/);
  });
});

describe('jimu deid', () => {
  it('de-identifies a folder, keeps its structure with numbered names, skips non-DICOM files and prints the audit log', async () => {
    const input = join(dir, 'study');
    mkdirSync(join(input, 'ct'), { recursive: true });
    copyFileSync(join(fixtures, 'deid_gb18030.dcm'), join(input, 'ct', 'one.dcm'));
    copyFileSync(join(fixtures, 'deid_utf8.dcm'), join(input, 'two'));
    writeFileSync(join(input, 'notes.txt'), 'Patient: 张三丰');
    const output = join(dir, 'study-deid');
    const r = await run('deid', input, output, '--salt', 'abc');
    expect(r.code).toBe(0);
    // Sorted input: ct/one.dcm, notes.txt, two → 0001/0001.dcm, (not copied), 0002.dcm.
    expect(existsSync(join(output, '0001', '0001.dcm'))).toBe(true);
    expect(existsSync(join(output, '0002.dcm'))).toBe(true);
    expect(existsSync(join(output, 'notes.txt'))).toBe(false);
    expect(r.err).toMatch(/not copied \(not DICOM\): notes\.txt/);
    expect(r.out).toMatch(/ct\/one\.dcm {2}\(0010,0010\)/);
    expect(r.out).toMatch(/✓ 2 of 3 files de-identified/);
    const bytes = readFileSync(join(output, '0001', '0001.dcm'));
    for (const id of expected.deid[1]!.identifiers) expect(bytes.includes(Buffer.from(id.hex, 'hex'))).toBe(false);
    const after = await run('inspect', join(output, '0001', '0001.dcm'), '--json');
    expect(after.code).toBe(0);
  });

  it('de-identifies one file, with the audit log as JSON', async () => {
    const r = await run('deid', join(fixtures, 'MR_small.dcm'), join(dir, 'mr.dcm'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.written).toBe(1);
    expect(j.audit.some((a: { path: string }) => a.path === 'StudyInstanceUID')).toBe(true);
  });

  it('refuses to write over its input', async () => {
    const r = await run('deid', join(fixtures, 'MR_small.dcm'), join(fixtures, 'MR_small.dcm'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/same path/);
  });
});
