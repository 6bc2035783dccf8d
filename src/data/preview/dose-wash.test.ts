import { describe, expect, it } from 'vitest';
import { doseColour, doseWashPixels } from './dose-wash';

describe('doseColour', () => {
  it('runs from blue at 0 through green at one half to red at the prescription, and clamps beyond', () => {
    expect(doseColour(0)).toEqual([40, 60, 230]);
    expect(doseColour(0.5)).toEqual([40, 200, 70]);
    expect(doseColour(1)).toEqual([230, 40, 40]);
    expect(doseColour(1.3)).toEqual([230, 40, 40]);
    expect(doseColour(-1)).toEqual([40, 60, 230]);
    // halfway between the green and yellow stops
    expect(doseColour(0.625)).toEqual([145, 205, 45]);
  });
});

describe('doseWashPixels', () => {
  // 2 slices of 1 × 3 voxels, 2 channels; channel 1 of slice 1 is 0, 5, 10.
  const image = [0, 9, 0, 9, 0, 9, 1, 0, 1, 5, 1, 10];
  const shape = [2, 1, 3, 2];
  it('draws the chosen channel of the chosen slice in grey, stretched to the slice, where there is no dose', () => {
    const px = doseWashPixels(image, shape, 1, [0, 0, 0, 0, 0, 0], 1, 1);
    expect(Array.from(px)).toEqual([0, 0, 0, 255, 127.5, 127.5, 127.5, 255, 255, 255, 255, 255].map(Math.round));
  });
  it('washes colour over voxels at or above the floor, in proportion to the prescription', () => {
    // slice 1 doses: 0.01 (under 5 %: grey), 0.5 (green), 1.0 (red)
    const px = doseWashPixels(image, shape, 1, [0, 0, 0, 0.01, 0.5, 1], 1, 1);
    expect(Array.from(px.subarray(0, 4))).toEqual([0, 0, 0, 255]);
    const mix = (g: number, c: number) => Math.round(0.45 * g + 0.55 * c);
    expect(Array.from(px.subarray(4, 8))).toEqual([mix(127.5, 40), mix(127.5, 200), mix(127.5, 70), 255]);
    expect(Array.from(px.subarray(8, 12))).toEqual([mix(255, 230), mix(255, 40), mix(255, 40), 255]);
  });
  it('keeps the slice index inside the volume', () => {
    expect(doseWashPixels(image, shape, 1, new Array(6).fill(0), 9, 1)).toEqual(doseWashPixels(image, shape, 1, new Array(6).fill(0), 1, 1));
  });
});
