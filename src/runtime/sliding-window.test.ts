import { describe, expect, it } from 'vitest';
import { CodedError, planWindows, type BlendMode } from '../core';
import { needsSlidingWindow, predictSet, slidingWindowPredict, windowBatchSize } from './sliding-window';
import { tf } from './tf';

/** One 'same' convolution, input [window, channels]: translation-equivariant, with zero padding at its border. */
function convModel(window: number[], channels: number, filters: number, kernel: number, seed = 7): tf.LayersModel {
  const conv = window.length === 3 ? tf.layers.conv3d : tf.layers.conv2d;
  return tf.sequential({
    layers: [conv({ inputShape: [...window, channels], filters, kernelSize: kernel, padding: 'same', useBias: true, biasInitializer: 'randomNormal', kernelInitializer: tf.initializers.glorotUniform({ seed }) })],
  });
}

/** The same layer with the whole volume as its input and the same weights. */
function wholeModel(small: tf.LayersModel, volume: number[], channels: number): tf.LayersModel {
  const l = small.layers[0]!.getConfig() as { filters: number; kernelSize: number[] };
  const conv = volume.length === 3 ? tf.layers.conv3d : tf.layers.conv2d;
  const whole = tf.sequential({ layers: [conv({ inputShape: [...volume, channels], filters: l.filters, kernelSize: l.kernelSize, padding: 'same' })] });
  whole.setWeights(small.getWeights());
  return whole;
}

function randomVolume(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 30 - 1;
  });
}

/**
 * Voxels that every window covering them sees with its whole kernel neighbourhood, or whose neighbourhood
 * is cut by the volume's own border (which the whole-volume model pads the same way): there a
 * translation-equivariant model gives the same value by windows as on the whole volume.
 */
function interior(volume: number[], window: number[], overlap: number, radius: number): boolean[] {
  const plan = planWindows(volume, window, overlap);
  const total = volume.reduce((a, b) => a * b, 1);
  const ok = new Array<boolean>(total).fill(true);
  for (let v = 0; v < total; v++) {
    let rem = v;
    const pos = volume.map((_, a) => {
      const stride = volume.slice(a + 1).reduce((x, y) => x * y, 1);
      const p = Math.floor(rem / stride);
      rem -= p * stride;
      return p + plan.padBefore[a]!;
    });
    for (const s of plan.starts) {
      const covers = pos.every((p, a) => p >= s[a]! && p < s[a]! + window[a]!);
      if (!covers) continue;
      const fine = pos.every((p, a) => {
        const lo = s[a]! - plan.padBefore[a]!;
        const hi = lo + window[a]!;
        const q = p - plan.padBefore[a]!;
        return (q - lo >= radius || lo <= 0) && (hi - 1 - q >= radius || hi >= volume[a]!);
      });
      if (!fine) ok[v] = false;
    }
  }
  return ok;
}

