import { describe, expect, it } from 'vitest';
import { compile, makeRegistry, type DatasetValue } from '../../src/core';
import { epochStream, runSteps } from '../../src/data/run-steps';
import { memoryIO } from '../../src/data/testing/fixtures';
import Augment from './Augment';
import SampleShapes from './SampleShapes';
import Split from './Split';
import { datasetValue, inferOk } from './testing';

const registry = makeRegistry([SampleShapes, Split, Augment]);
const doc = (augmentFirst: boolean) => ({
  format: 'jimu.pipeline',
  version: 1,
  meta: { seed: 42 },
  blocks: [
    { id: 'shapes', type: 'SampleShapes', params: { count: 20, size: 12 } },
    { id: 'split', type: 'Split', params: { train: 0.5, validation: 0.25, test: 0.25 } },
    { id: 'aug', type: 'Augment', params: { flipY: true, noise: 0.1 } },
  ],
  links: (augmentFirst
    ? [['shapes', 'data', 'aug', 'data'], ['aug', 'data', 'split', 'data']]
    : [['shapes', 'data', 'split', 'data'], ['split', 'train', 'aug', 'data']]
  ).map(([fb, fp, tb, tp]) => ({ from: { block: fb!, port: fp! }, to: { block: tb!, port: tp! } })),
});

describe('Augment', () => {
  it('keeps the shapes', () => {
    const input = datasetValue({ image: [8, 8, 8, 2], subset: 'train' });
    expect(inferOk(Augment, {}, { data: input }).outputs.data).toEqual(input);
  });

  it('warns when it receives validation or test data', () => {
    const d = doc(false);
    d.links[1]!.from.port = 'validation';
    const r = compile(d, registry);
    expect(r.diagnostics.filter((x) => x.block === 'aug').map((x) => [x.code, x.severity])).toEqual([['J406', 'warning']]);
  });

  it.each([false, true])('runs on the training stream only (augmentation before the split: %s)', async (augmentFirst) => {
    const r = compile(doc(augmentFirst), registry);
    const stream = (block: string, port: string) => (r.outputs[block]![port] as DatasetValue).steps;
    const plain = (subset: string) => runSteps(stream('split', subset).filter((s) => s.type !== 'Augment'), registry, memoryIO({}), 42);
    for (const subset of ['train', 'validation', 'test']) {
      const steps = !augmentFirst && subset === 'train' ? stream('aug', 'data') : stream('split', subset);
      const got = await runSteps(steps, registry, memoryIO({}), 42);
      const base = await plain(subset);
      expect(got.ids).toEqual(base.ids);
      if (subset === 'train') expect(got.x).not.toEqual(base.x);
      else expect(got.x).toEqual(base.x);
    }
  });
});

describe('Augment, epoch by epoch', () => {
  // SampleShapes that counts how often it runs: the un-augmented part of a stream must run once per training run.
  let sourceRuns = 0;
  const source = SampleShapes.run as Extract<typeof SampleShapes.run, { source: unknown }>;
  const Counted = { ...SampleShapes, run: { source: (p: unknown, io: Parameters<typeof source.source>[1], ctx: { seed: number }) => (sourceRuns++, source.source(p, io, ctx)) } };
  const counted = makeRegistry([Counted, Split, Augment]);
  const streams = (augmentFirst: boolean) => {
    const r = compile(doc(augmentFirst), counted);
    return {
      train: (augmentFirst ? r.outputs.split!.train : r.outputs.aug!.data) as DatasetValue,
      validation: r.outputs.split!.validation as DatasetValue,
    };
  };

  it.each([false, true])('draws new transforms each epoch, the same ones for the same seed (augmentation before the split: %s)', async (augmentFirst) => {
    const { train } = streams(augmentFirst);
    sourceRuns = 0;
    const a = await epochStream(train.steps, counted, memoryIO({}), 42);
    expect(a.perEpoch).toBe(true);
    const [e2, e3] = [await a.forEpoch(2), await a.forEpoch(3)];
    expect(sourceRuns).toBe(1); // the source ran once for three epochs
    expect(e2.ids).toEqual(a.first.ids); // the same examples (the split does not move) …
    expect(e2.x).not.toEqual(a.first.x); // … augmented anew
    expect(e3.x).not.toEqual(e2.x);
    expect(e2.y).toEqual(a.first.y);
    expect(a.first.x).toEqual((await runSteps(train.steps, counted, memoryIO({}), 42)).x); // epoch 1 is the plain stream

    const b = await epochStream(train.steps, counted, memoryIO({}), 42);
    expect([b.first.x, (await b.forEpoch(2)).x, (await b.forEpoch(3)).x]).toEqual([a.first.x, e2.x, e3.x]);
    expect((await (await epochStream(train.steps, counted, memoryIO({}), 43)).forEpoch(2)).x).not.toEqual(e2.x);
  });

  it('leaves validation data alone in every epoch', async () => {
    const { validation } = streams(true);
    const v = await epochStream(validation.steps, counted, memoryIO({}), 42);
    expect(v.perEpoch).toBe(false);
    expect(await v.forEpoch(5)).toBe(v.first);
    const plain = await runSteps(validation.steps.filter((s) => s.type !== 'Augment'), counted, memoryIO({}), 42);
    expect(v.first.x).toEqual(plain.x);
  });
});
