import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { addToDataset, DatasetSaveError, DatasetsDatabase, datasetFiles, deleteDataset, importedDataIO, listDatasets, saveDataset } from './datasets-db';

let n = 0;
const fresh = () => new DatasetsDatabase(`datasets-test-${++n}`);
const file = (path: string, size = 4) => ({ path, bytes: new Uint8Array(size).fill(7), dicom: path.endsWith('.dcm') });

describe('the datasets database', () => {
  it('stores a dataset with its files, lists, reads and deletes it', async () => {
    const db = fresh();
    const id = await saveDataset(db, 'CT study', [file('a.dcm'), file('b.nii.gz', 10)]);
    expect(await listDatasets(db)).toMatchObject([{ id, name: 'CT study', fileCount: 2, bytes: 14 }]);
    expect((await datasetFiles(db, id)).map((f) => [f.name, f.bytes.length])).toEqual([['a.dcm', 4], ['b.nii.gz', 10]]);
    await deleteDataset(db, id);
    expect(await listDatasets(db)).toEqual([]);
    expect(await db.files.count()).toBe(0);
  });

  it('adds files the user chose to import later to the same dataset, with their audit log', async () => {
    const db = fresh();
    const entry = (detail: string) => ({ path: 'PatientName', tag: '(0010,0010)', action: 'D' as const, detail });
    const id = await saveDataset(db, 'CT study', [file('s/a.dcm')], [{ path: 's/a.dcm', entries: [entry('first')] }]);
    const kept = { path: 'BurnedInAnnotation', tag: '(0028,0301)', action: 'K' as const, detail: 'the user chose to import the file anyway' };
    await addToDataset(db, id, [file('s/b.dcm', 6)], [{ path: 's/b.dcm', entries: [kept] }]);
    expect(await listDatasets(db)).toMatchObject([{ id, fileCount: 2, bytes: 10, audit: [{ path: 's/a.dcm' }, { path: 's/b.dcm', entries: [kept] }] }]);
    expect((await datasetFiles(db, id)).map((f) => f.name)).toEqual(['s/a.dcm', 's/b.dcm']);
    await deleteDataset(db, id);
    await expect(addToDataset(db, id, [file('s/c.dcm')])).rejects.toBeInstanceOf(DatasetSaveError);
    expect(await db.files.count()).toBe(0);
  });

  it('leaves nothing behind when storage is full part-way', async () => {
    const db = fresh();
    const full = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const spy = vi.spyOn(db.files, 'bulkAdd').mockRejectedValueOnce(full);
    const err = await saveDataset(db, 'big', [file('a.dcm')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetSaveError);
    expect((err as DatasetSaveError).problem).toBe('full');
    expect(await db.datasets.count()).toBe(0);
    expect(await db.files.count()).toBe(0);
    spy.mockRestore();
  });
});

describe('a stored dataset as the data blocks read it', () => {
  it('reads files and lists folders by their imported paths', async () => {
    const db = fresh();
    const id = await saveDataset(db, 'ds', [file('study/manifest.csv'), file('study/s1/0.dcm'), file('study/s1/1.dcm'), file('study/t1.nii.gz', 9)]);
    await saveDataset(db, 'other', [file('study/x.nii')]);
    const { datasetIO } = await import('./datasets-db');
    const io = datasetIO(db, id);
    expect(await io.listFiles('study')).toEqual(['manifest.csv', 't1.nii.gz']);
    expect(await io.listFiles('study/s1/')).toEqual(['0.dcm', '1.dcm']);
    expect((await io.readFile('study/t1.nii.gz')).length).toBe(9);
    await expect(io.readFile('study/x.nii')).rejects.toThrow(/not in this dataset/);
  });

  it('offers every imported dataset to the data blocks as one folder tree, newest import first', async () => {
    const db = fresh();
    await saveDataset(db, 'old', [{ path: 'study/manifest.json', bytes: new Uint8Array([1]), dicom: false }]);
    await saveDataset(db, 'new', [{ path: 'study/manifest.json', bytes: new Uint8Array([2]), dicom: false }, file('study/ct/a.dcm')]);
    const io = importedDataIO(db, (p) => new Error(`missing ${p}`));
    expect(Array.from(await io.readFile('./study/manifest.json'))).toEqual([2]);
    expect(await io.listFiles('study')).toEqual(['manifest.json']);
    expect(await io.listFiles('study/ct/')).toEqual(['a.dcm']);
    await expect(io.readFile('other/x.nii')).rejects.toThrow('missing other/x.nii');
    await expect(io.listFiles('nowhere')).rejects.toThrow('missing nowhere');
  });
});

describe('the database’s versions', () => {
  it('opens a version 1 database with its datasets readable, indexed by path from then on', async () => {
    const name = `datasets-v1-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ datasets: '++id, name', files: '++id, dataset' });
    const id = (await v1.table('datasets').add({ name: 'old', created: 1, fileCount: 2, bytes: 5 })) as number;
    await v1.table('files').bulkAdd([
      { dataset: id, path: 'old/a.nii', bytes: new Uint8Array([1, 2]), dicom: false },
      { dataset: id, path: 'old/s/1.dcm', bytes: new Uint8Array([3, 4, 5]), dicom: true },
    ]);
    v1.close();

    const db = new DatasetsDatabase(name);
    expect(await listDatasets(db)).toMatchObject([{ id, name: 'old', fileCount: 2 }]);
    expect(db.verno).toBe(2);
    const { datasetIO } = await import('./datasets-db');
    expect(Array.from(await datasetIO(db, id).readFile('old/a.nii'))).toEqual([1, 2]);
    expect(await datasetIO(db, id).listFiles('old/s')).toEqual(['1.dcm']);
    expect(Array.from(await importedDataIO(db, (p) => new Error(p)).readFile('old/s/1.dcm'))).toEqual([3, 4, 5]);
    expect(await db.files.where('path').equals('old/a.nii').count()).toBe(1);
    await deleteDataset(db, id);
    expect(await db.files.count()).toBe(0);
  });
});
