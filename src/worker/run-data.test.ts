import { describe, expect, it } from 'vitest';
import Augment from '../../blocks/data/Augment';
import SampleShapes from '../../blocks/data/SampleShapes';
import Split from '../../blocks/data/Split';
import { compile, makeRegistry, type DatasetValue, type Plan } from '../core';
import { memoryIO } from '../data/testing/fixtures';
import { prepareRunData } from './run-data';

const registry = makeRegistry([SampleShapes, Split, Augment]);
const link = (from: string, fp: string, to: string, tp: string) => ({ from: { block: from, port: fp }, to: { block: to, port: tp } });
const outputs = compile(
  {
    format: 'jimu.pipeline',
    version: 1,
    meta: { seed: 42 },
    blocks: [
      { id: 'shapes', type: 'SampleShapes', params: { count: 20, size: 12 } },
      { id: 'split', type: 'Split', params: { train: 0.5, validation: 0.25, test: 0.25 } },
      { id: 'aug', type: 'Augment', params: { flipY: true, noise: 0.1 } },
    ],
    links: [link('shapes', 'data', 'split', 'data'), link('split', 'train', 'aug', 'data')],
  },
  registry,
).outputs;
const steps = (block: string, port: string) => (outputs[block]![port] as DatasetValue).steps;
// Only the data part of a plan matters here.
const plan = (augmented: boolean) => ({ seed: 42, data: { train: { steps: steps(augmented ? 'aug' : 'split', augmented ? 'data' : 'train') }, validation: { steps: steps('split', 'validation') } }, evaluations: [] }) as unknown as Plan;

describe('prepareRunData', () => {
  it("gives the worker's training loop a fresh augmentation each epoch, and the validation data once", async () => {
    const data = await prepareRunData(plan(true), registry, memoryIO({}));
    expect(data.trainForEpoch).toBeTypeOf('function');
    const e2 = await data.trainForEpoch!(2);
    expect(e2.ids).toEqual(data.train.ids);
    expect(e2.x).not.toEqual(data.train.x);
    expect((await data.trainForEpoch!(2)).x).toEqual(e2.x);
    expect(data.validation!.x).toEqual((await prepareRunData(plan(false), registry, memoryIO({}))).validation!.x);
  });

  it('has no per-epoch part without augmentation', async () => {
    expect((await prepareRunData(plan(false), registry, memoryIO({}))).trainForEpoch).toBeUndefined();
  });
});

describe('the worker and jimu train prepare a run the same way', () => {
  it('warns in the worker too when the same patients are in the training and the validation data', async () => {
    const leaky = { seed: 42, data: { train: { steps: steps('split', 'train') }, validation: { steps: steps('split', 'train') } }, evaluations: [] } as unknown as Plan;
    const data = await prepareRunData(leaky, registry, memoryIO({}));
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]!.message).toMatch(/^10 patient\(s\) are in both the training and the validation data/);
    expect(data.warnings[0]!.hint).toMatch(/Split the data by patient/);
    expect((await prepareRunData(plan(false), registry, memoryIO({}))).warnings).toEqual([]);
  });

  it('names the stream a data failure happened in', async () => {
    const broken = { seed: 42, data: { train: { steps: steps('split', 'train') }, validation: { steps: [] } }, evaluations: [] } as unknown as Plan;
    await expect(prepareRunData(broken, registry, memoryIO({}))).rejects.toThrow(/^Cannot load the validation data: This data stream has no steps/);
  });
});
