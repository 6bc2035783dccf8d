import type { ImportCase, SourceStamp } from './import-plan';

/** What an import remembers of each file it has finished with (stored, or left out), to skip it when resumed. */
export interface FileStamp {
  path: string;
  size: number;
  lastModified: number;
}

/** The same file: the same path, size and modification time (the picked folder's files are not read again to know). */
export const stampKey = (s: FileStamp): string => `${s.path}\u0000${s.size}\u0000${s.lastModified}`;

const stampOf = (s: SourceStamp): FileStamp | null => (s.size === undefined || s.lastModified === undefined ? null : { path: s.path, size: s.size, lastModified: s.lastModified });

export interface ResumePlan<S extends SourceStamp> {
  /** Cases still to import (a case with any new or changed file is imported again, whole). */
  todo: ImportCase<S>[];
  /** Cases whose every file is already done, and their bytes. */
  skipped: number;
  skippedBytes: number;
  /** Files stored before under a path whose size or date has changed since: they are replaced. */
  changed: string[];
}

/**
 * Which cases a resumed import still has to do, given the files the interrupted import finished with. A
 * file without a size or date (a browser that does not give them) never matches: it is imported again.
 */
export function planResume<S extends SourceStamp>(cases: readonly ImportCase<S>[], done: readonly FileStamp[]): ResumePlan<S> {
  const keys = new Set(done.map(stampKey));
  const paths = new Set(done.map((d) => d.path));
  const plan: ResumePlan<S> = { todo: [], skipped: 0, skippedBytes: 0, changed: [] };
  for (const c of cases) {
    const finished = c.sources.every((s) => {
      const st = stampOf(s);
      return st !== null && keys.has(stampKey(st));
    });
    if (finished) {
      plan.skipped++;
      plan.skippedBytes += c.bytes;
      continue;
    }
    plan.todo.push(c);
    for (const s of c.sources) {
      const st = stampOf(s);
      if (paths.has(s.path) && (st === null || !keys.has(stampKey(st)))) plan.changed.push(s.path);
    }
  }
  return plan;
}
