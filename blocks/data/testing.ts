import { expect } from 'vitest';
import { inferBlock, type BlockDef, type DataIO, type DatasetValue, type ExampleSet, type PortValue } from '../../src/core';
import { memoryIO } from '../../src/data/testing/fixtures';

/** Infers a data block and returns its outputs, failing the test on diagnostics. */
export function inferOk(def: BlockDef, params: Record<string, unknown>, inputs: Record<string, PortValue | undefined> = {}) {
  const r = inferBlock(def, params, inputs);
  expect(r.diagnostics, JSON.stringify(r.diagnostics)).toEqual([]);
  return { outputs: r.outputs as Record<string, DatasetValue>, params: r.params };
}

/** The diagnostic codes inference reports, each with a hint long enough to help. */
export function inferCodes(def: BlockDef, params: Record<string, unknown>, inputs: Record<string, PortValue | undefined> = {}): string[] {
  const r = inferBlock(def, params, inputs);
  expect(r.outputs).toBeUndefined();
  for (const d of r.diagnostics) expect(d.hint.length).toBeGreaterThan(10);
  return r.diagnostics.map((d) => d.code);
}

/** Runs the block's `run` as runSteps would, with parsed parameters. */
export async function runBlock(def: BlockDef, rawParams: Record<string, unknown>, input?: ExampleSet, output = 'data', io: DataIO = memoryIO({}), seed = 1): Promise<ExampleSet> {
  const params = def.params.parse(rawParams);
  const run = def.run!;
  if ('source' in run) return run.source(params, io, { seed });
  return run.transform(input!, params, { seed, output });
}

/** The set that runs is the one inference promised. */
export function expectAsInferred(set: ExampleSet, value: DatasetValue): void {
  expect({ image: set.imageShape, label: set.labelShape, task: set.task, labelNames: set.labelNames }).toEqual({ image: value.image, label: value.label, task: value.task, labelNames: value.labelNames });
  if (value.count !== null) expect(set.n).toBe(value.count);
}

/** A dataset value as an upstream block would give it. */
export function datasetValue(v: Partial<DatasetValue> = {}): DatasetValue {
  return { kind: 'dataset', image: [32, 32, 1], label: [2], task: 'multiclass', labelNames: ['disc', 'ring'], count: 10, steps: [], ...v };
}
