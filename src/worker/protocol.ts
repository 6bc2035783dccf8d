/**
 * The typed messages between the page and the training worker: one tagged union each way, every
 * message stamped with the protocol version, every run-scoped message with its run id (so a late
 * message from an earlier run is recognised and dropped).
 */
import type { ExampleSet, Plan, SlidingWindowSettings } from '../core';
import type { CodedErrorData } from '../core/diagnostics/coded-error';
import type { EpochRecord, StopReason, TrainEvent } from '../runtime/train-types';

/** Bumped when a message changes shape; the page refuses a worker that speaks another version. */
export const PROTOCOL_VERSION = 1;

/** What the user may ask for; 'auto' lets the worker choose (WebGPU → WebGL → wasm → cpu). */
export type BackendRequest = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** An ExampleSet as it crosses to the worker: the same fields, its x and y buffers transferred. */
export type WireSet = ExampleSet;

/** One Evaluate block's data. */
export interface WireEvaluation {
  block: string;
  set: WireSet;
  threshold: number;
}

/**
 * The data of a run: sets the sender already holds (their buffers transferred), or 'steps': the worker
 * runs the plan's data steps itself, so that generating and normalising images never blocks the page.
 */
export type RunDataWire = { kind: 'sets'; train: WireSet; validation: WireSet | null; evaluations: WireEvaluation[] } | { kind: 'steps' };

/** A trained model in the tfjs layers format, in memory. */
export interface ModelFilesWire {
  modelJson: Record<string, unknown>;
  weights: Uint8Array;
  weightsFile: string;
}

import type { EvaluationResult } from '../metrics/evaluation-result';

export type { EvaluationResult };

export interface RunOutcome {
  history: EpochRecord[];
  bestEpoch: number | null;
  stoppedBecause: StopReason;
  backend: string;
  backendReason: string;
  message: string | null;
  model: ModelFilesWire;
  evaluations: EvaluationResult[];
  /** Training examples per second over the whole run (batches only). */
  samplesPerSecond: number;
}

/** Why a run failed, as a code from the catalogue (src/ui/training/failures.ts) plus the detail. */
export type FailureCode = 'out-of-memory' | 'backend-unavailable' | 'data' | 'training-error' | 'worker-crashed' | 'protocol';

export type ToWorker =
  | { type: 'start'; v: number; runId: string; plan: Plan; data: RunDataWire; backend: BackendRequest }
  | { type: 'pause'; v: number; runId: string }
  | { type: 'resume'; v: number; runId: string }
  | { type: 'stop'; v: number; runId: string }
  /** One image or volume; one of another size than the model input is predicted by sliding windows, as `slidingWindow` says. */
  | { type: 'predict'; v: number; requestId: string; model: ModelFilesWire; image: Float32Array; shape: number[]; slidingWindow?: Partial<SlidingWindowSettings> };

export type FromWorker =
  | { type: 'ready'; v: number; gpu: { webgpu: string | null; webgl: string | null } }
  | { type: 'event'; v: number; runId: string; event: TrainEvent }
  | { type: 'paused'; v: number; runId: string; paused: boolean }
  | { type: 'evaluating'; v: number; runId: string }
  | { type: 'done'; v: number; runId: string; outcome: RunOutcome }
  /** `error` is what the user reads (rendered in their language from the catalogue); `detail` is English, for logs. */
  | { type: 'failed'; v: number; runId: string; code: FailureCode; error: CodedErrorData; detail: string }
  | { type: 'prediction'; v: number; requestId: string; values: Float32Array; shape: number[] }
  | { type: 'prediction-failed'; v: number; requestId: string; detail: string };

/** The buffers of a set, for postMessage's transfer list (each buffer once). */
export function transferables(...sets: (WireSet | null | undefined)[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const s of sets) {
    if (!s) continue;
    for (const a of [s.x, s.y]) if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  }
  return [...seen];
}
