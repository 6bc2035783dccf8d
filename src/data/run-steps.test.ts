import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineBlock, makeRegistry, port, type DataStep, type DatasetValue, type ExampleSet } from '../core';
import { DataError } from './errors';
import { deriveSeed } from './random';
import { runSteps } from './run-steps';
import { memoryIO } from './testing/fixtures';

// Tiny blocks that record what they were given, so the test sees exactly how steps are run.
const calls: string[] = [];
const seeds: number[] = [];
const one = (v: number, seed: number, id = 'a'): ExampleSet => ({ x: Float32Array.of(v), y: Float32Array.of(seed), n: 1, imageShape: [1, 1, 1], labelShape: [1], ids: [id], groups: [id], labelNames: ['v'], task: 'regression' });
const dataset: DatasetValue = { kind: 'dataset', image: [1, 1, 1], label: [1], task: 'regression', labelNames: ['v'], count: 1, steps: [] };

const Source = defineBlock({
  type: 'TestSource', category: 'data', version: 1, label: { en: 'Test source', zh: '测试源' }, doc: { en: '', zh: '' },
  inputs: {}, outputs: { data: port.dataset() },
  params: z.strictObject({ value: z.number().default(1), file: z.string().default('') }),
  infer: () => ({ outputs: { data: { ...dataset, steps: [] } } }),
  run: {
    source: async (p, io, ctx) => {
      calls.push(`source ${p.value}`);
      seeds.push(ctx.seed);
      if (p.file) await io.readFile(p.file);
      return one(p.value, ctx.seed);
    },
  },
});
const AddOne = defineBlock({
  type: 'TestAdd', category: 'preprocessing', version: 1, label: { en: 'Test add', zh: '测试加' }, doc: { en: '', zh: '' },
  inputs: { data: port.dataset() }, outputs: { a: port.dataset(), b: port.dataset() },
  params: z.strictObject({ by: z.number().default(1) }),
  infer: ({ data }) => ({ outputs: { a: data, b: data } }),
  run: {
    transform: (set, p, ctx) => {
      calls.push(`add ${p.by} → ${ctx.output}`);
      return { ...set, x: set.x.map((v) => v + (ctx.output === 'b' ? 10 * p.by : p.by)) };
    },
  },
});
const Broken = defineBlock({
  type: 'TestBroken', category: 'preprocessing', version: 1, label: { en: 'Broken', zh: '坏' }, doc: { en: '', zh: '' },
  inputs: { data: port.dataset() }, outputs: { data: port.dataset() }, params: z.strictObject({}),
  infer: ({ data }) => ({ outputs: { data } }),
  run: { transform: (set) => ({ ...set, n: 2 }) },
});
const Layer = defineBlock({
  type: 'TestLayer', category: 'layer', version: 1, label: { en: 'Layer', zh: '层' }, doc: { en: '', zh: '' },
  inputs: {}, outputs: { out: port.tensor() }, params: z.strictObject({}),
  infer: () => ({ outputs: { out: { kind: 'tensor', shape: [null, 1] } } }),
});
const registry = makeRegistry([Source, AddOne, Broken, Layer]);
const step = (block: string, type: string, params: Record<string, unknown> = {}, output = 'data'): DataStep => ({ block, type, params, output });

describe('runSteps', () => {
  it('runs the source, then each transform in order, passing the output name', async () => {
    calls.length = 0;
    const set = await runSteps([step('s', 'TestSource', { value: 2, file: '' }), step('t1', 'TestAdd', { by: 1 }, 'a'), step('t2', 'TestAdd', { by: 3 }, 'b')], registry, memoryIO({}), 7);
    expect(calls).toEqual(['source 2', 'add 1 → a', 'add 3 → b']);
    expect(Array.from(set.x)).toEqual([2 + 1 + 30]);
  });

  it('gives each step a seed derived from the run seed and its block id', async () => {
    const run = async (seed: number, block: string) => {
      await runSteps([step(block, 'TestSource', { value: 1, file: '' })], registry, memoryIO({}), seed);
      return seeds.at(-1);
    };
    expect(await run(7, 's')).toBe(deriveSeed(7, 's'));
    expect(await run(7, 's')).toBe(await run(7, 's'));
    expect(await run(7, 's')).not.toBe(await run(8, 's'));
    expect(await run(7, 's')).not.toBe(await run(7, 'other'));
  });

  it('reads through the DataIO it is given, every time (no cache)', async () => {
    const io = memoryIO({ 'f.bin': new Uint8Array(1) });
    const steps = [step('s', 'TestSource', { value: 1, file: 'f.bin' })];
    await runSteps(steps, registry, io, 1);
    await runSteps(steps, registry, io, 1);
    expect(io.reads).toEqual(['f.bin', 'f.bin']);
  });

  it.each([
    ['no steps', [], /no steps/],
    ['an unknown type', [step('x', 'Nope')], /step 1 \(x\) has the unknown block type "Nope"/],
    ['a block without run', [step('l', 'TestLayer')], /Layer is not a data block/],
    ['a transform first', [step('t', 'TestAdd', { by: 1 }, 'a')], /needs data to work on, but it comes first/],
    ['two sources', [step('s', 'TestSource', { value: 1, file: '' }), step('s2', 'TestSource', { value: 1, file: '' })], /step 2 \(s2\).*starts a dataset/],
  ])('refuses %s', async (_name, steps, message) => {
    const error = await runSteps(steps, registry, memoryIO({}), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(message);
  });

  it('names the step that produces a malformed set', async () => {
    await expect(runSteps([step('s', 'TestSource', { value: 1, file: '' }), step('b', 'TestBroken')], registry, memoryIO({}), 1)).rejects.toThrow(/step 2 \(b, TestBroken\) produced a malformed set: x has 1 values, expected 2 × 1/);
  });
});
