import type { ImportedFile } from '../data/dataset-import';
import type { AuditEntry } from '../data/deid/deidentify';
import type { FileStamp } from '../data/import-resume';
import { DatasetSaveError, type DatasetsDatabase, type ImportInProgress, type StoredFile } from './datasets-db';
import { saveProblem } from './save-problem';

/**
 * An import stored case by case. Each case is one transaction (its files, the dataset's counts and the
 * import's log together), so a reload, Cancel or a full disk leaves whole cases behind, never half a
 * case; the dataset stays marked as being imported until `finishImport`.
 */

/** A file of a case, ready to store: its bytes (de-identified for DICOM), the picked file's stamp and its audit log. */
export interface CaseFile extends ImportedFile {
  stamp: FileStamp;
  audit?: AuditEntry[];
}

const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    throw e instanceof DatasetSaveError ? e : new DatasetSaveError(saveProblem(e), e);
  }
};

/** Creates the dataset, empty and marked as being imported. */
export function beginImport(db: DatasetsDatabase, name: string, info: Omit<ImportInProgress, 'done' | 'excluded' | 'started'>): Promise<number> {
  return wrap(() => db.datasets.add({ name, created: Date.now(), fileCount: 0, bytes: 0, import: { ...info, done: 0, excluded: [], started: Date.now() } }));
}

/**
 * Stores one case in one transaction. A file stored before under the same path (a file changed since an
 * interrupted import) is replaced, so every path is in the dataset once.
 */
export function storeCase(db: DatasetsDatabase, id: number, files: readonly CaseFile[], excluded: ImportInProgress['excluded']): Promise<void> {
  return wrap(() =>
    db.transaction('rw', db.datasets, db.files, db.importLog, async () => {
      const d = await db.datasets.get(id);
      if (!d?.import) throw new Error(`dataset ${id} is not being imported`);
      let fileCount = d.fileCount;
      let bytes = d.bytes;
      for (const f of files) {
        const old: StoredFile[] = await db.files.where('[dataset+path]').equals([id, f.path]).toArray();
        if (old.length === 0) continue;
        for (const o of old) {
          fileCount--;
          bytes -= o.bytes.length;
        }
        await db.files.where('[dataset+path]').equals([id, f.path]).delete();
        await db.importLog.where('dataset').equals(id).filter((l) => l.path === f.path).delete();
      }
      await db.files.bulkAdd(files.map((f) => ({ dataset: id, path: f.path, bytes: f.bytes, dicom: f.dicom })));
      await db.importLog.bulkAdd(files.map((f) => ({ dataset: id, ...f.stamp, ...(f.audit ? { audit: f.audit } : {}) })));
      fileCount += files.length;
      bytes += files.reduce((a, f) => a + f.bytes.length, 0);
      const seen = new Set(excluded.map((e) => e.path));
      await db.datasets.update(id, { fileCount, bytes, import: { ...d.import, done: d.import.done + 1, excluded: [...d.import.excluded.filter((e) => !seen.has(e.path)), ...excluded] } });
    }),
  );
}

/** The files an unfinished import is done with (stored or left out), to skip them when it is resumed. */
export async function importedStamps(db: DatasetsDatabase, id: number): Promise<FileStamp[]> {
  const d = await db.datasets.get(id);
  const logged = await db.importLog.where('dataset').equals(id).toArray();
  return [...logged.map(({ path, size, lastModified }) => ({ path, size, lastModified })), ...(d?.import?.excluded ?? []).map(({ path, size, lastModified }) => ({ path, size, lastModified }))];
}

/** Sets the number of cases an import has finished (a resume starts from those it skips). */
export function setImportDone(db: DatasetsDatabase, id: number, done: number, cases: number, bytes: number): Promise<void> {
  return wrap(() =>
    db.transaction('rw', db.datasets, async () => {
      const d = await db.datasets.get(id);
      if (d?.import) await db.datasets.update(id, { import: { ...d.import, done, cases, bytes } });
    }),
  );
}

/**
 * Marks the import finished: the audit log moves from the import's log into the dataset (as a dataset
 * imported in one piece holds it), and the log and the salt are erased.
 */
export function finishImport(db: DatasetsDatabase, id: number): Promise<void> {
  return wrap(() =>
    db.transaction('rw', db.datasets, db.importLog, async () => {
      const d = await db.datasets.get(id);
      if (!d) throw new Error(`dataset ${id} no longer exists`);
      const log = await db.importLog.where('dataset').equals(id).toArray();
      const audit = log.filter((l) => l.audit).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((l) => ({ path: l.path, entries: l.audit! }));
      await db.importLog.where('dataset').equals(id).delete();
      const { import: _, ...finished } = d;
      await db.datasets.put({ ...finished, audit: [...(d.audit ?? []), ...audit] });
    }),
  );
}
