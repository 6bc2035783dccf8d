import { describe, expect, it } from 'vitest';
import { compile, makeRegistry, type DatasetValue, type ExampleSet } from '../../src/core';
import { epochStream, runSteps } from '../../src/data/run-steps';
import { memoryIO } from '../../src/data/testing/fixtures';
import PatchSample from './PatchSample';
import SampleGlioma from './SampleGlioma';
import Split from './Split';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

const seg = (n: number): ExampleSet => {
  const v = 8 * 8 * 8;
  const y = new Float32Array(n * v);
  for (let e = 0; e < n; e++) y[e * v + 7 * 64 + 7 * 8 + 7] = 1; // one foreground voxel in a corner
  return { x: y.map((m) => 3 * m), y, n, imageShape: [8, 8, 8, 1], labelShape: [8, 8, 8, 1], ids: ['a', 'b'].slice(0, n), groups: ['p', 'q'].slice(0, n), labelNames: ['background', 'lesion'], task: 'segmentation' };
};
const segValue = datasetValue({ image: [8, 8, 8, 1], label: [8, 8, 8, 1], task: 'segmentation', labelNames: ['background', 'lesion'], count: 2 });

describe('PatchSample', () => {
  it.each([
    [{ size: [4, 4, 2] }, [2, 4, 4, 1], [2, 4, 4, 1], 8],
    [{ size: [8, 8, 8], perVolume: 1 }, [8, 8, 8, 1], [8, 8, 8, 1], 2],
  ])('infers %j', (params, image, label, count) => expect(inferOk(PatchSample, params, { data: segValue }).outputs.data).toMatchObject({ image, label, count }));
  it('copies a class label to every patch', () => expect(inferOk(PatchSample, { size: [2, 2, 2] }, { data: datasetValue({ image: [4, 4, 4, 1] }) }).outputs.data!.label).toEqual([2]));
  it.each([{ size: [9, 4, 4] }, { size: [2, 2, 2] }])('refuses patches that do not fit: %j', (params) => {
    const data = params.size[0] === 2 ? datasetValue({ image: [8, 8, 3] }) : segValue;
    expect(inferCodes(PatchSample, params, { data })).toEqual(['J304']);
  });
  it('centres patches on the mask when asked, cut with their image', async () => {
    const params = { size: [3, 3, 3], perVolume: 6, foreground: 1 };
    const out = await runBlock(PatchSample, params, seg(2));
    expectAsInferred(out, inferOk(PatchSample, params, { data: segValue }).outputs.data!);
    for (let e = 0; e < out.n; e++) expect(out.y.subarray(e * 27, (e + 1) * 27).includes(1)).toBe(true);
    expect(Array.from(out.x)).toEqual(Array.from(out.y).map((m) => 3 * m));
  });
});

describe('PatchSample, epoch by epoch', () => {
  // A glioma source that counts how often it runs: the part of the stream before the patches must run once per training run.
  let sourceRuns = 0;
  const source = SampleGlioma.run as Extract<typeof SampleGlioma.run, { source: unknown }>;
  const Counted = { ...SampleGlioma, run: { source: (p: unknown, io: Parameters<typeof source.source>[1], ctx: { seed: number }) => (sourceRuns++, source.source(p as never, io, ctx)) } };
  const registry = makeRegistry([Counted, Split, PatchSample]);
  const doc = (patchesFirst: boolean) => ({
    format: 'jimu.pipeline',
    version: 1,
    meta: { seed: 42 },
    blocks: [
      { id: 'glioma', type: 'SampleGlioma', params: { count: 8, size: 16 } },
      { id: 'split', type: 'Split', params: { train: 0.5, validation: 0.25, test: 0.25 } },
      { id: 'patches', type: 'PatchSample', params: { size: [6, 6, 6], perVolume: 3, foreground: 0.5 } },
    ],
    links: (patchesFirst
      ? [['glioma', 'data', 'patches', 'data'], ['patches', 'data', 'split', 'data']]
      : [['glioma', 'data', 'split', 'data'], ['split', 'train', 'patches', 'data']]
    ).map(([fb, fp, tb, tp]) => ({ from: { block: fb!, port: fp! }, to: { block: tb!, port: tp! } })),
  });
  const streams = (patchesFirst: boolean) => {
    const r = compile(doc(patchesFirst), registry);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return { train: (patchesFirst ? r.outputs.split!.train : r.outputs.patches!.data) as DatasetValue, validation: r.outputs.split!.validation as DatasetValue };
  };

  it.each([false, true])('draws new patch positions each epoch, the same ones for the same seed (patches before the split: %s)', async (patchesFirst) => {
    const { train } = streams(patchesFirst);
    sourceRuns = 0;
    const a = await epochStream(train.steps, registry, memoryIO({}), 42);
    expect(a.perEpoch).toBe(true);
    const [e2, e3] = [await a.forEpoch(2), await a.forEpoch(3)];
    expect(sourceRuns).toBe(1); // the source ran once for three epochs
    expect(e2.ids).toEqual(a.first.ids); // the same patients and as many patches of each …
    expect(e2.x).not.toEqual(a.first.x); // … cut at new places
    expect(e3.x).not.toEqual(e2.x);
    expect(e2.y).not.toEqual(a.first.y); // the masks moved with their images
    expect(a.first.x).toEqual((await runSteps(train.steps, registry, memoryIO({}), 42)).x); // epoch 1 is the plain stream

    const b = await epochStream(train.steps, registry, memoryIO({}), 42);
    expect([b.first.x, (await b.forEpoch(2)).x, (await b.forEpoch(3)).x]).toEqual([a.first.x, e2.x, e3.x]);
    expect((await (await epochStream(train.steps, registry, memoryIO({}), 43)).forEpoch(2)).x).not.toEqual(e2.x);
  });

  it('keeps the validation patches the same in every epoch', async () => {
    const { validation } = streams(true);
    const v = await epochStream(validation.steps, registry, memoryIO({}), 42);
    expect(v.perEpoch).toBe(false);
    expect(await v.forEpoch(5)).toBe(v.first);
    expect(v.first.n).toBe(2 * 3); // validation is still cut into patches
    expect(v.first.x).toEqual((await runSteps(validation.steps, registry, memoryIO({}), 42)).x);
  });
});
