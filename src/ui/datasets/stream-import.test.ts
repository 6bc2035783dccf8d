import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { ImportSource } from '../../data/dataset-import';
import { writeNifti } from '../../data/nifti/write-nifti';
import { DatasetsDatabase, datasetFiles, importedDataIO, listDatasets } from '../../storage/datasets-db';
import { holdImportLock } from '../../storage/import-lock';
import { streamImport, type ImportOutcome, type ImportProgress } from './stream-import';

/** Web Locks' `ifAvailable` requests, as a browser grants them: one holder per name until its callback's promise settles. */
class FakeLocks {
  held: string[] = [];
  async request(name: string, _o: { ifAvailable: true }, cb: (lock: { name: string } | null) => unknown): Promise<unknown> {
    if (this.held.includes(name)) return cb(null);
    this.held.push(name);
    try {
      return await cb({ name });
    } finally {
      this.held = this.held.filter((h) => h !== name);
    }
  }
}
const asLocks = (l: FakeLocks) => l as unknown as LockManager;

let n = 0;
const fresh = () => new DatasetsDatabase(`stream-import-test-${++n}`);
const volume = (i: number) => writeNifti(Array.from({ length: 4 * 4 * 2 }, (_, o) => o + i), [4, 4, 2]);
const dicom = readFileSync(new URL('../../data/fixtures/medical/CT_small.dcm', import.meta.url));

/** A picked folder: `count` NIfTI volumes and one DICOM series, with the reads counted. */
function folder(count: number, lastModified = 1000) {
  const reads: string[] = [];
  const src = (path: string, bytes: Uint8Array): ImportSource => ({
    path,
    size: bytes.length,
    lastModified,
    read: async () => {
      reads.push(path);
      return bytes;
    },
  });
  const sources = [...Array.from({ length: count }, (_, i) => src(`study/v${String(i).padStart(3, '0')}.nii`, volume(i))), src('study/ct/1.dcm', new Uint8Array(dicom))];
  return { sources, reads };
}
const fits = { estimate: async () => ({ usage: 0, quota: 1e12 }) };
const run = (db: DatasetsDatabase, sources: ImportSource[], o: Partial<Parameters<typeof streamImport>[2]> = {}) =>
  streamImport(db, sources, { name: 'study', signal: new AbortController().signal, storage: fits, onProgress: () => {}, ...o });

