import Dexie, { type Table } from 'dexie';
import type { DataIO } from '../core';
import type { ImportedFile, PreparedImport } from '../data/dataset-import';
import type { AuditEntry } from '../data/deid/deidentify';
import type { FileStamp } from '../data/import-resume';
import { saveProblem, type SaveProblem } from './save-problem';

export interface StoredDataset {
  id?: number;
  name: string;
  created: number;
  fileCount: number;
  bytes: number;
  /** The de-identification audit log of its DICOM files (what was done to which attribute, never an old value), with the user's choices. */
  audit?: PreparedImport['audit'];
  /**
   * Present while the dataset is being imported, and left behind by an import that a reload, Cancel or a
   * full disk stopped: the page offers to resume or discard it, and training never reads it.
   */
  import?: ImportInProgress;
}

/** An import stored case by case: what it needs to be resumed with the same de-identification. */
export interface ImportInProgress {
  /** The picked folder's name: a resume must pick the same folder. */
  root: string;
  /** Cases and bytes of the whole folder, and cases finished so far. */
  cases: number;
  bytes: number;
  done: number;
  /**
   * The de-identification salt, so a resumed import remaps UIDs as the first part did. It is erased
   * when the import finishes: a finished dataset keeps no key to its pseudonyms.
   */
  salt: string;
  started: number;
  /** Files left out so far (burned-in annotation, not medical), skipped again on resume. */
  excluded: (FileStamp & { reason: 'burned-in-annotation' | 'not-medical' })[];
}

/** One file an unfinished import has stored: its stamp (to skip it on resume) and its audit log until the import finishes. */
export interface ImportLogEntry extends FileStamp {
  id?: number;
  dataset: number;
  audit?: AuditEntry[];
}

export interface StoredFile {
  id?: number;
  dataset: number;
  path: string;
  bytes: Uint8Array;
  dicom: boolean;
}

/**
 * Datasets imported in the browser: their own IndexedDB database, apart from the editor's.
 *
 * Version 2 indexes files by path (one dataset's file and every dataset's file of a path are found
 * without reading every file's bytes) and adds the log of an import stored case by case. Version 1
 * databases open unchanged: IndexedDB builds the new indexes over the stored files.
 */
export class DatasetsDatabase extends Dexie {
  datasets!: Table<StoredDataset, number>;
  files!: Table<StoredFile, number>;
  importLog!: Table<ImportLogEntry, number>;
  constructor(name = 'jimu-datasets') {
    super(name);
    this.version(1).stores({ datasets: '++id, name', files: '++id, dataset' });
    this.version(2).stores({ datasets: '++id, name', files: '++id, dataset, path, [dataset+path]', importLog: '++id, dataset' });
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
  await db.transaction('rw', db.datasets, db.files, db.importLog, async () => {
    await db.files.where('dataset').equals(id).delete();
    await db.importLog.where('dataset').equals(id).delete();
    await db.datasets.delete(id);
  });
}

/** Every path of a dataset, read from the index (no file's bytes are read). */
async function datasetPaths(db: DatasetsDatabase, id: number): Promise<string[]> {
  const keys = await db.files.where('[dataset+path]').between([id, Dexie.minKey], [id, Dexie.maxKey]).keys();
  return keys.map((k) => (k as unknown as [number, string])[1]);
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
      const f = await db.files.where('[dataset+path]').equals([id, strip(path)]).first();
      if (!f) throw new Error(`cannot read "${path}": not in this dataset`);
      return f.bytes;
    },
    async listFiles(dir) {
      const d = strip(dir);
      const prefix = d === '' || d === '.' ? '' : `${d}/`;
      return (await datasetPaths(db, id))
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length))
        .sort();
    },
  };
}

/** Datasets an import has not finished: training reads none of their files. */
async function unfinished(db: DatasetsDatabase): Promise<Set<number>> {
  const ids = new Set<number>();
  await db.datasets.each((d) => {
    if (d.import && d.id !== undefined) ids.add(d.id);
  });
  return ids;
}

/**
 * Every imported dataset as one folder tree, for training in the browser: a pipeline's data block
 * names the imported folder (as `jimu train --data` names a folder on disk). When two datasets hold
 * the same path, the newest import wins. Paths that are in no dataset fail with a hint to import them.
 * A dataset whose import was interrupted is left out until it is resumed to the end.
 */
export function importedDataIO(db: DatasetsDatabase, missing: (path: string) => Error): DataIO {
  const strip = (p: string) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return {
    async readFile(path) {
      const skip = await unfinished(db);
      // Primary keys first (no bytes read), then only the newest finished dataset's file.
      const keys = (await db.files.where('path').equals(strip(path)).primaryKeys()) as number[];
      const matches = (await db.files.bulkGet(keys)).filter((f): f is StoredFile => f !== undefined && !skip.has(f.dataset));
      const newest = matches.sort((a, b) => b.dataset - a.dataset)[0];
      if (!newest) throw missing(path);
      return newest.bytes;
    },
    async listFiles(dir) {
      const d = strip(dir);
      const prefix = d === '' || d === '.' ? '' : `${d}/`;
      const skip = await unfinished(db);
      const names = new Set<string>();
      for (const k of await db.files.orderBy('[dataset+path]').keys()) {
        const [ds, p] = k as unknown as [number, string];
        if (!skip.has(ds) && p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) names.add(p.slice(prefix.length));
      }
      if (names.size === 0) throw missing(dir);
      return [...names].sort();
    },
  };
}
