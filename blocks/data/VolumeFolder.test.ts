import { describe, expect, it } from 'vitest';
import { writeNifti } from '../../src/data/nifti/write-nifti';
import { memoryIO } from '../../src/data/testing/fixtures';
import VolumeFolder from './VolumeFolder';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

const cube = (n: number, f: (o: number) => number) => writeNifti(Array.from({ length: n ** 3 }, (_, o) => f(o)), [n, n, n]);

describe('VolumeFolder', () => {
  it.each([
    [{}, { image: [96, 96, 96, 1], label: [96, 96, 96, 1], task: 'segmentation' }],
    [{ modalities: ['t1', 't1ce', 't2', 'flair'], size: [64, 48, 32] }, { image: [32, 48, 64, 4], label: [32, 48, 64, 1], task: 'segmentation' }],
    [{ labelKind: 'number' }, { image: [96, 96, 96, 1], label: [1], task: 'regression' }],
    [{ labelKind: 'class', classes: ['young', 'old'] }, { image: [96, 96, 96, 1], label: [2], task: 'multiclass', labelNames: ['young', 'old'] }],
  ])('declares its shapes before reading: %j', (params, want) => expect(inferOk(VolumeFolder, params).outputs.data).toMatchObject(want));

  it.each([
    [{ labelKind: 'class', classes: ['one'] }, 'J304'],
    [{ labelKind: 'auto' }, 'J304'],
    [{ size: [0, 1, 1] }, 'J102'],
    [{ modalities: [] }, 'J102'],
  ])('refuses %j', (params, code) => expect(inferCodes(VolumeFolder, params)).toContain(code));

  it('reads what it promised', async () => {
    const io = memoryIO({
      'ds/manifest.json': JSON.stringify({ modalities: ['ct'], items: ['a', 'b', 'c'].map((id, i) => ({ id, patient: `P${i}`, images: { ct: `${id}.nii` }, label: `${id}_seg.nii` })) }),
      ...Object.fromEntries(['a', 'b', 'c'].flatMap((id, i) => [[`ds/${id}.nii`, cube(6 + i, (o) => o)], [`ds/${id}_seg.nii`, cube(6 + i, (o) => (o === 40 ? 1 : 0))]])),
    });
    const params = { folder: 'ds', modalities: ['ct'], size: [5, 5, 5], spacing: [1.2, 1.2, 1.2], crop: 'foreground' };
    const set = await runBlock(VolumeFolder, params, undefined, 'data', io);
    expectAsInferred(set, inferOk(VolumeFolder, params).outputs.data!);
    expect(set.groups).toEqual(['P0', 'P1', 'P2']);
    expect([set.spacing, inferOk(VolumeFolder, params).outputs.data!.spacing]).toEqual([[1.2, 1.2, 1.2], [1.2, 1.2, 1.2]]);
  });
});
