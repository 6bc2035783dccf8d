import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../store/edits';
import { applyEdit } from '../store/edits';
import { deleteRun, headline, lastRunOf, listRuns, loadRun, RunDatabase, saveRun, type RunRecord } from './run-history';
import { documentKey } from './document-key';

let n = 0;
const fresh = () => new RunDatabase(`runs-test-${++n}`);

function record(id: string, finished: number, accuracy: number, doc = emptyDocument()): RunRecord {
  return {
    id,
    finished,
    name: `run ${id}`,
    docKey: documentKey(doc),
    doc,
    seed: 42,
    backend: 'wasm',
    backendReason: 'fast',
    stoppedBecause: 'completed',
    message: null,
    history: [{ epoch: 1, learningRate: 0.01, logs: { loss: 0.5 } }],
    bestEpoch: 1,
    evaluations: [{ block: 'e', task: 'multiclass', n: 2, labelNames: ['a', 'b'], imageShape: [2], labelShape: [2], ids: ['x', 'y'], truth: new Float32Array([1, 0, 0, 1]), pred: new Float32Array([0.9, 0.1, 0.2, 0.8]), images: null, threshold: 0.5, scores: { accuracy } }],
    model: { modelJson: { format: 'layers-model' }, weights: new Uint8Array([1, 2, 3]), weightsFile: 'weights.bin' },
    samplesPerSecond: 100,
    manifest: { format: 'jimu.run', version: 1, pipeline: { name: 'p' }, seed: 42, backend: { name: 'wasm', reason: '' }, started: '', finished: '', stoppedBecause: 'completed', message: null, data: { train: 1, validation: 0 }, outputs: [] },
  };
}

describe('run history', () => {
  it('keeps runs with their weights and arrays, lists them newest first, and deletes one', async () => {
    const db = fresh();
    await saveRun(db, record('old', 1, 0.5));
    await saveRun(db, record('new', 2, 0.95));
    expect((await listRuns(db)).map((r) => [r.id, r.headline])).toEqual([
      ['new', { metric: 'accuracy', value: 0.95 }],
      ['old', { metric: 'accuracy', value: 0.5 }],
    ]);
    const back = await loadRun(db, 'new');
    expect(Array.from(back!.model.weights)).toEqual([1, 2, 3]);
    expect(back!.evaluations[0]!.pred).toBeInstanceOf(Float32Array);
    expect(back!.doc).toEqual(emptyDocument());
    await deleteRun(db, 'old');
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['new']);
  });

  it("finds a pipeline's newest run, and none for a pipeline never trained", async () => {
    const db = fresh();
    const other = applyEdit(emptyDocument(), { type: 'add-block', id: 'd', blockType: 'Dense', at: { x: 0, y: 0 } });
    await saveRun(db, record('a1', 1, 0.5));
    await saveRun(db, record('b', 2, 0.6, other));
    await saveRun(db, record('a2', 3, 0.7));
    expect((await lastRunOf(db, documentKey(emptyDocument())))?.id).toBe('a2');
    expect((await lastRunOf(db, documentKey(other)))?.id).toBe('b');
    const third = applyEdit(other, { type: 'add-block', id: 'e', blockType: 'Dense', at: { x: 0, y: 0 } });
    expect(await lastRunOf(db, documentKey(third))).toBeUndefined();
  });

  it('gives runs saved before version 2 their pipeline key', async () => {
    const name = `runs-test-${++n}`;
    const { default: Dexie } = await import('dexie');
    const old = new Dexie(name);
    old.version(1).stores({ runs: 'id, finished' });
    const { docKey: _drop, ...withoutKey } = record('legacy', 1, 0.5);
    await old.table('runs').put(withoutKey);
    old.close();
    expect((await lastRunOf(new RunDatabase(name), documentKey(emptyDocument())))?.id).toBe('legacy');
  });

  it('finds a headline score by task', () => {
    expect(headline({ evaluations: [] })).toBeNull();
    const r = record('a', 1, 0.5);
    r.evaluations[0]!.scores = { dice_mean: 0.7, n: 3 };
    expect(headline(r)).toEqual({ metric: 'dice_mean', value: 0.7 });
  });
});
