import Dexie, { type Table } from 'dexie';
import type { PipelineDocument } from '../core';
import { documentKey } from './document-key';
import type { EpochRecord, StopReason } from '../runtime/train-types';
import type { EvaluationResult, ModelFilesWire } from '../worker/protocol';
import type { RunOrigin } from '../data/run-folder';

/** The manifest that travels with a downloaded model (the CLI writes the same format). */
export interface RunManifest {
  format: 'jimu.run';
  version: 1;
  pipeline: { name: string };
  seed: number;
  backend: { name: string; reason: string };
  started: string;
  finished: string;
  stoppedBecause: StopReason;
  message: string | null;
  data: { train: number; validation: number };
  outputs: string[];
}

/** One finished run, as the history keeps it. */
export interface RunRecord {
  id: string;
  /** Milliseconds since the epoch, when the run finished. */
  finished: number;
  name: string;
  /** Which pipeline it trained ({@link documentKey} of `doc`): the training panel shows a pipeline's own last run. */
  docKey: string;
  /** The document exactly as it was trained (restorable into the editor). */
  doc: PipelineDocument;
  seed: number;
  backend: string;
  backendReason: string;
  stoppedBecause: StopReason;
  message: string | null;
  history: EpochRecord[];
  bestEpoch: number | null;
  evaluations: EvaluationResult[];
  model: ModelFilesWire;
  samplesPerSecond: number;
  manifest: RunManifest;
  /**
   * A run opened from a run folder (`jimu train --out`, the PyTorch export's `train.py --out`, or a zip):
   * where it was trained, where its scores come from, and whether `doc` is only the pipeline the editor held
   * (a PyTorch run carries none) that the user chose to open it with although its network differs.
   */
  opened?: RunOrigin & { scoresFrom: Record<string, 'metrics.json' | 'predictions'>; docFrom: 'run' | 'editor'; pipelineDiffers: boolean; at: number };
}

/** The summary the history list shows, without weights and evaluation arrays. */
export type RunSummary = Pick<RunRecord, 'id' | 'finished' | 'name' | 'seed' | 'backend' | 'stoppedBecause' | 'bestEpoch'> & {
  /** The headline score of the first evaluation (accuracy, Dice or MAE), with its name. */
  headline: { metric: string; value: number } | null;
};

/** The run history's own IndexedDB database, apart from the editor's document. */
export class RunDatabase extends Dexie {
  runs!: Table<RunRecord, string>;
  constructor(name = 'jimu-runs') {
    super(name);
    this.version(1).stores({ runs: 'id, finished' });
    // Version 2 indexes runs by pipeline; runs saved before are given their pipeline's key.
    this.version(2)
      .stores({ runs: 'id, finished, docKey' })
      .upgrade((tx) =>
        tx
          .table<RunRecord>('runs')
          .toCollection()
          .modify((r) => {
            r.docKey = documentKey(r.doc);
          }),
      );
  }
}

const HEADLINES = ['accuracy', 'odir_score', 'dice_mean', 'mae'] as const;

/** The one score that sums a run up in the list. */
export function headline(r: Pick<RunRecord, 'evaluations'>): RunSummary['headline'] {
  const scores = r.evaluations[0]?.scores;
  if (!scores) return null;
  for (const metric of HEADLINES) if (typeof scores[metric] === 'number') return { metric, value: scores[metric] as number };
  return null;
}

export async function saveRun(db: RunDatabase, record: RunRecord): Promise<void> {
  await db.runs.put(record);
}

/** Newest first. */
export async function listRuns(db: RunDatabase): Promise<RunSummary[]> {
  const all = await db.runs.orderBy('finished').reverse().toArray();
  return all.map((r) => ({ id: r.id, finished: r.finished, name: r.name, seed: r.seed, backend: r.backend, stoppedBecause: r.stoppedBecause, bestEpoch: r.bestEpoch, headline: headline(r) }));
}

export async function loadRun(db: RunDatabase, id: string): Promise<RunRecord | undefined> {
  return db.runs.get(id);
}

/** The newest run of a pipeline ({@link documentKey}), if it has one. */
export async function lastRunOf(db: RunDatabase, docKey: string): Promise<RunRecord | undefined> {
  const runs = await db.runs.where('docKey').equals(docKey).sortBy('finished');
  return runs.at(-1);
}

export async function deleteRun(db: RunDatabase, id: string): Promise<void> {
  await db.runs.delete(id);
}
