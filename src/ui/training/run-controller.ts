import { exampleSize, type PipelineDocument, type SlidingWindowSettings } from '../../core';
import { compiledFor, editorStore, isLive, progressOf } from '../../store';
import { documentKey } from '../../storage/document-key';
import { RunDatabase, saveRun, type RunManifest, type RunRecord } from '../../storage/run-history';
import { markRunEnded, markRunStarted } from '../../storage/run-marker';
import { PROTOCOL_VERSION, type FromWorker, type ModelFilesWire, type RunOutcome, type ToWorker } from '../../worker/protocol';
import { largestTensorBytes, memoryCheck, readDeviceMemory } from './device-memory';
import { crashFailure, failureOf, type Failure } from '../../worker/failure-code';
import { CodedError } from '../../core/diagnostics/coded-error';

/**
 * The effects of training: it owns the worker (made on first use, made again after a crash), turns
 * the user's commands into messages, feeds the worker's messages to the store's reducer, and saves
 * each finished run in the history. Nothing here decides what the UI shows.
 */
let worker: Worker | null = null;
let runDb: RunDatabase | null = null;
const pendingPredictions = new Map<string, { resolve: (v: { values: Float32Array; shape: number[] }) => void; reject: (e: Error) => void }>();
/** What a run started from, kept for its history record. */
let started: { runId: string; doc: PipelineDocument; at: Date } | null = null;
const listeners = new Set<() => void>();
/** The document each run of this session was trained from (its single-image predictions use its plan). */
const runDocs = new Map<string, PipelineDocument>();
export const docOfRun = (runId: string): PipelineDocument | undefined => runDocs.get(runId);

export function runDatabase(): RunDatabase {
  runDb ??= new RunDatabase();
  return runDb;
}

/** Called after the history changed (a run saved or deleted), so the list reloads. */
export function onHistoryChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}
export const historyChanged = () => listeners.forEach((f) => f());

const post = (m: ToWorker, transfer: Transferable[] = []) => worker?.postMessage(m, transfer);

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'jimu-training' });
  w.onmessage = (e: MessageEvent<FromWorker>) => void onMessage(e.data);
  // An uncaught error or a worker that ran out of memory: the run fails, the page carries on.
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    crashed(crashFailure(e.message || 'The training worker stopped unexpectedly.'));
  };
  w.onmessageerror = () => crashed(failureOf(new CodedError('J610')));
  worker = w;
  return w;
}

function crashed(failure: Failure): void {
  const live = editorStore.getState().run;
  if ('runId' in live) markRunEnded(live.runId);
  worker?.terminate();
  worker = null;
  for (const p of pendingPredictions.values()) p.reject(new Error(failure.detail));
  pendingPredictions.clear();
  editorStore.getState().dispatchRun({ type: 'failed-outside', ...failure });
}

/**
 * Batch progress is coalesced: the worker reports every batch (dozens a second on a small model), and
 * reducing and re-rendering each one kept the page busy. Queued batches are applied together at most
 * every {@link BATCH_FLUSH_MS}, and always before any other message, so the order is kept.
 */
