import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorDatabase, loadCurrent, saveCurrent } from '../storage/editor-db';
import { saveProblem } from '../storage/save-problem';
import { startAutosave } from './autosave';
import { createEditorStore } from './store';

let n = 0;
const fresh = () => new EditorDatabase(`test-${++n}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('brings back exactly the last saved document', async () => {
    const db = fresh();
    const store = createEditorStore();
    store.getState().edit({ type: 'add-block', id: 'a', blockType: 'Dense', at: { x: 1, y: 2 } });
    await saveCurrent(db, store.getState().doc);
    expect(await loadCurrent(db)).toEqual(store.getState().doc);
  });

  it('has nothing to bring back the first time', async () => {
    expect(await loadCurrent(fresh())).toBeNull();
  });

  it('saves the last of a burst of changes within the delay', async () => {
    const db = fresh();
    const store = createEditorStore();
    const results: (string | null)[] = [];
    const auto = startAutosave(store, db, { delayMs: 20, onResult: (p) => results.push(p) });
    for (let i = 1; i <= 5; i++) store.getState().edit({ type: 'add-block', id: `b${i}`, blockType: 'Dense', at: { x: i, y: 0 } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await loadCurrent(db))!.blocks).toHaveLength(5);
    expect(results).toEqual([null]);
    auto.stop();
  });

  it('flushes a pending save at once', async () => {
    const db = fresh();
    const store = createEditorStore();
    const auto = startAutosave(store, db, { delayMs: 10_000 });
    store.getState().edit({ type: 'add-block', id: 'a', blockType: 'Dense', at: { x: 0, y: 0 } });
    await auto.flush();
    expect((await loadCurrent(db))!.blocks).toHaveLength(1);
    auto.stop();
  });

  it.each([
    [Object.assign(new Error('x'), { name: 'QuotaExceededError' }), 'full'],
    [{ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'full'],
    [Object.assign(new Error('x'), { name: 'SecurityError' }), 'denied'],
    [{ name: 'DatabaseClosedError', message: 'MissingAPIError IndexedDB API missing.' }, 'denied'],
    [new Error('other'), 'failed'],
  ])('names the problem when saving fails (%#)', (error, problem) => {
    expect(saveProblem(error)).toBe(problem);
  });
});
