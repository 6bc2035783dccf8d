import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../runtime/train-types';
import { PROTOCOL_VERSION, type FromWorker, type RunOutcome } from '../../worker/protocol';
import { createEditorStore } from '../store';
import { fractionDone, IDLE, isLive, reduceRun, type RunEvent, type RunState } from './run-state';

const v = PROTOCOL_VERSION;
const ev = (runId: string, event: TrainEvent): RunEvent => ({ type: 'worker', message: { type: 'event', v, runId, event } });
const msg = (message: FromWorker): RunEvent => ({ type: 'worker', message });
const runStart: TrainEvent = { type: 'run-start', backend: 'wasm', backendReason: 'fast', epochs: 2, batchesPerEpoch: 3, trainExamples: 90, validationExamples: 10, monitor: 'val_loss', notes: [] };
const batch = (epoch: number, b: number, loss = 0.5): TrainEvent => ({ type: 'batch-end', epoch, batch: b, batches: 3, loss, learningRate: 0.01, etaSeconds: 1 });
const epochEnd = (epoch: number, best: boolean): TrainEvent => ({ type: 'epoch-end', epoch, learningRate: 0.01, logs: { loss: 0.4, val_loss: 0.3 }, best, etaSeconds: 0 });
const outcome = { history: [], bestEpoch: 1, stoppedBecause: 'completed', backend: 'wasm', backendReason: '', message: null, model: { modelJson: {}, weights: new Uint8Array(), weightsFile: 'weights.bin' }, evaluations: [], samplesPerSecond: 10 } as RunOutcome;

const play = (events: RunEvent[], from: RunState = IDLE) => events.reduce(reduceRun, from);

describe('reduceRun', () => {
  it('follows a run from start to finish, keeping curves and the best epoch', () => {
    const s = play([{ type: 'start', runId: 'a' }, ev('a', runStart), ev('a', batch(1, 1, 0.9)), ev('a', batch(1, 2)), ev('a', batch(1, 3)), ev('a', epochEnd(1, true)), ev('a', batch(2, 1)), ev('a', epochEnd(2, false))]);
    expect(s.phase).toBe('training');
    if (s.phase !== 'training') return;
    expect(s.progress).toMatchObject({ backend: 'wasm', epoch: 2, batch: 1, bestEpoch: 1, epochs: 2 });
    expect(s.progress.batchLoss[0]).toEqual({ at: 1 / 3, loss: 0.9 });
    expect(s.progress.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(fractionDone(s.progress)).toBeCloseTo(4 / 6);
    const done = play([msg({ type: 'evaluating', v, runId: 'a' }), msg({ type: 'done', v, runId: 'a', outcome })], s);
    expect(done.phase).toBe('finished');
    expect(isLive(done)).toBe(false);
  });

  it.each<[string, RunEvent[], Partial<RunState>]>([
    ['a message for another run changes nothing', [{ type: 'start', runId: 'a' }, ev('b', runStart)], { phase: 'starting' }],
    ['a second start while live is ignored', [{ type: 'start', runId: 'a' }, { type: 'start', runId: 'b' }], { phase: 'starting', runId: 'a' }],
    ['pause and resume', [{ type: 'start', runId: 'a' }, ev('a', runStart), msg({ type: 'paused', v, runId: 'a', paused: true })], { phase: 'training', paused: true }],
    ['a stop request shows at once', [{ type: 'start', runId: 'a' }, ev('a', runStart), { type: 'stop-requested' }], { phase: 'training', stopping: true }],
    ['a worker crash fails the live run', [{ type: 'start', runId: 'a' }, ev('a', runStart), { type: 'failed-outside', code: 'worker-crashed', error: { code: 'J609', args: { detail: 'gone' } }, detail: 'gone' }], { phase: 'failed', code: 'worker-crashed' }],
    ['a crash with no live run changes nothing', [{ type: 'failed-outside', code: 'worker-crashed', error: { code: 'J609', args: { detail: 'gone' } }, detail: 'gone' }], { phase: 'idle' }],
    ['the worker reports a failure', [{ type: 'start', runId: 'a' }, msg({ type: 'failed', v, runId: 'a', code: 'out-of-memory', error: { code: 'J601', args: { detail: 'x' } }, detail: 'x' })], { phase: 'failed', code: 'out-of-memory', progress: null }],
    ['a memory warning waits for the user', [{ type: 'memory-warning', check: { estimateBytes: 2, availableBytes: 1, source: 's' } }], { phase: 'memory-warning' }],
    ['dismiss returns to idle after a run', [{ type: 'start', runId: 'a' }, msg({ type: 'done', v, runId: 'a', outcome }), { type: 'dismiss' }], { phase: 'idle' }],
    ['dismiss cannot cancel a live run', [{ type: 'start', runId: 'a' }, { type: 'dismiss' }], { phase: 'starting' }],
  ])('%s', (_name, events, expected) => {
    expect(play(events)).toMatchObject(expected);
  });

  it('is wired into the editor store without touching the document or its undo history', () => {
    const store = createEditorStore();
    const doc = store.getState().doc;
    store.getState().dispatchRun({ type: 'start', runId: 'a' });
    store.getState().dispatchRun(ev('a', runStart));
    expect(store.getState().run.phase).toBe('training');
    expect(store.getState().doc).toBe(doc);
    expect(store.getState().past).toHaveLength(0);
  });
});