const BATCH_FLUSH_MS = 150;
let queued: FromWorker[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function flushBatches(): void {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  if (queued.length === 0) return;
  const messages = queued;
  queued = [];
  editorStore.getState().dispatchRuns(messages.map((message) => ({ type: 'worker' as const, message })));
}

async function onMessage(m: FromWorker): Promise<void> {
  if (m.v === PROTOCOL_VERSION && m.type === 'event' && m.event.type === 'batch-end') {
    queued.push(m);
    flushTimer ??= setTimeout(flushBatches, BATCH_FLUSH_MS);
    return;
  }
  flushBatches();
  if (m.v !== PROTOCOL_VERSION) {
    crashed(failureOf(new CodedError('J611', { page: PROTOCOL_VERSION, worker: String(m.v) })));
    return;
  }
  if (m.type === 'prediction' || m.type === 'prediction-failed') {
    const p = pendingPredictions.get(m.requestId);
    pendingPredictions.delete(m.requestId);
    if (m.type === 'prediction') p?.resolve({ values: m.values, shape: m.shape });
    else p?.reject(new Error(m.detail));
    return;
  }
  const progress = progressOf(editorStore.getState().run);
  editorStore.getState().dispatchRun({ type: 'worker', message: m });
  if (m.type === 'done' || m.type === 'failed') markRunEnded(m.runId);
  if (m.type === 'done' && started?.runId === m.runId) {
    const record = recordOf(m.runId, m.outcome, started, { train: progress?.trainExamples ?? 0, validation: progress?.validationExamples ?? 0 });
    started = null;
    try {
      await saveRun(runDatabase(), record);
      historyChanged();
    } catch (e) {
      console.warn('Jimu: the run could not be saved in the history:', (e as Error)?.message);
      editorStore.getState().notify({ kind: 'info', key: 'run_not_saved' });
    }
  }
}

function recordOf(id: string, o: RunOutcome, s: NonNullable<typeof started>, counts: { train: number; validation: number }): RunRecord {
  const manifest: RunManifest = {
    format: 'jimu.run',
    version: 1,
    pipeline: { name: s.doc.name },
    seed: s.doc.meta.seed,
    backend: { name: o.backend, reason: o.backendReason },
    started: s.at.toISOString(),
    finished: new Date().toISOString(),
    stoppedBecause: o.stoppedBecause,
    message: o.message,
    data: counts,
    outputs: ['model.json', o.model.weightsFile, 'manifest.json'],
  };
  return {
    id,
    finished: Date.now(),
    name: s.doc.name,
    docKey: documentKey(s.doc),
    doc: s.doc,
    seed: s.doc.meta.seed,
    backend: o.backend,
    backendReason: o.backendReason,
    stoppedBecause: o.stoppedBecause,
    message: o.message,
    history: o.history,
    bestEpoch: o.bestEpoch,
    evaluations: o.evaluations,
    model: o.model,
    samplesPerSecond: o.samplesPerSecond,
    manifest,
  };
}

/**
 * Compiles the document and starts a run, unless the plan's memory estimate is over what the device
 * offers: then the user is asked first (`confirmed` skips the check).
 */
export async function startTraining(confirmed = false): Promise<void> {
  const s = editorStore.getState();
  if (isLive(s.run)) return;
  s.showPanel('training');
  const doc = s.doc;
  const { plan } = compiledFor(doc);
  if (!plan) {
    s.notify({ kind: 'info', key: 'train_needs_plan' });
    return;
  }
  if (!confirmed) {
    // The texture limit matters only where WebGL may train.
    const { webglMaxTextureSize, ...hints } = readDeviceMemory();
    const gl = s.backendRequest === 'auto' || s.backendRequest === 'webgl';
    const check = memoryCheck(plan.cost.trainingBytes, gl && webglMaxTextureSize ? { ...hints, webglMaxTextureSize } : hints, largestTensorBytes(plan.cost, plan.training.batchSize));
    if (check) {
      s.dispatchRun({ type: 'memory-warning', check });
      return;
    }
  }
  const runId = crypto.randomUUID();
  s.dispatchRun({ type: 'start', runId });
  started = { runId, doc, at: new Date() };
  runDocs.set(runId, doc);
  markRunStarted({ runId, name: doc.name });
  ensureWorker();
  // The worker runs the data steps itself: generating and normalising images would block the page.
  // (When the page holds the data, e.g. files the user dropped, it sends { kind: 'sets' } and transfers the buffers.)
  post({ type: 'start', v: PROTOCOL_VERSION, runId, plan, data: { kind: 'steps' }, backend: editorStore.getState().backendRequest });
}

function currentRunId(): string | null {
  const run = editorStore.getState().run;
  return run.phase === 'training' ? run.runId : null;
}

export function pauseTraining(paused: boolean): void {
  // Show every batch that finished before the click, so what the user sees is where the run holds.
  flushBatches();
  const runId = currentRunId();
  if (runId) post({ type: paused ? 'pause' : 'resume', v: PROTOCOL_VERSION, runId });
}

export function stopTraining(): void {
  flushBatches();
  const runId = currentRunId();
  if (!runId) return;
  editorStore.getState().dispatchRun({ type: 'stop-requested' });
  post({ type: 'stop', v: PROTOCOL_VERSION, runId });
}

/** Runs a trained model on one prepared image (in the worker: the page never loads tfjs). */
export function predictImage(model: ModelFilesWire, image: Float32Array, shape: number[], slidingWindow?: Partial<SlidingWindowSettings>): Promise<{ values: Float32Array; shape: number[] }> {
  if (image.length !== exampleSize(shape)) return Promise.reject(new Error('image size does not match its shape'));
  const requestId = crypto.randomUUID();
  ensureWorker();
  return new Promise((resolve, reject) => {
    pendingPredictions.set(requestId, { resolve, reject });
    // The weights are copied, not transferred: the run keeps its model.
    post({ type: 'predict', v: PROTOCOL_VERSION, requestId, model, image, shape, ...(slidingWindow ? { slidingWindow } : {}) }, [image.buffer as ArrayBuffer]);
  });
}

/** For tests and the benchmark: whether a worker exists now. */
export const hasWorker = () => worker !== null;
