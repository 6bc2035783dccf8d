import { describe, expect, it } from 'vitest';
import { sampleShapes } from '../../src/data/sample-shapes';
import Resize from './Resize';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('Resize: inference', () => {
  it.each([
    { name: '2D image', params: { height: 16, width: 24 }, input: datasetValue({ image: [32, 32, 3] }), image: [16, 24, 3], label: [2] },
    { name: '3D volume keeps its depth', params: { height: 64, width: 64 }, input: datasetValue({ image: [20, 128, 128, 4] }), image: [20, 64, 64, 4], label: [2] },
    { name: '3D volume to a new depth', params: { height: 8, width: 8, depth: 10 }, input: datasetValue({ image: [20, 16, 16, 1] }), image: [10, 8, 8, 1], label: [2] },
    {
      name: 'segmentation masks follow the image',
      params: { height: 8, width: 8, depth: 4 },
      input: datasetValue({ image: [16, 16, 16, 4], label: [16, 16, 16, 3], task: 'segmentation' }),
      image: [4, 8, 8, 4],
      label: [4, 8, 8, 3],
    },
  ])('$name', ({ params, input, image, label }) => {
    const { data } = inferOk(Resize, params, { data: input }).outputs;
    expect(data).toEqual({ ...input, image, label });
  });

  it.each([
    ['depth for a 2D image', { depth: 4 }, datasetValue({ image: [8, 8, 1] }), 'J304'],
    ['a vector dataset', {}, datasetValue({ image: [10] }), 'J301'],
    ['size 0', { height: 0 }, datasetValue(), 'J102'],
    ['an unknown method', { method: 'cubic' }, datasetValue(), 'J102'],
  ])('refuses %s', (_name, params, data, code) => expect(inferCodes(Resize, params, { data })).toContain(code));
});

describe('Resize: run', () => {
  it.each(['linear', 'area', 'nearest'])('resizes every image as inferred (%s)', async (method) => {
    const set = sampleShapes({ count: 3, size: 16, seed: 1 });
    const params = { height: 8, width: 12, method };
    const out = await runBlock(Resize, params, set);
    expectAsInferred(out, inferOk(Resize, params, { data: datasetValue({ image: [16, 16, 1], count: 3 }) }).outputs.data!);
    expect(out.ids).toEqual(set.ids);
    expect(out.y).toEqual(set.y);
  });

  it('keeps the voxel spacing of volumes right: the same millimetres over fewer voxels', async () => {
    const set = { x: new Float32Array(4 * 8 * 6), y: Float32Array.of(1, 0), n: 1, imageShape: [4, 8, 6, 1], labelShape: [2], ids: ['a'], groups: ['a'], labelNames: ['disc', 'ring'], task: 'multiclass' as const, spacing: [1, 1, 2] };
    const params = { height: 4, width: 3, depth: 8 };
    const out = await runBlock(Resize, params, set);
    const inferred = inferOk(Resize, params, { data: datasetValue({ image: [4, 8, 6, 1], count: 1, spacing: [1, 1, 2] }) }).outputs.data!;
    expectAsInferred(out, inferred);
    expect([out.spacing, inferred.spacing]).toEqual([[2, 2, 1], [2, 2, 1]]);
  });
});
