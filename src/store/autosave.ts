import type { StoreApi } from 'zustand';
import type { PipelineDocument } from '../core';
import { saveCurrent, type EditorDatabase } from '../storage/editor-db';
import { saveProblem, type SaveProblem } from '../storage/save-problem';
import type { EditorStore } from './store';

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
