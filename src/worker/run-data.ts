import { DataError } from '../data/errors';
import { prepareRun, type RunDataWarning } from '../data/prepare-run';
import { isCaseSet, type AnySet, type DataIO, type ExampleSet, type Plan, type Registry } from '../core';
import { materialize } from '../data/lazy/case-set';
import type { WireEvaluation, WireSet } from './protocol';

/** The browser has no folder of files yet: data blocks that read files say so plainly. */
export const browserIO: DataIO = {
  readFile: (path) => Promise.reject(new DataError(`This pipeline reads the file "${path}", and the browser has no data folder yet.`, 'Train it with the jimu command, or start from a data block that needs no files, such as Sample Shapes.')),
  listFiles: (dir) => Promise.reject(new DataError(`This pipeline reads the folder "${dir}", and the browser has no data folder yet.`, 'Train it with the jimu command, or start from a data block that needs no files, such as Sample Shapes.')),
};

export interface RunData {
  train: WireSet;
  validation: WireSet | null;
  evaluations: WireEvaluation[];
  /** Epoch 2, 3 …'s training examples when augmentation is drawn afresh each epoch (in the worker only; never sent). */
  trainForEpoch?: (epoch: number) => Promise<ExampleSet>;
  /** What the user should know before trusting the scores (patient leakage), shown with the run. */
  warnings: RunDataWarning[];
}

/**
 * Runs the plan's data steps (in the worker, so the page never computes them; or wherever a caller
 * holds the data) with the same preparation `jimu train` uses (src/data/prepare-run.ts), and reads
 * every Evaluate block's data at once, since the worker sends them along with the run.
 */
export async function prepareRunData(plan: Plan, registry: Registry, io: DataIO = browserIO): Promise<RunData> {
  const run = await prepareRun(plan, registry, io);
  const evaluations: WireEvaluation[] = [];
  for (const ev of run.evaluations) evaluations.push({ block: ev.block, set: await ev.load(), threshold: ev.threshold });
  // Read without ReadingOptions, the data is in memory; materialize only narrows the type.
  const forEpoch = run.trainForEpoch;
  return { train: await inMemory(run.train), validation: run.validation, evaluations, warnings: run.warnings, ...(forEpoch ? { trainForEpoch: async (epoch: number) => inMemory(await forEpoch(epoch)) } : {}) };
}

function inMemory(set: AnySet): Promise<ExampleSet> {
  return isCaseSet(set) ? materialize(set) : Promise.resolve(set);
}
