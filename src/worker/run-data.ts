import { DataError } from '../data/errors';
import { epochStream, runSteps } from '../data/run-steps';
import type { DataIO, ExampleSet, Plan, Registry } from '../core';
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
}

/**
 * Runs the plan's data steps (in the worker, so the page never computes them; or wherever a caller
 * holds the data): the training, validation and every Evaluate block's stream; when the training
 * stream is augmented, also how to make each later epoch's training examples.
 */
export async function prepareRunData(plan: Plan, registry: Registry, io: DataIO = browserIO): Promise<RunData> {
  // The training stream up to its first augmentation runs once; augmentation is drawn afresh each epoch.
  const stream = await epochStream(plan.data.train.steps, registry, io, plan.seed);
  const train = stream.first;
  const validation = plan.data.validation ? await runSteps(plan.data.validation.steps, registry, io, plan.seed) : null;
  const evaluations: WireEvaluation[] = [];
  for (const ev of plan.evaluations) evaluations.push({ block: ev.block, set: await runSteps(ev.data.steps, registry, io, plan.seed), threshold: ev.threshold });
  return { train, validation, evaluations, ...(stream.perEpoch ? { trainForEpoch: (epoch: number) => stream.forEpoch(epoch) } : {}) };
}
