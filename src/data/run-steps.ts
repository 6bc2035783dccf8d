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
 * Nothing is cached: every call reads and computes afresh.
 *
 * Every transform also learns `ctx.subset`, the split output this stream ends in (the last step whose
 * output is train, validation or test), so augmentation runs on the training stream only, wherever it
 * stands in the chain.
 */
export async function runSteps(steps: readonly DataStep[], registry: Registry, io: DataIO, seed: number): Promise<ExampleSet> {
  if (steps.length === 0) throw new DataError('This data stream has no steps.', 'Start the data with a source block such as Sample Shapes or Image Folder.');
  let set: ExampleSet | undefined;
  const subset = [...steps].reverse().find((s) => (SUBSETS as readonly string[]).includes(s.output))?.output as Subset | undefined;
  for (const [i, step] of steps.entries()) {
    const def = registry.get(step.type);
    if (!def) throw new DataError(`Data step ${i + 1} (${step.block}) has the unknown block type "${step.type}".`, 'Open the pipeline in Jimu and replace the block.');
    const run = def.run;
    if (!run) throw new DataError(`Data step ${i + 1} (${step.block}): ${def.label.en} is not a data block.`, 'Compile the pipeline again; the plan is out of date.');
    const ctx = { seed: deriveSeed(seed, step.block), output: step.output, ...(subset ? { subset } : {}) };
    if ('source' in run) {
      if (set) throw new DataError(`Data step ${i + 1} (${step.block}): ${def.label.en} starts a dataset, but data already reaches it.`, 'A source block has no data input; compile the pipeline again.');
      set = await run.source(step.params, io, ctx);
    } else {
      if (!set) throw new DataError(`Data step 1 (${step.block}): ${def.label.en} needs data to work on, but it comes first.`, 'Connect a source block such as Image Folder before it.');
      set = await run.transform(set, step.params, ctx);
    }
    const problem = exampleSetProblem(set);
    if (problem) throw new Error(`Data step ${i + 1} (${step.block}, ${step.type}) produced a malformed set: ${problem}.`);
  }
  return set!;
}