describe('sliding-window inference with a model', () => {
  const table: { name: string; volume: number[]; window: number[]; overlap: number; mode: BlendMode; kernel: number }[] = [
    { name: '3D, 1×1×1 kernel, Gaussian', volume: [13, 11, 9], window: [6, 6, 4], overlap: 0.5, mode: 'gaussian', kernel: 1 },
    { name: '3D, 3×3×3 kernel, constant, not divisible', volume: [14, 12, 10], window: [8, 8, 6], overlap: 0.5, mode: 'constant', kernel: 3 },
    { name: '3D, 3×3×3 kernel, Gaussian', volume: [14, 12, 10], window: [8, 8, 6], overlap: 0.5, mode: 'gaussian', kernel: 3 },
    { name: '3D, smaller than the window on two axes (padded)', volume: [5, 12, 4], window: [8, 8, 6], overlap: 0.25, mode: 'gaussian', kernel: 3 },
    { name: '2D, 3×3 kernel', volume: [30, 21], window: [12, 12], overlap: 0.5, mode: 'gaussian', kernel: 3 },
  ];
  for (const c of table) {
    it(`equals whole-volume inference where the windows see the whole kernel: ${c.name}`, async () => {
      const channels = 2;
      const small = convModel(c.window, channels, 3, c.kernel);
      const whole = wholeModel(small, c.volume, channels);
      const n = c.volume.reduce((a, b) => a * b, 1);
      const x = randomVolume(n * channels, 11);
      const before = tf.memory().numTensors;
      const got = await slidingWindowPredict(small, { x, shape: [...c.volume, channels] }, { overlap: c.overlap, mode: c.mode, batchSize: 3 });
      expect(tf.memory().numTensors).toBe(before);
      const want = tf.tidy(() => (whole.predict(tf.tensor(x, [1, ...c.volume, channels])) as tf.Tensor).dataSync());
      const mask = interior(c.volume, c.window, c.overlap, (c.kernel - 1) / 2);
      const compared = mask.filter(Boolean).length;
      // Enough voxels to mean something: all of them for 1×1×1 kernels and padded volumes.
      expect(compared).toBeGreaterThan(n / 4);
      let worst = 0;
      for (let v = 0; v < n; v++) {
        if (!mask[v]) continue;
        for (let f = 0; f < 3; f++) worst = Math.max(worst, Math.abs(got.values[v * 3 + f]! - want[v * 3 + f]!));
      }
      expect(worst).toBeLessThan(1e-5);
      small.dispose();
      whole.dispose();
    });
  }

  it('gives the same result whatever the window batch size, and lowers the batch to fit the memory bound', async () => {
    const model = convModel([8, 8, 8], 1, 2, 3);
    const x = randomVolume(20 * 18 * 16, 5);
    const a = await slidingWindowPredict(model, { x, shape: [20, 18, 16, 1] }, { batchSize: 1 });
    const b = await slidingWindowPredict(model, { x, shape: [20, 18, 16, 1] }, { batchSize: 8 });
    expect(a.windows).toBe(b.windows);
    expect(b.batchSize).toBe(8);
    for (let i = 0; i < a.values.length; i++) expect(Math.abs(a.values[i]! - b.values[i]!)).toBeLessThan(1e-6);
    // One window costs 8³ × (1 + 2) × 4 bytes = 6 KiB: a 13 KiB bound fits 2 of them.
    expect(windowBatchSize(model, { batchSize: 8, memoryBytes: 13 * 1024 })).toBe(2);
    expect(windowBatchSize(model, { batchSize: 8, memoryBytes: 1 })).toBe(1);
    model.dispose();
  });

  it('predicts every example of a set, by windows only where the examples are not the model input size', async () => {
    const model = convModel([6, 6, 6], 1, 1, 1);
    const same = { x: randomVolume(2 * 216, 3), n: 2, imageShape: [6, 6, 6, 1], y: new Float32Array(0), labelShape: [] };
    expect(needsSlidingWindow(model, same.imageShape)).toBe(false);
    const larger = { x: randomVolume(2 * 10 * 9 * 7, 3), n: 2, imageShape: [10, 9, 7, 1], y: new Float32Array(0), labelShape: [] };
    const out = await predictSet(model, larger, 2);
    expect(out.shape).toEqual([2, 10, 9, 7, 1]);
    const second = await slidingWindowPredict(model, { x: larger.x.subarray(630), shape: [10, 9, 7, 1] });
    expect(Array.from(out.values.subarray(630))).toEqual(Array.from(second.values));
    model.dispose();
  });

  it('refuses, with a coded error, a model that cannot slide (its output is not one value per voxel)', () => {
    const model = tf.sequential({ layers: [tf.layers.conv3d({ inputShape: [6, 6, 6, 1], filters: 1, kernelSize: 3 }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] });
    let error: unknown;
    try {
      needsSlidingWindow(model, [12, 12, 12, 1]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).diagnostic.code).toBe('J620');
    model.dispose();
  });
});
