import Dexie, { type Table } from 'dexie';
import type { StoreApi } from 'zustand';
import { parseDocument, type PipelineDocument } from '../core';
import type { EditorStore } from './store';

interface SavedDocument {
  key: string;
  doc: PipelineDocument;
  saved: number;
}

/** The editor's own IndexedDB database: the working document, saved as the user edits. */
export class EditorDatabase extends Dexie {
  documents!: Table<SavedDocument, string>;
  constructor(name = 'jimu-editor') {
    super(name);
    this.version(1).stores({ documents: 'key' });
  }
}

const CURRENT = 'current';

export type SaveProblem = 'full' | 'denied' | 'failed';

/** Why a write failed, in the terms the user is told. */
export function saveProblem(error: unknown): SaveProblem {
  // Dexie wraps the browser's error (DatabaseClosedError around MissingAPIError, AbortError around
  // QuotaExceededError) and its errors are not always `instanceof Error`: look at names and message.
  const e = error as { name?: unknown; message?: unknown; inner?: { name?: unknown } } | null;
  const text = `${String(e?.name ?? '')} ${String(e?.inner?.name ?? '')} ${String(e?.message ?? '')}`;
  if (/QuotaExceeded/.test(text)) return 'full';
  if (/SecurityError|MissingAPI|InvalidStateError/.test(text)) return 'denied';
  return 'failed';
}

export async function saveCurrent(db: EditorDatabase, doc: PipelineDocument): Promise<void> {
  await db.documents.put({ key: CURRENT, doc, saved: Date.now() });
}

/** The last saved document, checked like any file; null when there is none or it no longer reads. */
export async function loadCurrent(db: EditorDatabase): Promise<PipelineDocument | null> {
  const row = await db.documents.get(CURRENT);
  if (!row) return null;
  return parseDocument(row.doc).document ?? null;
}

/**
 * Saves the document `delayMs` after each change (the last change wins), and reports whether
 * saving works. Returns `flush` (save now) and `stop`.
 */
export function startAutosave(
  store: StoreApi<EditorStore>,
  db: EditorDatabase,
  opts: { delayMs?: number; onResult?: (problem: SaveProblem | null) => void } = {},
) {
  const delay = opts.delayMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: PipelineDocument | null = null;
  const write = async () => {
    timer = null;
    const doc = pending;
    pending = null;
    if (!doc) return;
    try {
      await saveCurrent(db, doc);
      opts.onResult?.(null);
    } catch (e) {
      opts.onResult?.(saveProblem(e));
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    pending = s.doc;
    if (timer === null) timer = setTimeout(() => void write(), delay);
  });
  return {
    flush: async () => {
      if (timer !== null) clearTimeout(timer);
      await write();
    },
    stop: () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
