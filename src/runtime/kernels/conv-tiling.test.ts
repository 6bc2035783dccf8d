import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../tf';
import { setConvTileFloats } from './conv-xnn';
import { registerJimuWasmKernels } from './register';
import { setSimdEnabled } from './simd';

/**
 * The 3D convolution (and its stride-1 input gradient, which runs the same routine) tiles its tap
 * buffer over runs of output slices when it would exceed a bound. Forced to tile on small shapes, it
 * gives the untiled result: the same XNNPACK products summed in the same order, so equal to the bit.
 */
beforeAll(async () => {
  await tf.setBackend('wasm');
  registerJimuWasmKernels();
  await tf.setBackend('wasm');
});
afterEach(() => {
  setConvTileFloats();
  setSimdEnabled(true);
});

const CASES: { name: string; x: [number, number, number, number, number]; f: [number, number, number, number, number]; strides: number; pad: 'same' | 'valid'; dilations: number }[] = [
  { name: '3×3×3 same, stride 1', x: [2, 7, 6, 5, 3], f: [3, 3, 3, 3, 4], strides: 1, pad: 'same', dilations: 1 },
  { name: '3×3×3 valid, stride 1', x: [1, 9, 5, 6, 2], f: [3, 3, 3, 2, 5], strides: 1, pad: 'valid', dilations: 1 },
  { name: '3×3×3 same, stride 2 (odd depth)', x: [2, 9, 6, 6, 3], f: [3, 3, 3, 3, 4], strides: 2, pad: 'same', dilations: 1 },
  { name: '2×2×2 valid, stride 2', x: [1, 8, 6, 4, 2], f: [2, 2, 2, 2, 3], strides: 2, pad: 'valid', dilations: 1 },
  { name: '3×3×3 same, dilation 2', x: [1, 11, 7, 7, 2], f: [3, 3, 3, 2, 3], strides: 1, pad: 'same', dilations: 2 },
  { name: '5×3×3 same, stride 1', x: [1, 10, 5, 5, 2], f: [5, 3, 3, 2, 4], strides: 1, pad: 'same', dilations: 1 },
];

function run(c: (typeof CASES)[number]): { y: Float32Array; dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor5D;
    const w = tf.randomNormal(c.f, 0, 1, 'float32', 2) as tf.Tensor5D;
    const f = (a: tf.Tensor5D, b: tf.Tensor5D) => tf.conv3d(a, b, c.strides, c.pad, 'NDHWC', c.dilations);
    const y = f(x, w);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor5D, b as tf.Tensor5D), dy)))([x, w]);
    return { y: y.dataSync() as Float32Array, dx: dx!.dataSync() as Float32Array, dw: dw!.dataSync() as Float32Array };
  });
}

describe('tiled 3D convolution equals the untiled one', () => {
  for (const simd of [true, false]) {
    it.each(CASES.map((c) => [c.name, c] as const))(`%s (${simd ? 'SIMD' : 'JavaScript'} tap sum)`, (_, c) => {
      setSimdEnabled(simd);
      const whole = run(c);
      // Tap buffers of at most one input slice's worth (forcing one output slice per tile) and of a few.
      const slice = c.x[2] * c.x[3] * Math.max(c.f[3], c.f[4]) * c.f[0];
      for (const floats of [1, slice * 3]) {
        setConvTileFloats(floats);
        const tiled = run(c);
        expect(Array.from(tiled.y)).toEqual(Array.from(whole.y));
        expect(Array.from(tiled.dx)).toEqual(Array.from(whole.dx));
        expect(Array.from(tiled.dw)).toEqual(Array.from(whole.dw));
      }
      expect(whole.y.some((v) => v !== 0)).toBe(true);
    });
  }
});
