import Dexie, { type Table } from 'dexie';
import type { DataIO } from '../core';
import type { ImportedFile, PreparedImport } from '../data/dataset-import';
import { saveProblem, type SaveProblem } from './save-problem';

export interface StoredDataset {
  id?: number;
  name: string;
  created: number;
  fileCount: number;
  bytes: number;
  /** The de-identification audit log of its DICOM files (what was done to which attribute, never an old value), with the user's choices. */
  audit?: PreparedImport['audit'];
}

export interface StoredFile {
  id?: number;
  dataset: number;
  path: string;
  bytes: Uint8Array;
  dicom: boolean;
}

/** Datasets imported in the browser: their own IndexedDB database, apart from the editor's. */
export class DatasetsDatabase extends Dexie {
  datasets!: Table<StoredDataset, number>;
  files!: Table<StoredFile, number>;
  constructor(name = 'jimu-datasets') {
    super(name);
    this.version(1).stores({ datasets: '++id, name', files: '++id, dataset' });
  }
}

/** A write that failed, in the user's terms: storage full, storage not allowed, or another failure. */
export class DatasetSaveError extends Error {
  override readonly name = 'DatasetSaveError';
  constructor(
    readonly problem: SaveProblem,
    cause: unknown,
  ) {
    super(`Saving the dataset failed (${problem})`, { cause });
  }
}

/**
 * Stores a dataset and all its files in one transaction: if any write fails (a full disk, a closed
 * tab), IndexedDB rolls all of it back, so no half-written dataset is ever left behind.
 */
export async function saveDataset(db: DatasetsDatabase, name: string, files: readonly ImportedFile[], audit: PreparedImport['audit'] = []): Promise<number> {
  try {
    return await db.transaction('rw', db.datasets, db.files, async () => {
      const bytes = files.reduce((a, f) => a + f.bytes.length, 0);
      const id = await db.datasets.add({ name, created: Date.now(), fileCount: files.length, bytes, audit: [...audit] });
      await db.files.bulkAdd(files.map((f) => ({ dataset: id, path: f.path, bytes: f.bytes, dicom: f.dicom })));
      return id;
    });
  } catch (e) {
    throw new DatasetSaveError(saveProblem(e), e);
  }
}

/**
 * Adds files to a stored dataset (files a first import left out, imported after the user's decision)
 * and appends their audit log, in one transaction like `saveDataset`.
 */
export async function addToDataset(db: DatasetsDatabase, id: number, files: readonly ImportedFile[], audit: PreparedImport['audit'] = []): Promise<void> {
  try {
    await db.transaction('rw', db.datasets, db.files, async () => {
      const d = await db.datasets.get(id);
      if (!d) throw new Error(`dataset ${id} no longer exists`);
      await db.files.bulkAdd(files.map((f) => ({ dataset: id, path: f.path, bytes: f.bytes, dicom: f.dicom })));
      await db.datasets.update(id, { fileCount: d.fileCount + files.length, bytes: d.bytes + files.reduce((a, f) => a + f.bytes.length, 0), audit: [...(d.audit ?? []), ...audit] });
    });
  } catch (e) {
    throw new DatasetSaveError(saveProblem(e), e);
  }
}

export function listDatasets(db: DatasetsDatabase): Promise<StoredDataset[]> {
  return db.datasets.orderBy('id').reverse().toArray();
}

export async function datasetFiles(db: DatasetsDatabase, id: number): Promise<{ name: string; bytes: Uint8Array }[]> {
  const files = await db.files.where('dataset').equals(id).toArray();
  return files.map((f) => ({ name: f.path, bytes: f.bytes }));
}

export async function deleteDataset(db: DatasetsDatabase, id: number): Promise<void> {
  await db.transaction('rw', db.datasets, db.files, async () => {
    await db.files.where('dataset').equals(id).delete();
    await db.datasets.delete(id);
  });
}

/**
 * A stored dataset as the data blocks read files (`DataIO`): paths are the imported paths, so a
 * VolumeFolder block with its folder set to the dropped folder's name reads the dataset as it reads a
 * folder on disk in `jimu train`.
 */
export function datasetIO(db: DatasetsDatabase, id: number): DataIO {
  const strip = (p: string) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return {
    async readFile(path) {
      const f = await db.files.where('dataset').equals(id).filter((x) => x.path === strip(path)).first();
      if (!f) throw new Error(`cannot read "${path}": not in this dataset`);
      return f.bytes;
    },
    async listFiles(dir) {
      const d = strip(dir);
      const prefix = d === '' || d === '.' ? '' : `${d}/`;
      const files = await db.files.where('dataset').equals(id).toArray();
      return files
        .map((f) => f.path)
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length))
        .sort();
    },
  };
}

/**
 * Every imported dataset as one folder tree, for training in the browser: a pipeline's data block
 * names the imported folder (as `jimu train --data` names a folder on disk). When two datasets hold
 * the same path, the newest import wins. Paths that are in no dataset fail with a hint to import them.
 */
export function importedDataIO(db: DatasetsDatabase, missing: (path: string) => Error): DataIO {
  const strip = (p: string) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return {
    async readFile(path) {
      const matches = await db.files.filter((x) => x.path === strip(path)).toArray();
      const newest = matches.sort((a, b) => b.dataset - a.dataset)[0];
      if (!newest) throw missing(path);
      return newest.bytes;
    },
    async listFiles(dir) {
      const d = strip(dir);
      const prefix = d === '' || d === '.' ? '' : `${d}/`;
      const names = new Set<string>();
      await db.files.each((f) => {
        if (f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('/')) names.add(f.path.slice(prefix.length));
      });
      if (names.size === 0) throw missing(dir);
      return [...names].sort();
    },
  };
}
