import { describe, expect, it } from 'vitest';
import { compile, makeRegistry, type DatasetValue } from '../../src/core';
import { runSteps } from '../../src/data/run-steps';
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
