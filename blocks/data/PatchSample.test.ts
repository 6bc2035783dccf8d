import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../../src/core';
import PatchSample from './PatchSample';
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
