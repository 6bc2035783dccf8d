import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportCancelled, prepareImport, type ImportSource } from './dataset-import';
import { histogram, summarizeDataset } from './dataset-summary';
import type { Expected } from './fixtures/medical/expected';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/medical/${name}`, import.meta.url)));
const src = (path: string, bytes: Uint8Array): ImportSource => ({ path, read: async () => bytes });
const expected = JSON.parse(readFileSync(new URL('./fixtures/medical/expected.json', import.meta.url), 'utf8')) as Expected;
const fromHex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
const latin = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

describe('preparing an import', () => {
  it('de-identifies every DICOM file (with or without preamble) before returning it, and keeps NIfTI as it is', async () => {
    const progress: number[] = [];
    const r = await prepareImport(
      [src('s/a.dcm', fixture('deid_utf8.dcm')), src('s/b', fixture('CT_small_no_meta.dcm')), src('t1.nii.gz', fixture('standard.nii.gz')), src('notes.txt', new TextEncoder().encode('hello'))],
      { salt: 'x', onProgress: (d) => progress.push(d) },
    );
    expect(r.files.map((f) => [f.path, f.dicom])).toEqual([['s/a.dcm', true], ['s/b', true], ['t1.nii.gz', false]]);
    expect(r.excluded).toEqual([{ path: 'notes.txt', reason: 'not-medical' }]);
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(r.files[2]!.bytes).toEqual(fixture('standard.nii.gz'));
    // The identifiers injected into the fixture (expected.json) are gone from the stored bytes.
    const ids = expected.deid.find((d) => d.file === 'deid_utf8.dcm')!.identifiers;
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(latin(r.files[0]!.bytes)).not.toContain(latin(fromHex(id.hex)));
    const cmp = r.headers.find((h) => h.path === 's/a.dcm')!;
    const name = (rows: typeof cmp.before) => rows.find((row) => /PatientName/.test(row.path))?.value ?? '';
    expect(name(cmp.before)).not.toBe('');
    expect(name(cmp.after)).not.toBe(name(cmp.before));
    expect(r.audit.find((a) => a.path === 's/a.dcm')!.entries.length).toBeGreaterThan(5);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const sources = [src('a.nii.gz', fixture('standard.nii.gz')), src('b.nii.gz', fixture('standard.nii.gz'))];
    await expect(prepareImport(sources, { salt: 'x', signal: ac.signal, onProgress: () => ac.abort() })).rejects.toBeInstanceOf(ImportCancelled);
  });
});

describe('dataset summary', () => {
  it('gives size, spacing, range and histogram per volume, and label counts from a manifest', () => {
    const s = summarizeDataset([
      { name: 'mr/0.dcm', bytes: fixture('series_mr_0.dcm') },
      { name: 'mr/1.dcm', bytes: fixture('series_mr_1.dcm') },
      { name: 'std.nii.gz', bytes: fixture('standard.nii.gz') },
      { name: 'manifest.csv', bytes: new TextEncoder().encode('patient,image:mr,label\nP1,mr/,old\nP2,std.nii.gz,\nP3,x.nii,old\n') },
    ]);
    expect(s.volumes.map((v) => v.shape.length)).toEqual([3, 3]);
    const series = s.volumes.find((v) => v.format === 'dicom')!;
    expect(series.shape[2]).toBe(2);
    expect(series.histogram.counts.reduce((a, b) => a + b, 0)).toBe(series.shape.reduce((a, b) => a * b, 1));
    expect(s.labels).toEqual({ kind: 'class', counts: { old: 2 }, missing: ['P2-2'] });
  });
  it.each([
    [[0, 1, 2, 3], 2, [2, 2]],
    [[5, 5, 5], 3, [3, 0, 0]],
    [[0, Number.NaN, 10], 2, [1, 1]],
  ])('histogram of %j in %d bins is %j', (data, bins, counts) => expect(histogram(data, bins).counts).toEqual(counts));
});