describe('importing a folder case by case', () => {
  it('stores every case once, reports progress per case, and finishes the dataset with its audit log', async () => {
    const db = fresh();
    const { sources } = folder(12);
    const seen: ImportProgress[] = [];
    const r = await run(db, sources, { onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ kind: 'done', files: 13, dicom: 1, skipped: 0 });
    const [d] = await listDatasets(db);
    expect(d).toMatchObject({ name: 'study', fileCount: 13, audit: [{ path: 'study/ct/1.dcm' }] });
    expect(d!.import).toBeUndefined();
    expect(await db.importLog.count()).toBe(0);
    const done = seen.map((p) => p.done);
    expect(done[done.length - 1]).toBe(13);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(seen.some((p) => p.file === 'study/v005.nii')).toBe(true);
    const bytes = sources.reduce((a, s) => a + s.size!, 0);
    expect(seen[seen.length - 1]).toMatchObject({ total: 13, bytesDone: bytes, bytesTotal: bytes });
    // Stored DICOM is the de-identified file, NIfTI as it was.
    const files = await datasetFiles(db, d!.id!);
    expect(files.find((f) => f.name === 'study/v003.nii')!.bytes).toEqual(volume(3));
    expect(Buffer.from(files.find((f) => f.name === 'study/ct/1.dcm')!.bytes).includes(Buffer.from('CompressedSamples^CT1'))).toBe(false);
  });

  it('after a stop, resumes the same folder skipping stored cases, and training reads the dataset only once finished', async () => {
    const db = fresh();
    const { sources, reads } = folder(20);
    const controller = new AbortController();
    const stopped = await run(db, sources, { signal: controller.signal, onProgress: (p) => p.done >= 6 && controller.abort() });
    expect(stopped.kind).toBe('cancelled');
    const { done } = stopped as Extract<ImportOutcome, { kind: 'cancelled' }>;
    const [partial] = await listDatasets(db);
    expect(partial!.import).toMatchObject({ root: 'study', cases: 21, done });
    expect(partial!.fileCount).toBe(done);
    const io = importedDataIO(db, (p) => new Error(`missing ${p}`));
    await expect(io.listFiles('study')).rejects.toThrow('missing study');

    reads.length = 0;
    const r = await run(db, sources, { resume: partial! });
    expect(r).toMatchObject({ kind: 'done', skipped: done, files: 21 - done });
    expect(reads).toHaveLength(21 - done);
    const files = await datasetFiles(db, partial!.id!);
    expect(files.map((f) => f.name).sort()).toEqual(sources.map((s) => s.path).sort());
    expect((await listDatasets(db))[0]).toMatchObject({ fileCount: 21 });
    expect(await io.listFiles('study')).toHaveLength(20);
  });

  it('replaces a file that changed since the interruption, keeping each path once', async () => {
    const db = fresh();
    const { sources } = folder(3);
    const controller = new AbortController();
    await run(db, sources, { signal: controller.signal, onProgress: (p) => p.done >= 1 && controller.abort() });
    const [partial] = await listDatasets(db);
    const changed = folder(3, 2000).sources;
    const r = await run(db, changed, { resume: partial! });
    expect(r).toMatchObject({ kind: 'done', skipped: 0, files: 4 });
    expect((await datasetFiles(db, partial!.id!)).map((f) => f.name).sort()).toEqual(changed.map((s) => s.path).sort());
    expect((await listDatasets(db))[0]!.fileCount).toBe(4);
  });

  it('refuses to resume from another folder', async () => {
    const db = fresh();
    const { sources } = folder(2);
    const c = new AbortController();
    c.abort();
    await run(db, sources, { signal: c.signal });
    const [partial] = await listDatasets(db);
    const other = sources.map((s) => ({ ...s, path: s.path.replace('study/', 'other/') }));
    expect(await run(db, other, { resume: partial! })).toEqual({ kind: 'other-folder', expected: 'study', got: 'other' });
  });

  it('holds the dataset’s import lock while it imports; a resume while another tab holds it does nothing', async () => {
    const db = fresh();
    const locks = new FakeLocks();
    const { sources, reads } = folder(3);
    const held: string[][] = [];
    const c = new AbortController();
    c.abort();
    const stopped = await run(db, sources, { signal: c.signal, locks: asLocks(locks), onProgress: () => held.push([...locks.held]) });
    expect(stopped.kind).toBe('cancelled');
    const id = (stopped as { id: number }).id;
    expect(held.at(-1)).toEqual([`jimu-import-${id}`]); // taken as soon as the dataset had an id
    expect(locks.held).toEqual([]); // and given back when the import ended
    const [partial] = await listDatasets(db);
    // Another tab holds it: nothing read, nothing stored, the unfinished dataset as it was.
    const otherTab = await holdImportLock(id, asLocks(locks));
    reads.length = 0;
    expect(await run(db, sources, { resume: partial!, locks: asLocks(locks) })).toEqual({ kind: 'elsewhere' });
    expect(reads).toEqual([]);
    expect((await listDatasets(db))[0]).toEqual(partial);
    otherTab!();
    await new Promise((r) => setTimeout(r, 0)); // a released lock is free once its callback's promise has settled
    expect(await run(db, sources, { resume: partial!, locks: asLocks(locks) })).toMatchObject({ kind: 'done' });
    expect(locks.held).toEqual([]);
  });

  it('refuses an import that will not fit before storing anything', async () => {
    const db = fresh();
    const { sources, reads } = folder(5);
    const r = await run(db, sources, { storage: { estimate: async () => ({ usage: 900, quota: 1000 }) } });
    expect(r).toMatchObject({ kind: 'refused', available: 100, quota: 1000 });
    expect((r as { need: number }).need).toBeGreaterThan(sources.reduce((a, s) => a + s.size!, 0));
    expect(reads).toEqual([]);
    expect(await db.datasets.count()).toBe(0);
  });

  it('keeps every case stored before storage ran out, marked unfinished', async () => {
    const db = fresh();
    const { sources } = folder(10);
    const real = db.files.bulkAdd.bind(db.files);
    let calls = 0;
    const full = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const spy = vi.spyOn(db.files, 'bulkAdd').mockImplementation(((...a: Parameters<typeof real>) => (++calls > 4 ? Promise.reject(full) : real(...a))) as typeof real);
    const r = await run(db, sources, { storage: { estimate: async () => ({ usage: 100, quota: 1e9 }) } });
    spy.mockRestore();
    expect(r).toMatchObject({ kind: 'full', done: 4, total: 11, available: 1e9 - 100, quota: 1e9 });
    const [d] = await listDatasets(db);
    expect(d).toMatchObject({ fileCount: 4, import: { done: 4 } });
    expect(await db.files.count()).toBe(4);
  });

  it('asks for persistent storage when the site does not have it yet', async () => {
    const db = fresh();
    const persist = vi.fn(async () => true);
    await run(db, folder(1).sources, { storage: { ...fits, persisted: async () => false, persist } });
    expect(persist).toHaveBeenCalledOnce();
  });
});

describe('a file that cannot be read part-way', () => {
  it('stops the import, keeps the cases stored before it and says how many', async () => {
    const db = fresh();
    const { sources } = folder(6);
    sources[3] = { ...sources[3]!, read: async () => Promise.reject(new Error('The file could not be read')) };
    const r = await streamImport(db, sources, { name: 'study', signal: new AbortController().signal, storage: fits, onProgress: () => {} });
    expect(r.kind).toBe('failed');
    const { kept, problem } = r as Extract<ImportOutcome, { kind: 'failed' }>;
    expect(problem).toBe('The file could not be read');
    const [d] = await listDatasets(db);
    expect(d!.import).toBeDefined();
    expect(kept).toEqual({ done: d!.fileCount, total: 7 });
    expect((await datasetFiles(db, d!.id!)).map((f) => f.name)).not.toContain(sources[3]!.path);
  });
});
