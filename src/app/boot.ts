import type { StoreApi } from 'zustand';
import { type EditorStore } from '../store';
import { claimAutosave } from '../storage/autosave-lock';
import { EditorDatabase, loadCurrent } from '../storage/editor-db';
import { saveProblem } from '../storage/save-problem';
import { startAutosave } from '../store/autosave';
import { takeInterruptedRun } from '../storage/run-marker';

/**
 * Brings back the last session's document, then saves every change to IndexedDB within a second.
 * Asks the browser to keep the data (persistent storage); when saving fails, the user is told and
 * offered a download instead.
 */
export async function boot(store: StoreApi<EditorStore>): Promise<() => void> {
  const s = () => store.getState();
  const db = new EditorDatabase();
  try {
    const doc = await loadCurrent(db);
    if (doc) {
      s().edit({ type: 'replace', document: doc });
      s().clearHistory();
    }
  } catch (e) {
    console.warn('Jimu: could not read the saved document:', (e as Error)?.name, (e as Error)?.message);
    s().notify({ kind: 'storage', problem: saveProblem(e) });
  }
  // A run does not survive a reload: if one was going when the page went away, say so.
  const interrupted = takeInterruptedRun();
  if (interrupted) s().notify({ kind: 'run-interrupted', name: interrupted.name });
  void navigator.storage?.persist?.().catch(() => false);

  // One tab autosaves; a second tab shows the saved work but says it does not save, so it never
  // silently writes over what the first tab is doing.
  if (!(await claimAutosave())) {
    s().setSaveState('failed');
    s().notify({ kind: 'storage', problem: 'other-tab' });
    return () => {};
  }

  const auto = startAutosave(store, db, {
    delayMs: 300,
    onResult: (problem) => {
      s().setSaveState(problem ? 'failed' : 'saved');
      if (problem) s().notify({ kind: 'storage', problem });
      else if (s().notice?.kind === 'storage') s().notify(null);
    },
  });
  const unsubscribe = store.subscribe((now, prev) => {
    if (now.doc !== prev.doc && now.saveState !== 'saving') s().setSaveState('saving');
  });
  const flush = () => void auto.flush();
  const onHidden = () => document.visibilityState === 'hidden' && flush();
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHidden);
  return () => {
    auto.stop();
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHidden);
  };
}
