import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { burnedInSources, ImportCancelled, prepareImport, type ImportSource } from './dataset-import';
import { parseDicom } from './dicom/parse';
import { T } from './dicom/values';
import { writeDicom } from './dicom/write';
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

  it('leaves out files with burned-in annotation until the user accepts them, and records that choice in the audit log', async () => {
    const f = parseDicom(fixture('MR_small.dcm'));
    f.dataset.elements.set(T.BurnedInAnnotation, { tag: T.BurnedInAnnotation, vr: 'CS', value: new TextEncoder().encode('YES ') });
    const sources = [src('s/burned.dcm', writeDicom(f)), src('s/clean.dcm', fixture('MR_small.dcm')), src('notes.txt', new TextEncoder().encode('hello'))];
    const first = await prepareImport(sources, { salt: 'x' });
    expect(first.files.map((x) => x.path)).toEqual(['s/clean.dcm']);
    const held = burnedInSources(sources, first);
    expect(held.map((s) => s.path)).toEqual(['s/burned.dcm']); // not the file that is not DICOM at all

    const again = await prepareImport(held, { salt: 'x', acceptBurnedIn: true });
    expect([again.files.map((x) => [x.path, x.dicom]), again.excluded]).toEqual([[['s/burned.dcm', true]], []]);
    const choice = again.audit[0]!.entries.filter((e) => e.tag === '(0028,0301)');
    expect(choice).toEqual([expect.objectContaining({ action: 'K', detail: expect.stringMatching(/chose to import the file anyway/) })]);
    // De-identified like any other file: one salt, so the study's UIDs still match the first import's.
    const uid = (bytes: Uint8Array) => parseDicom(bytes).dataset.elements.get(T.StudyInstanceUID)?.value;
    expect(uid(again.files[0]!.bytes)).toEqual(uid(first.files[0]!.bytes));
    expect(first.audit.find((a) => a.path === 's/clean.dcm')!.entries.some((e) => e.tag === '(0028,0301)')).toBe(false);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const sources = [src('a.nii.gz', fixture('standard.nii.gz')), src('b.nii.gz', fixture('standard.nii.gz'))];
    await expect(prepareImport(sources, { salt: 'x', signal: ac.signal, onProgress: () => ac.abort() })).rejects.toBeInstanceOf(ImportCancelled);
  });
});

describe('dataset summary', () => {
  it('gives size, spacing, range and histogram per volume, and label counts from a manifest', async () => {
    const s = await summarizeDataset([
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
