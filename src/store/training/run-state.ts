import type { EpochRecord } from '../../runtime/train-types';
import type { CodedErrorData } from '../../core/diagnostics/coded-error';
import type { FailureCode, FromWorker, RunOutcome } from '../../worker/protocol';

/** What the dashboard shows while a run goes: filled from the worker's events. */
export interface Progress {
  backend: string;
  backendReason: string;
  epochs: number;
  batchesPerEpoch: number;
  trainExamples: number;
  validationExamples: number;
  epoch: number;
  batch: number;
  etaSeconds: number | null;
  monitor: string;
  notes: string[];
  bestEpoch: number | null;
  history: EpochRecord[];
  /** Training loss of every batch so far, with its position in epochs (epoch − 1 + batch / batches). */
  batchLoss: { at: number; loss: number }[];
}

/** A memory estimate over what the device seems to offer, waiting for the user's decision. */
export interface MemoryCheck {
  estimateBytes: number;
  availableBytes: number;
  source: string;
}

/**
 * One run, one tagged union: every phase carries exactly what its view needs. Training and evaluating
 * keep the progress, so curves stay on screen; a failure keeps whatever progress there was.
 */
export type RunState =
  | { phase: 'idle' }
  | { phase: 'memory-warning'; check: MemoryCheck }
  | { phase: 'starting'; runId: string }
  | { phase: 'training'; runId: string; progress: Progress; paused: boolean; stopping: boolean }
  | { phase: 'evaluating'; runId: string; progress: Progress }
  | { phase: 'finished'; runId: string; progress: Progress; outcome: RunOutcome }
  | { phase: 'failed'; runId: string; progress: Progress | null; code: FailureCode; error: CodedErrorData; detail: string };

/** Everything that moves a run: the user's commands and what the worker says. */
export type RunEvent =
  | { type: 'memory-warning'; check: MemoryCheck }
  | { type: 'start'; runId: string }
  | { type: 'stop-requested' }
  | { type: 'worker'; message: FromWorker }
  /** The worker crashed, or the page could not prepare the run (its data). */
  | { type: 'failed-outside'; code: FailureCode; error: CodedErrorData; detail: string }
  | { type: 'dismiss' };

export const IDLE: RunState = { phase: 'idle' };

const emptyProgress = (): Progress => ({
  backend: '',
  backendReason: '',
  epochs: 0,
  batchesPerEpoch: 0,
  trainExamples: 0,
  validationExamples: 0,
  epoch: 0,
  batch: 0,
  etaSeconds: null,
  monitor: 'loss',
  notes: [],
  bestEpoch: null,
  history: [],
  batchLoss: [],
});

export const runIdOf = (s: RunState): string | null => ('runId' in s ? s.runId : null);
export const progressOf = (s: RunState): Progress | null => ('progress' in s ? s.progress : null);
/** A run is live while the worker works on it. */
export const isLive = (s: RunState): boolean => s.phase === 'starting' || s.phase === 'training' || s.phase === 'evaluating';

/** The pure reducer of a run: a message for another run, or one that does not fit the phase, changes nothing. */
export function reduceRun(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'memory-warning':
      return isLive(state) ? state : { phase: 'memory-warning', check: event.check };
    case 'start':
      return isLive(state) ? state : { phase: 'starting', runId: event.runId };
    case 'stop-requested':
      return state.phase === 'training' ? { ...state, stopping: true, paused: false } : state;
    case 'dismiss':
      return isLive(state) ? state : IDLE;
    case 'failed-outside':
      return isLive(state) ? { phase: 'failed', runId: runIdOf(state)!, progress: progressOf(state), code: event.code, error: event.error, detail: event.detail } : state;
    case 'worker':
      return onWorker(state, event.message);
    default: {
      const never: never = event;
      return never;
    }
  }
}

function onWorker(state: RunState, m: FromWorker): RunState {
  if (m.type === 'ready' || m.type === 'prediction' || m.type === 'prediction-failed') return state;
  if (runIdOf(state) !== m.runId || !isLive(state)) return state;
  switch (m.type) {
    case 'event':
      return onTrainEvent(state, m.event);
    case 'paused':
      return state.phase === 'training' ? { ...state, paused: m.paused } : state;
    case 'evaluating':
      return { phase: 'evaluating', runId: m.runId, progress: progressOf(state) ?? emptyProgress() };
    case 'done': {
      const base = progressOf(state) ?? emptyProgress();
      const progress = { ...base, history: m.outcome.history, bestEpoch: m.outcome.bestEpoch, etaSeconds: 0 };
      return { phase: 'finished', runId: m.runId, progress, outcome: m.outcome };
    }
    case 'failed':
      return { phase: 'failed', runId: m.runId, progress: progressOf(state), code: m.code, error: m.error, detail: m.detail };
    default: {
      const never: never = m;
      return never;
    }
  }
}

function onTrainEvent(state: RunState, e: Extract<FromWorker, { type: 'event' }>['event']): RunState {
  const runId = runIdOf(state)!;
  const p = progressOf(state) ?? emptyProgress();
  const training = (progress: Progress): RunState =>
    state.phase === 'training' ? { ...state, progress } : { phase: 'training', runId, progress, paused: false, stopping: false };
  switch (e.type) {
    case 'run-start':
      return training({ ...emptyProgress(), backend: e.backend, backendReason: e.backendReason, epochs: e.epochs, batchesPerEpoch: e.batchesPerEpoch, trainExamples: e.trainExamples, validationExamples: e.validationExamples, monitor: e.monitor, notes: e.notes });
    case 'batch-end':
      return training({ ...p, epoch: e.epoch, batch: e.batch, etaSeconds: e.etaSeconds, batchLoss: [...p.batchLoss, { at: e.epoch - 1 + e.batch / e.batches, loss: e.loss }] });
    case 'epoch-end':
      return training({ ...p, epoch: e.epoch, etaSeconds: e.etaSeconds, history: [...p.history, { epoch: e.epoch, learningRate: e.learningRate, logs: e.logs, ...(e.dataWaitShare !== undefined ? { dataWaitShare: e.dataWaitShare } : {}) }], bestEpoch: e.best ? e.epoch : p.bestEpoch });
    case 'run-end':
      return training({ ...p, bestEpoch: e.bestEpoch });
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** Fraction of the run done, 0…1. */
export function fractionDone(p: Progress): number {
  const total = p.epochs * p.batchesPerEpoch;
  return total ? Math.max(0, Math.min(1, ((p.epoch - 1) * p.batchesPerEpoch + p.batch) / total)) : 0;
}
