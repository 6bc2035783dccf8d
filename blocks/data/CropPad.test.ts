import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../../src/core';
import CropPad from './CropPad';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

const seg = datasetValue({ image: [10, 20, 30, 2], label: [10, 20, 30, 1], task: 'segmentation', labelNames: ['background', 'tumour'], count: 1, spacing: [1, 1, 2] });
// One 1 × 1 × 6 volume (x runs 0…5) with values 10…15 and a lesion at x = 5; glioma-like one-hot labels when asked.
const row = (oneHot = false): ExampleSet => {
  const lesion = [0, 0, 0, 0, 0, 1];
  return {
    x: Float32Array.of(10, 11, 12, 13, 14, 15), y: oneHot ? Float32Array.from(lesion.flatMap((v) => [1 - v, v])) : Float32Array.from(lesion), n: 1,
    imageShape: [1, 1, 6, 1], labelShape: [1, 1, 6, oneHot ? 2 : 1], ids: ['a'], groups: ['p'], labelNames: ['background', 'lesion'], task: 'segmentation', spacing: [2, 2, 2],
  };
};
const rowValue = (oneHot = false) => datasetValue({ image: [1, 1, 6, 1], label: [1, 1, 6, oneHot ? 2 : 1], task: 'segmentation', labelNames: ['background', 'lesion'], count: 1, spacing: [2, 2, 2] });

describe('CropPad', () => {
  it.each([
    [{ size: [16, 8, 12] }, seg, [12, 8, 16, 2], [12, 8, 16, 1]],
    [{ size: [40, 30, 20], crop: 'foreground' }, seg, [20, 30, 40, 2], [20, 30, 40, 1]],
    [{ size: [4, 4, 4] }, datasetValue({ image: [8, 8, 8, 1], label: [1], task: 'regression', labelNames: ['age'] }), [4, 4, 4, 1], [1]],
  ])('infers %j', (params, data, image, label) => {
    const out = inferOk(CropPad, params, { data }).outputs.data!;
    expect({ image: out.image, label: out.label, spacing: out.spacing }).toEqual({ image, label, spacing: data.spacing });
  });

  it.each([
    ['2D images', {}, datasetValue({ image: [32, 32, 1] }), 'J306'],
    ['cropping around a mask the data does not have', { crop: 'foreground' }, datasetValue({ image: [8, 8, 8, 1] }), 'J304'],
    ['a size of 0', { size: [0, 4, 4] }, seg, 'J102'],
  ])('refuses %s', (_name, params, data, code) => expect(inferCodes(CropPad, params, { data })).toEqual([code]));

  it.each([
    ['crops around the centre', { size: [2, 1, 1] }, false, [12, 13], [0, 0]],
    ['crops around the mask', { size: [2, 1, 1], crop: 'foreground' }, false, [14, 15], [0, 1]],
    ['pads images with their minimum and masks with background', { size: [8, 1, 1] }, false, [10, 10, 11, 12, 13, 14, 15, 10], [0, 0, 0, 0, 0, 0, 1, 0]],
    ['pads images with the value given', { size: [8, 1, 1], pad: -1 }, false, [-1, 10, 11, 12, 13, 14, 15, -1], [0, 0, 0, 0, 0, 0, 1, 0]],
    ['pads one-hot masks with the background class', { size: [7, 1, 1], crop: 'foreground' }, true, [10, 11, 12, 13, 14, 15, 10], [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0]],
  ])('%s, the mask at the same place', async (_name, params, oneHot, x, y) => {
    const out = await runBlock(CropPad, params, row(oneHot));
    expectAsInferred(out, inferOk(CropPad, params, { data: rowValue(oneHot) }).outputs.data!);
    expect([Array.from(out.x), Array.from(out.y), out.spacing]).toEqual([x, y, [2, 2, 2]]);
  });
});
