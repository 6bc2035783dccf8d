import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Expected, ExpectedCodecs } from '../fixtures/medical/expected';
import { MedicalFileError } from '../medical-error';
import { close, voxel } from '../testing/medical';
import { volumeStats, type Volume } from '../volume';
import { parseDicom } from './parse';
import { readDicom } from './read-dicom';
import { readDicomSeries } from './series';
import { str, T } from './values';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/medical/${name}`, import.meta.url)));
const expected = JSON.parse(readFileSync(new URL('../fixtures/medical/expected.json', import.meta.url), 'utf8')) as Expected;
const codecs = JSON.parse(readFileSync(new URL('../fixtures/medical/expected-codecs.json', import.meta.url), 'utf8')) as ExpectedCodecs;

function compare(v: Volume, c: Expected['dicom'][number] | Expected['series'][number]) {
  expect(v.shape).toEqual(c.shape);
  v.spacing.forEach((s, i) => expect(close(s, c.spacing[i]!)).toBe(true));
  for (let r = 0; r < 4; r++) for (let col = 0; col < 4; col++) expect(v.affine[r]![col]).toBeCloseTo(c.affine[r]![col]!, 4);
  const s = volumeStats(v.data);
  // Lossy JPEG: two conforming decoders may round a sample differently.
  const tol = 'tolerance' in c && c.tolerance ? c.tolerance : 0;
  expect(close(s.min, c.min, 1e-5, tol + 1e-6)).toBe(true);
  expect(close(s.max, c.max, 1e-5, tol + 1e-6)).toBe(true);
  expect(close(s.mean, c.mean, 1e-5, tol / 4 + 1e-4)).toBe(true);
  for (const p of c.probes) expect(close(voxel(v, p.index), p.value, 1e-5, tol + 1e-6)).toBe(true);
}

describe('readDicom against pydicom', () => {
  it.each(expected.dicom.map((c) => [`${c.file} — ${c.note}`, c] as const))('%s', async (_, c) => {
    const v = await readDicom(fixture(c.file));
    compare(v, c);
    if (c.transferSyntax) expect(v.meta.header.transferSyntax).toBe(c.transferSyntax);
  });

  it('says when a file has no orientation or position, so a viewer claims no patient sides', async () => {
    // Secondary capture: no ImageOrientationPatient, no ImagePositionPatient (checked with pydicom).
    for (const file of ['SC_rgb_small_odd.dcm', 'JPGExtended.dcm']) expect((await readDicom(fixture(file))).meta.orientationAssumed, file).toBe(true);
    // An MR image and an RT dose grid carry both.
    for (const file of ['MR_small.dcm', 'rtdose.dcm']) expect((await readDicom(fixture(file))).meta.orientationAssumed, file).toBeUndefined();
  });

  it('labels units: HU for CT, the dose units for RTDOSE, SUVbw for PET', async () => {
    expect((await readDicom(fixture('CT_small.dcm'))).meta.units).toBe('HU');
    expect((await readDicom(fixture('rtdose.dcm'))).meta.units).toBe('RELATIVE');
    expect((await readDicom(fixture('pet_suv.dcm'))).meta.units).toBe('SUVbw');
    expect((await readDicom(fixture('pet_suv.dcm'), { suv: false })).meta.units).toBe('BQML');
  });

  it.each([...expected.errors, ...codecs.errors].map((c) => [c.file, c] as const))('%s: a typed error naming the transfer syntax', async (_, c) => {
    try {
      await readDicom(fixture(c.file));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MedicalFileError);
      expect((e as MedicalFileError).code).toBe(c.code);
      expect((e as Error).message).toContain(c.transferSyntax);
      expect((e as Error).message).toContain(c.syntaxName.split(' ')[0]);
    }
  });

  it('decodes GB18030 person names', () => {
    const f = parseDicom(fixture(expected.charset.file));
    expect(str(f.dataset, T.PatientName, str(f.dataset, T.SpecificCharacterSet))).toBe(expected.charset.patientName);
  });
});

describe('readDicomSeries against pydicom', () => {
  it.each(expected.series.map((c) => [c.note, c] as const))('%s, given in either order', async (_, c) => {
    for (const names of [c.files, [...c.files].reverse()]) {
      const v = await readDicomSeries(names.map((name) => ({ name, bytes: fixture(name) })));
      expect(v.order).toEqual(c.order);
      compare(v, c);
    }
  });

  it('refuses files from two series', async () => {
    await expect(readDicomSeries([{ name: 'a', bytes: fixture('CT_small.dcm') }, { name: 'b', bytes: fixture('MR_small.dcm') }])).rejects.toThrow(MedicalFileError);
  });

  it('refuses two slices at one position', async () => {
    const b = fixture('series_mr_0.dcm');
    await expect(readDicomSeries([{ name: 'a', bytes: b }, { name: 'b', bytes: b }])).rejects.toThrow(/same position/);
  });
});
