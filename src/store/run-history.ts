import Dexie, { type Table } from 'dexie';
import type { PipelineDocument } from '../core';
import type { EpochRecord, StopReason } from '../runtime/train-types';
import type { EvaluationResult, ModelFilesWire } from '../worker/protocol';

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

export async function deleteRun(db: RunDatabase, id: string): Promise<void> {
  await db.runs.delete(id);
}
