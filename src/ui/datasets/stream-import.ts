import { ImportCancelled, prepareImport, type HeaderComparison, type ImportSource, type PreparedImport } from '../../data/dataset-import';
import { importRoot, planCases, type ImportCase } from '../../data/import-plan';
import { planResume } from '../../data/import-resume';
import { beginImport, finishImport, importedStamps, setImportDone, storeCase, type CaseFile } from '../../storage/dataset-import-store';
import { DatasetSaveError, type DatasetsDatabase, type StoredDataset } from '../../storage/datasets-db';
import type { SaveProblem } from '../../storage/save-problem';
import { holdImportLock } from '../../storage/import-lock';
import { checkQuota, storageNeeded, type StorageEstimateLike } from '../../storage/storage-quota';

/** Where a running import is: cases finished of all, the file being read, bytes finished of all. */
export interface ImportProgress {
  done: number;
  total: number;
  file: string;
  bytesDone: number;
  bytesTotal: number;
}

/** What the page needs of the browser's storage manager (absent where the browser has none). */
export interface StorageAccess {
  estimate?: () => Promise<StorageEstimateLike>;
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

/** How an import ended: one union, worded by the page. */
export type ImportOutcome =
  | { kind: 'done'; id: number; files: number; dicom: number; skipped: number; excluded: PreparedImport['excluded']; headers: HeaderComparison[]; burnedIn: ImportSource[]; salt: string }
  /** Stopped by the user: the cases stored so far are kept, and the dataset is marked unfinished (resume or discard). */
  | { kind: 'cancelled'; id: number; done: number; total: number }
  /** Refused before anything was stored: it would not fit. */
  | { kind: 'refused'; need: number; available: number; quota: number }
  /** Storage ran out part-way: the cases stored so far are kept, the dataset is marked unfinished. */
  | { kind: 'full'; id: number; done: number; total: number; need: number; available: number; quota: number }
  /** A resume given another folder than the interrupted import's. */
  | { kind: 'other-folder'; expected: string; got: string }
  /** Another tab is importing into this dataset now (it holds the dataset's import lock); nothing was done. */
  | { kind: 'elsewhere' }
  /** Another failure (a file that cannot be read, storage not allowed); `kept` when cases were stored before it, marked unfinished. */
  | { kind: 'failed'; problem: SaveProblem | string; kept?: { done: number; total: number } };

/** Cases read and de-identified at once: enough to overlap reading with storing, few enough to bound memory. */
export const IMPORT_CONCURRENCY = 2;
/** Header comparisons kept in memory for the page (each is small, but a 10,000-slice import should not keep them all). */
const MAX_HEADERS = 200;

const randomSalt = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Imports picked files case by case into IndexedDB: checks the quota first, reads, de-identifies and stores
 * `IMPORT_CONCURRENCY` cases at a time, and reports progress. With `resume`, the interrupted import's
 * finished files (same path, size and date) are skipped and its salt is used again.
 */
export async function streamImport(db: DatasetsDatabase, sources: readonly ImportSource[], o: ImportOptions): Promise<ImportOutcome> {
  // The dataset's import lock, held from the moment its id is known until the import ends, however it ends.
  let release: (() => void) | null = null;
  const claim = async (id: number) => (release = await holdImportLock(id, o.locks)) !== null;
  try {
    return await importHolding(db, sources, o, claim);
  } finally {
    (release as (() => void) | null)?.();
  }
}

export interface ImportOptions {
  name: string;
  signal: AbortSignal;
  storage: StorageAccess;
  onStart?: (id: number) => void;
  onProgress: (p: ImportProgress) => void;
  resume?: StoredDataset;
  /** The browser's Web Locks (default `navigator.locks`), so that one tab at a time imports into a dataset. */
  locks?: LockManager;
}

async function importHolding(db: DatasetsDatabase, sources: readonly ImportSource[], o: ImportOptions, claim: (id: number) => Promise<boolean>): Promise<ImportOutcome> {
  const all = planCases(sources);
  const root = importRoot(sources);
  const totalBytes = all.reduce((a, c) => a + c.bytes, 0);
  let todo: ImportCase<ImportSource>[] = all;
  let skipped = 0;
  let skippedBytes = 0;
  if (o.resume) {
    if (!o.resume.import) return { kind: 'failed', problem: 'not an unfinished import' };
    if (o.resume.import.root !== root) return { kind: 'other-folder', expected: o.resume.import.root, got: root };
    if (!(await claim(o.resume.id!))) return { kind: 'elsewhere' };
    const plan = planResume(all, await importedStamps(db, o.resume.id!));
    ({ todo, skipped, skippedBytes } = plan);
  }

  const need = storageNeeded(totalBytes - skippedBytes, todo.reduce((a, c) => a + c.sources.length, 0));
  const estimate = async () => (o.storage.estimate ? await o.storage.estimate().catch(() => undefined) : undefined);
  const fit = checkQuota(need, await estimate());
  if (!fit.fits) return { kind: 'refused', ...fit };
  // A large import is worth keeping when the browser runs short of space: ask for persistent storage (browsers may decide without asking the user).
  if (o.storage.persist && !(await o.storage.persisted?.().catch(() => false))) await o.storage.persist().catch(() => false);

  const salt = o.resume?.import?.salt ?? randomSalt();
  let id: number;
  try {
    id = o.resume ? o.resume.id! : await beginImport(db, o.name, { root, cases: all.length, bytes: totalBytes, salt });
    if (!o.resume) await claim(id); // a new dataset's id: no other tab can hold its lock yet
    if (o.resume) await setImportDone(db, id, skipped, all.length, totalBytes);
  } catch (e) {
    return saveFailure(e, need, 0, all.length, estimate);
  }
  o.onStart?.(id);

  const progress: ImportProgress = { done: skipped, total: all.length, file: '', bytesDone: skippedBytes, bytesTotal: totalBytes };
  const result = { files: 0, dicom: 0, excluded: [] as PreparedImport['excluded'], headers: [] as HeaderComparison[], burnedIn: [] as ImportSource[] };
  o.onProgress({ ...progress });
  let next = 0;
  let failure: unknown = null;
  const work = async () => {
    while (failure === null && !o.signal.aborted && next < todo.length) {
      const c = todo[next++]!;
      const reading = c.sources.map((s) => ({
        ...s,
        read: () => {
          progress.file = s.path;
          o.onProgress({ ...progress });
          return s.read();
        },
      }));
      try {
        const r = await prepareImport(reading, { salt, signal: o.signal });
        const stamp = (path: string) => {
          const s = c.sources.find((x) => x.path === path)!;
          return { path, size: s.size ?? -1, lastModified: s.lastModified ?? -1 };
        };
        const audits = new Map(r.audit.map((a) => [a.path, a.entries]));
        const files: CaseFile[] = r.files.map((f) => ({ ...f, stamp: stamp(f.path), ...(audits.has(f.path) ? { audit: audits.get(f.path)! } : {}) }));
        await storeCase(db, id, files, r.excluded.map((e) => ({ ...stamp(e.path), reason: e.reason })));
        result.files += files.length;
        result.dicom += files.filter((f) => f.dicom).length;
        result.excluded.push(...r.excluded);
        const burned = new Set(r.excluded.filter((e) => e.reason === 'burned-in-annotation').map((e) => e.path));
        result.burnedIn.push(...c.sources.filter((s) => burned.has(s.path)));
        result.headers.push(...r.headers.slice(0, Math.max(0, MAX_HEADERS - result.headers.length)));
        progress.done++;
        progress.bytesDone += c.bytes;
        o.onProgress({ ...progress });
      } catch (e) {
        if (!(e instanceof ImportCancelled)) failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, todo.length) }, work));
  if (failure !== null) return saveFailure(failure, storageNeeded(totalBytes - progress.bytesDone, 0), progress.done, all.length, estimate, id);
  if (o.signal.aborted) return { kind: 'cancelled', id, done: progress.done, total: all.length };
  try {
    await finishImport(db, id);
  } catch (e) {
    return saveFailure(e, 0, progress.done, all.length, estimate, id);
  }
  return { kind: 'done', id, ...result, skipped, salt };
}

async function saveFailure(e: unknown, need: number, done: number, total: number, estimate: () => Promise<StorageEstimateLike | undefined>, id?: number): Promise<ImportOutcome> {
  if (e instanceof DatasetSaveError && e.problem === 'full') {
    const est = await estimate();
    const quota = est?.quota ?? 0;
    const available = Math.max(0, quota - (est?.usage ?? 0));
    if (id === undefined) return { kind: 'refused', need, available, quota };
    return { kind: 'full', id, done, total, need, available, quota };
  }
  const problem = e instanceof DatasetSaveError ? e.problem : (e as Error).message;
  return id === undefined ? { kind: 'failed', problem } : { kind: 'failed', problem, kept: { done, total } };
}
