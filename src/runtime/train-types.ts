import type { AnySet } from '../core';
import type { CodedErrorData } from '../core/diagnostics/coded-error';
import type { Logs } from './predict';
import type { tf } from './tf';

/** 'data': a case read on demand could not be read (the run keeps what it trained). */
export type StopReason = 'completed' | 'early-stopping' | 'aborted' | 'nan' | 'data';

/** One epoch of history. Epochs and batches are counted from 1, as people count them. */
export interface EpochRecord {
  epoch: number;
  learningRate: number;
  /** Training loss and metrics (means over the epoch's examples), then their 'val_' twins. */
  logs: Logs;
  /** Seconds the epoch's training waited for its data (reading, preparing, copying batches), and their share of the epoch's time, 0…1. */
  dataWaitSeconds?: number;
  dataWaitShare?: number;
}

/** Progress of one run, in order: run-start, (batch-end… epoch-end)…, run-end. */
export type TrainEvent =
  | {
      type: 'run-start';
      backend: string;
      backendReason: string;
      epochs: number;
      batchesPerEpoch: number;
      trainExamples: number;
      validationExamples: number;
      /** The log key that decides the best epoch (and early stopping). */
      monitor: string;
      /** Things the user should know about this run (a monitor that had to be replaced, …). */
      notes: string[];
    }
  | {
      type: 'batch-end';
      epoch: number;
      batch: number;
      batches: number;
      loss: number;
      learningRate: number;
      /** Seconds left for the whole run, estimated from the batches so far; null before the first. */
      etaSeconds: number | null;
    }
  | {
      type: 'epoch-end';
      epoch: number;
      learningRate: number;
      logs: Logs;
      /** This epoch is the best so far. */
      best: boolean;
      etaSeconds: number | null;
      /** The share of the epoch spent waiting for data, 0…1. */
      dataWaitShare?: number;
    }
  | { type: 'run-end'; stoppedBecause: StopReason; epochsRun: number; bestEpoch: number | null; message?: string };

export interface TrainData {
  /** The training examples of epoch 1 (and of every epoch without `trainForEpoch`): in memory, or read on demand. */
  train: AnySet;
  validation?: import('../core').ExampleSet;
  /**
   * The training examples of epoch 2, 3 … when they change from epoch to epoch (augmentation drawn
   * afresh each epoch; see `epochStream` in src/data/run-steps.ts). Same shapes and count as `train`.
   */
  trainForEpoch?: (epoch: number) => Promise<AnySet>;
}

export interface TrainOptions {
  /** Aborting stops the run before the next batch; the result then says 'aborted'. */
  signal?: AbortSignal;
  onEvent?: (e: TrainEvent) => void;
  /** Force a tfjs backend ('cpu', 'webgl', 'wasm'); by default the runtime chooses (see backend.ts). */
  backend?: string;
  /** Where a browser finds the wasm binaries (tfjs' setWasmPaths); Node finds them itself. */
  wasmPaths?: string | Record<string, string>;
  /** The GPU backends to try first, in order (default webgpu, webgl; [] when the GPU is a software renderer). */
  gpus?: readonly string[];
  /** Batches read ahead of the one training (default 2). */
  prefetch?: number;
  /** Awaited before every batch: a paused run waits here (the worker's pause and resume). */
  gate?: () => Promise<void>;
}

export interface TrainResult {
  /** The trained model: the best epoch's weights when the plan keeps the best, else the last good ones. */
  model: tf.LayersModel;
  history: EpochRecord[];
  /** The best epoch by the monitored value (1-based), null when no epoch finished. */
  bestEpoch: number | null;
  stoppedBecause: StopReason;
  backend: string;
  /** Why that backend, in plain words. */
  backendReason: string;
  /** Jimu kernels proven for this model on that backend by the self-check. */
  kernels: string[];
  /** Plain words for anything but a completed run. */
  message?: string;
  /** The coded failure behind a 'data' stop (J740, naming the case). */
  failure?: CodedErrorData;
}
