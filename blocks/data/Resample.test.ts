import { describe, expect, it } from 'vitest';
import { compile, makeRegistry, type DatasetValue, type ExampleSet } from '../../src/core';
import { runSteps } from '../../src/data/run-steps';
import { memoryIO } from '../../src/data/testing/fixtures';
import CropPad from './CropPad';
import Resample from './Resample';
import SampleDose from './SampleDose';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

const seg = (spacing?: number[]) => datasetValue({ image: [10, 20, 30, 2], label: [10, 20, 30, 1], task: 'segmentation', labelNames: ['background', 'tumour'], count: 1, ...(spacing ? { spacing } : {}) });
// One 4 × 4 × 4 volume whose value is its x index, with a one-voxel lesion; 1 mm voxels.
const cube = (spacing: number[] | null = [1, 1, 1]): ExampleSet => {
  const y = new Float32Array(64);
  y[1 + 4 * (1 + 4 * 1)] = 1;
  return { x: Float32Array.from({ length: 64 }, (_, o) => o % 4), y, n: 1, imageShape: [4, 4, 4, 1], labelShape: [4, 4, 4, 1], ids: ['a'], groups: ['p'], labelNames: ['background', 'lesion'], task: 'segmentation', ...(spacing ? { spacing } : {}) };
};
const cubeValue = (spacing?: number[]) => datasetValue({ image: [4, 4, 4, 1], label: [4, 4, 4, 1], task: 'segmentation', labelNames: ['background', 'lesion'], count: 1, ...(spacing ? { spacing } : {}) });

describe('Resample', () => {
  it.each([
    ['halves x and y, keeps z', { spacing: [2, 2, 2] }, seg([1, 1, 2]), [10, 10, 15, 2], [10, 10, 15, 1], [2, 2, 2]],
    ['rounds the field of view to whole voxels', { spacing: [1.5, 1.5, 1.5] }, seg([1, 1, 1]), [7, 13, 20, 2], [7, 13, 20, 1], [1.5, 20 / 13, 10 / 7]],
    ['takes the spacing of data that records none from "Spacing when unknown"', { spacing: [1, 1, 1], assume: [2, 2, 2] }, seg(), [20, 40, 60, 2], [20, 40, 60, 1], [1, 1, 1]],
    ['leaves a class label alone', { spacing: [2, 2, 2] }, datasetValue({ image: [8, 8, 8, 1], spacing: [1, 1, 1] }), [4, 4, 4, 1], [2], [2, 2, 2]],
  ])('infers: %s', (_name, params, data, image, label, spacing) => {
    const out = inferOk(Resample, params, { data }).outputs.data!;
    expect({ image: out.image, label: out.label }).toEqual({ image, label });
    out.spacing!.forEach((s, a) => expect(s).toBeCloseTo(spacing[a]!, 9));
  });

  it.each([
    ['2D images', {}, datasetValue({ image: [32, 32, 1] }), 'J306'],
    ['data without a spacing', {}, seg(), 'J304'],
    ['a spacing of 0', { spacing: [0, 1, 1] }, seg([1, 1, 1]), 'J102'],
  ])('refuses %s', (_name, params, data, code) => expect(inferCodes(Resample, params, { data })).toEqual([code]));

  it('resamples images smoothly and masks by nearest neighbour, and records the new spacing', async () => {
    const params = { spacing: [2, 2, 2] };
    const out = await runBlock(Resample, params, cube());
    expectAsInferred(out, inferOk(Resample, params, { data: cubeValue([1, 1, 1]) }).outputs.data!);
    expect(out.spacing).toEqual([2, 2, 2]);
    // Target voxel centres sit at source x = 0.5 and 2.5: linear interpolation of the x index.
    expect(Array.from(out.x)).toEqual([0.5, 2.5, 0.5, 2.5, 0.5, 2.5, 0.5, 2.5]);
    expect(new Set(out.y)).toEqual(new Set([0, 1]));
    expect(out.y[0]).toBe(1); // the lesion at (1, 1, 1) lies nearest to the first target voxel
  });

  it('refuses, when it runs, data that records no spacing unless told one', async () => {
    await expect(runBlock(Resample, {}, cube(null))).rejects.toThrow(/voxel spacing/);
    expect((await runBlock(Resample, { spacing: [2, 2, 2], assume: [1, 1, 1] }, cube(null))).imageShape).toEqual([2, 2, 2, 1]);
  });

  it('chains after a 3D source with Crop / Pad, each step as inferred; warns when a known spacing overrides "Spacing when unknown"', async () => {
    const registry = makeRegistry([SampleDose, Resample, CropPad]);
    const link = (from: string, to: string) => ({ from: { block: from, port: 'data' }, to: { block: to, port: 'data' } });
    const r = compile({
      format: 'jimu.pipeline', version: 1, meta: { seed: 3 },
      blocks: [
        { id: 'dose', type: 'SampleDose', params: { count: 2, size: 16 } },
        { id: 'rs', type: 'Resample', params: { spacing: [8, 8, 6], assume: [1, 1, 1] } },
        { id: 'cp', type: 'CropPad', params: { size: [10, 6, 9] } },
      ],
      links: [link('dose', 'rs'), link('rs', 'cp')],
    }, registry);
    expect(r.diagnostics.filter((d) => d.block).map((d) => [d.block, d.code])).toEqual([['rs', 'J406']]);
    const rs = r.outputs.rs!.data as DatasetValue;
    const cp = r.outputs.cp!.data as DatasetValue;
    expect([rs.image, rs.label, rs.spacing]).toEqual([[11, 8, 8, 4], [11, 8, 8, 1], [8, 8, 64 / 11]]);
    expect([cp.image, cp.label, cp.spacing]).toEqual([[9, 6, 10, 4], [9, 6, 10, 1], [8, 8, 64 / 11]]);
    for (const v of [rs, cp]) {
      const set = await runSteps(v.steps, registry, memoryIO({}), 3);
      expectAsInferred(set, v);
      expect(set.spacing).toEqual(v.spacing);
    }
  });
});
