import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importanceMap, planWindows, slideOverVolume, type BlendMode } from './sliding-window';

const PYTHON = '/usr/bin/python3';
const ORACLE = new URL('./testing/sliding_window_reference.py', import.meta.url).pathname;
const hasTorch = existsSync(PYTHON) && (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Case {
  name: string;
  volume: number[];
  window: number[];
  overlap: number;
  mode: BlendMode;
  sigma_scale: number;
  in_channels: number;
  out_channels: number;
}

// Shapes that divide, that do not, volumes smaller than the window on some axes, 2D and 3D, both blend modes.
const CASES: Case[] = [
  { name: '3D divisible, gaussian 0.5', volume: [16, 16, 16], window: [8, 8, 8], overlap: 0.5, mode: 'gaussian', sigma_scale: 0.125, in_channels: 2, out_channels: 3 },
  { name: '3D not divisible, gaussian 0.25', volume: [13, 17, 11], window: [8, 6, 5], overlap: 0.25, mode: 'gaussian', sigma_scale: 0.125, in_channels: 1, out_channels: 2 },
  { name: '3D not divisible, constant 0.5', volume: [13, 17, 11], window: [8, 6, 5], overlap: 0.5, mode: 'constant', sigma_scale: 0.125, in_channels: 3, out_channels: 1 },
  { name: '3D smaller than the window on two axes', volume: [5, 12, 3], window: [8, 6, 6], overlap: 0.5, mode: 'gaussian', sigma_scale: 0.125, in_channels: 1, out_channels: 2 },
  { name: '3D smaller than the window everywhere', volume: [3, 4, 5], window: [6, 7, 8], overlap: 0.25, mode: 'gaussian', sigma_scale: 0.125, in_channels: 2, out_channels: 2 },
  { name: '3D equal on one axis, no overlap', volume: [8, 20, 9], window: [8, 8, 4], overlap: 0, mode: 'constant', sigma_scale: 0.125, in_channels: 1, out_channels: 1 },
  { name: '3D high overlap, wide sigma', volume: [10, 9, 12], window: [4, 4, 4], overlap: 0.8, mode: 'gaussian', sigma_scale: 0.3, in_channels: 1, out_channels: 1 },
  { name: '2D not divisible, gaussian', volume: [37, 29], window: [16, 12], overlap: 0.5, mode: 'gaussian', sigma_scale: 0.125, in_channels: 3, out_channels: 2 },
  { name: '2D odd window, constant', volume: [21, 10], window: [7, 11], overlap: 0.3, mode: 'constant', sigma_scale: 0.125, in_channels: 1, out_channels: 1 },
];

/** Jimu's side of the oracle's predictor: out[c] = x[c mod Cin] × (1 + 0.01 × position in window) + 0.1 c. */
function predictorFor(c: Case) {
  const per = c.window.reduce((a, b) => a * b, 1);
  return (batch: Float32Array, count: number) => {
    const out = new Float32Array(count * per * c.out_channels);
    for (let w = 0; w < count; w++) {
      for (let v = 0; v < per; v++) {
        for (let o = 0; o < c.out_channels; o++) {
          out[(w * per + v) * c.out_channels + o] = Math.fround(Math.fround(batch[(w * per + v) * c.in_channels + (o % c.in_channels)]! * Math.fround(1 + 0.01 * v)) + Math.fround(0.1 * o));
        }
      }
    }
    return out;
  };
}

function inputFor(c: Case): Float32Array {
  const n = c.volume.reduce((a, b) => a * b, 1) * c.in_channels;
  return Float32Array.from({ length: n }, (_, i) => Math.sin(0.37 * i));
}

describe('sliding-window planning and blending', () => {
  it.skipIf(!hasTorch)('places the windows and blends them as MONAI does (torch oracle), to 1e-5', async () => {
    const expected = JSON.parse(execFileSync(PYTHON, [ORACLE], { input: JSON.stringify(CASES), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { starts: number[][]; interval: number[]; values: number[] }[];
    for (const [i, c] of CASES.entries()) {
      const plan = planWindows(c.volume, c.window, c.overlap);
      expect([c.name, plan.interval]).toEqual([c.name, expected[i]!.interval]);
      expect([c.name, plan.starts]).toEqual([c.name, expected[i]!.starts]);
      // Batches of 3 windows: the batch size must not change the result.
      const got = await slideOverVolume({ x: inputFor(c), shape: [...c.volume, c.in_channels] }, c.window, c.out_channels, predictorFor(c), { overlap: c.overlap, mode: c.mode, sigmaScale: c.sigma_scale, batchSize: 3 });
      expect(got.shape).toEqual([...c.volume, c.out_channels]);
      const want = expected[i]!.values;
      expect(got.values.length).toBe(want.length);
      let worst = 0;
      for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got.values[k]! - want[k]!) / Math.max(1, Math.abs(want[k]!)));
      expect([c.name, worst < 1e-5]).toEqual([c.name, true]);
    }
  });

  it('covers every voxel, keeps windows inside the padded grid and pads half before', () => {
    const table: [number[], number[], number][] = [
      [[160, 192, 144], [128, 128, 128], 0.5],
      [[5, 40], [8, 16], 0.25],
      [[1, 1, 1], [4, 4, 4], 0.5],
    ];
    for (const [volume, window, overlap] of table) {
      const plan = planWindows(volume, window, overlap);
      expect(plan.padBefore).toEqual(volume.map((v, i) => Math.floor(Math.max(0, window[i]! - v) / 2)));
      for (const [a, size] of plan.padded.entries()) {
        const axisStarts = [...new Set(plan.starts.map((s) => s[a]!))];
        expect(axisStarts[0]).toBe(0);
        expect(axisStarts.at(-1)! + window[a]!).toBe(size);
        for (let k = 1; k < axisStarts.length; k++) expect(axisStarts[k]! - axisStarts[k - 1]!).toBeLessThanOrEqual(window[a]!);
      }
    }
  });

  it('weighs the centre of a window most, symmetrically, never below 1e-3', () => {
    const map = importanceMap([9, 6], 'gaussian', 0.125);
    expect(map[4 * 6 + 2]).toBeCloseTo(map[4 * 6 + 3]!, 6);
    expect(map[4 * 6 + 2]!).toBeGreaterThan(map[0]!);
    expect(Math.min(...map)).toBeGreaterThanOrEqual(1e-3);
    expect([...importanceMap([3, 3], 'constant')]).toEqual(new Array(9).fill(1));
  });

  it('refuses windows and overlaps that make no sense', () => {
    expect(() => planWindows([8, 8], [4, 4, 4])).toThrow(/3-axis window/);
    expect(() => planWindows([8, 8], [4, 4], 1)).toThrow(/overlap/);
    expect(() => planWindows([8, 0], [4, 4])).toThrow(/positive whole/);
  });
});
