import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../../src/core';
import CtWindow from './CtWindow';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

const hu = [-1000, -600, 0, 40, 50, 400, 2000];
const set: ExampleSet = { x: Float32Array.from(hu), y: new Float32Array(1), n: 1, imageShape: [1, 1, 7, 1], labelShape: [1], ids: ['a'], groups: ['a'], labelNames: ['age'], task: 'regression' };

describe('CtWindow', () => {
  it.each([
    ['brain', [0, 0, 0, 0.5, 0.625, 1, 1]],
    ['lung', [0.2333333, 0.5, 0.9, 0.9266667, 0.9333333, 1, 1]],
    ['abdomen', [0, 0, 0.375, 0.475, 0.5, 1, 1]],
    ['bone', [0, 0, 0.2777778, 0.3, 0.3055556, 0.5, 1]],
    ['softTissue', [0, 0, 0.3571429, 0.4714286, 0.5, 1, 1]],
  ])('the %s preset', async (preset, want) => {
    const out = await runBlock(CtWindow, { preset }, set);
    Array.from(out.x).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
  });
  it('takes a custom level and width, and keeps the shapes', async () => {
    const out = await runBlock(CtWindow, { preset: 'custom', level: 0, width: 2000 }, set);
    [0, 0.2, 0.5, 0.52, 0.525, 0.7, 1].forEach((v, i) => expect(out.x[i]).toBeCloseTo(v, 6));
    expectAsInferred(out, inferOk(CtWindow, {}, { data: datasetValue({ image: [1, 1, 7, 1], label: [1], task: 'regression', labelNames: ['age'], count: 1 }) }).outputs.data!);
  });
  it('refuses a channel the images do not have', () => expect(inferCodes(CtWindow, { channel: 1 }, { data: datasetValue({ image: [4, 4, 4, 1] }) })).toEqual(['J304']));
});
