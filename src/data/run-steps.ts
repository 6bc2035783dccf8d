import type { DataIO, DataStep, ExampleSet, Registry } from '../core';
import { DataError } from './errors';
import { exampleSetProblem } from './example-set';
import { deriveSeed } from './random';
import { SUBSETS, type Subset } from './split';

/**
 * Runs a plan's data steps in order with each block's `run`: the first step is a source (it reads
 * or makes the data), every later step a transform of the step before; a step from a block with
 * several dataset outputs (a split) receives its output's name in `ctx.output`.
 *
 * Each step's `ctx.seed` is derived from `seed` and the step's block id, so the training and the
 * validation streams of one pipeline, run separately, see the same source data and the same split.
 * Nothing is cached: every call reads and computes afresh (`epochStream` keeps the part a training run
 * need not repeat each epoch).
 *
 * Every transform also learns `ctx.subset`, the split output this stream ends in (the last step whose
 * output is train, validation or test), so augmentation runs on the training stream only, wherever it
 * stands in the chain.
 */
export async function runSteps(steps: readonly DataStep[], registry: Registry, io: DataIO, seed: number, options: RunStepsOptions = {}): Promise<ExampleSet> {
  if (steps.length === 0) throw new DataError('This data stream has no steps.', 'Start the data with a source block such as Sample Shapes or Image Folder.');
  return runRange(steps, 0, steps.length, undefined, registry, io, seed, undefined, options.limit);
}

export interface RunStepsOptions {
  /**
   * Passed to the source as `ctx.limit`: it may make only its first `limit` examples. Every later step
   * then sees only those, so give it where nothing after the source needs the others (a preview of
   * the source's own output), never to a stream that trains.
   */
  limit?: number;
}

/** The seed a per-epoch step draws from in `epoch` (epoch 1 keeps the step's own seed, so a plain run is epoch 1). */
export function epochSeed(stepSeed: number, epoch: number): number {
  return epoch <= 1 ? stepSeed : deriveSeed(stepSeed, `epoch ${epoch}`);
}

/** A training stream that may change from epoch to epoch. */
export interface EpochStream {
  /** Epoch 1's examples (what `runSteps` gives). */
  first: ExampleSet;
  /** True when a per-epoch step (augmentation, random patches) acts on this stream, so epochs differ. */
  perEpoch: boolean;
  /** The examples of `epoch` (from 1): the cached steps before the first per-epoch step, the rest run afresh. */
  forEpoch(epoch: number): Promise<ExampleSet>;
}

/**
 * Prepares a stream for training over several epochs. The steps before the first per-epoch step
 * (reading, resampling, normalising: the expensive part) run once and their output is kept; that
 * step and every later one run again for each epoch, the per-epoch steps with a seed derived from the
 * run seed, their block and the epoch, so a run is reproducible and each epoch sees new draws. Steps
 * that are not per-epoch keep their seed (a split after augmentation stays the same split). A stream
 * that ends in validation or test data has no per-epoch part: it is never augmented, and its random
 * patches are drawn once, the same in every epoch.
 */
export async function epochStream(steps: readonly DataStep[], registry: Registry, io: DataIO, seed: number): Promise<EpochStream> {
  if (steps.length === 0) throw new DataError('This data stream has no steps.', 'Start the data with a source block such as Sample Shapes or Image Folder.');
  const at = subsetOf(steps) === 'train' ? steps.findIndex((s) => { const run = registry.get(s.type)?.run; return !!run && 'transform' in run && run.perEpoch === true; }) : -1;
  if (at < 0) {
    const first = await runRange(steps, 0, steps.length, undefined, registry, io, seed);
    return { first, perEpoch: false, forEpoch: () => Promise.resolve(first) };
  }
  const prefix = await runRange(steps, 0, at, undefined, registry, io, seed);
  const forEpoch = (epoch: number) => runRange(steps, at, steps.length, prefix, registry, io, seed, epoch);
  return { first: await forEpoch(1), perEpoch: true, forEpoch };
}

/** The split output this stream ends in (the last step whose output is train, validation or test). */
function subsetOf(steps: readonly DataStep[]): Subset | undefined {
  return [...steps].reverse().find((s) => (SUBSETS as readonly string[]).includes(s.output))?.output as Subset | undefined;
}

async function runRange(steps: readonly DataStep[], from: number, to: number, input: ExampleSet | undefined, registry: Registry, io: DataIO, seed: number, epoch?: number, limit?: number): Promise<ExampleSet> {
  let set = input;
  const subset = subsetOf(steps);
  for (let i = from; i < to; i++) {
    const step = steps[i]!;
    const def = registry.get(step.type);
    if (!def) throw new DataError(`Data step ${i + 1} (${step.block}) has the unknown block type "${step.type}".`, 'Open the pipeline in Jimu and replace the block.');
    const run = def.run;
    if (!run) throw new DataError(`Data step ${i + 1} (${step.block}): ${def.label.en} is not a data block.`, 'Compile the pipeline again; the plan is out of date.');
    const stepSeed = deriveSeed(seed, step.block);
    const perEpoch = 'transform' in run && run.perEpoch === true && epoch !== undefined;
    const ctx = { seed: perEpoch ? epochSeed(stepSeed, epoch) : stepSeed, output: step.output, ...(subset ? { subset } : {}), ...(perEpoch ? { epoch } : {}) };
    if ('source' in run) {
      if (set) throw new DataError(`Data step ${i + 1} (${step.block}): ${def.label.en} starts a dataset, but data already reaches it.`, 'A source block has no data input; compile the pipeline again.');
      set = await run.source(step.params, io, limit === undefined ? ctx : { ...ctx, limit });
    } else {
      if (!set) throw new DataError(`Data step 1 (${step.block}): ${def.label.en} needs data to work on, but it comes first.`, 'Connect a source block such as Image Folder before it.');
      set = await run.transform(set, step.params, ctx);
    }
    const problem = exampleSetProblem(set);
    if (problem) throw new Error(`Data step ${i + 1} (${step.block}, ${step.type}) produced a malformed set: ${problem}.`);
  }
  return set!;
}
