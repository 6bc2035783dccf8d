import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossFunction } from '../runtime/losses';
import { makeOptimizer } from '../runtime/optimizers';
import { tf } from '../runtime/tf';
import { python, PYTHON_SRC, torchMissing } from './testing/python';

function values(n: number, seed: number, lo = 0, hi = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((hi - lo) * s) / 2 ** 32;
  });
}

/** A softmax over the last axis (so predictions look like a segmentation head's). */
function softmaxLast(v: number[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i += k) {
    const e = v.slice(i, i + k).map((x) => Math.exp(3 * x));
    const s = e.reduce((a, b) => a + b, 0);
    out.push(...e.map((x) => x / s));
  }
  return out;
}

/** A one-hot label map with `k` classes. */
function oneHot(n: number, k: number, seed: number): number[] {
  return values(n, seed).flatMap((u) => Array.from({ length: k }, (_, c) => (Math.floor(u * k) === c ? 1 : 0)));
}

const seg = [2, 4, 3, 2]; // batch 2, a 4×3×2 grid
const voxels = 2 * 4 * 3 * 2;
const LOSSES: { name: string; spec: { type: string; params: Record<string, unknown> }; y: number[]; p: number[]; shape: number[] }[] = [
  { name: 'binary cross-entropy', spec: { type: 'binary_crossentropy', params: {} }, y: values(12, 1).map((u) => (u > 0.5 ? 1 : 0)), p: values(12, 2, 0, 1), shape: [4, 3] },
  { name: 'categorical cross-entropy (renormalised)', spec: { type: 'categorical_crossentropy', params: {} }, y: oneHot(4, 3, 3), p: values(12, 4, 0.05, 1), shape: [4, 3] },
  { name: 'mean squared error', spec: { type: 'mean_squared_error', params: {} }, y: values(8, 5, -2, 2), p: values(8, 6, -2, 2), shape: [8, 1] },
  { name: 'mean absolute error', spec: { type: 'mean_absolute_error', params: {} }, y: values(8, 7, -2, 2), p: values(8, 8, -2, 2), shape: [8, 1] },
  { name: 'Huber', spec: { type: 'huber', params: { delta: 0.7 } }, y: values(8, 9, -2, 2), p: values(8, 10, -2, 2), shape: [8, 1] },
  { name: 'soft Dice without background (smooth 1)', spec: { type: 'soft_dice', params: { smooth: 1 } }, y: oneHot(voxels, 3, 11), p: softmaxLast(values(voxels * 3, 12), 3), shape: [...seg, 3] },
  { name: 'soft Dice with background (smooth 0.5)', spec: { type: 'soft_dice', params: { smooth: 0.5, includeBackground: true } }, y: oneHot(voxels, 3, 13), p: softmaxLast(values(voxels * 3, 14), 3), shape: [...seg, 3] },
  { name: 'soft Dice, one channel', spec: { type: 'soft_dice', params: { smooth: 1 } }, y: values(voxels, 15).map((u) => (u > 0.7 ? 1 : 0)), p: values(voxels, 16), shape: [...seg, 1] },
  { name: 'Dice + cross-entropy, several channels', spec: { type: 'dice_cross_entropy', params: { diceWeight: 1, crossEntropyWeight: 0.5, smooth: 1 } }, y: oneHot(voxels, 4, 17), p: softmaxLast(values(voxels * 4, 18), 4), shape: [...seg, 4] },
  { name: 'Dice + cross-entropy, one channel', spec: { type: 'dice_cross_entropy', params: { diceWeight: 1, crossEntropyWeight: 1, smooth: 1 } }, y: values(voxels, 19).map((u) => (u > 0.6 ? 1 : 0)), p: values(voxels, 20), shape: [...seg, 1] },
  { name: 'focal', spec: { type: 'focal', params: { gamma: 2, alpha: 0.25 } }, y: values(12, 21).map((u) => (u > 0.5 ? 1 : 0)), p: values(12, 22), shape: [4, 3] },
];

const OPTIMIZERS: { name: string; spec: { type: string; params: Record<string, unknown>; block: string } }[] = [
  { name: 'Adam (tfjs epsilon 1e-7)', spec: { type: 'adam', params: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, block: 'o' } },
  { name: 'SGD', spec: { type: 'sgd', params: { learningRate: 0.1, momentum: 0 }, block: 'o' } },
  { name: 'SGD with momentum', spec: { type: 'sgd', params: { learningRate: 0.1, momentum: 0.9 }, block: 'o' } },
  { name: 'SGD with Nesterov momentum', spec: { type: 'sgd', params: { learningRate: 0.1, momentum: 0.9, nesterov: true }, block: 'o' } },
  { name: 'RMSprop (epsilon inside the root)', spec: { type: 'rmsprop', params: { learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7 }, block: 'o' } },
];

const w0 = values(6, 30, -1, 1);
// Gradients of very different sizes, down to where epsilon matters.
const grads = [values(6, 31, -1, 1), values(6, 32, -1e-4, 1e-4), values(6, 33, -1e-6, 1e-6)];

function relative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let err = 0;
  let scale = 1e-12;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return err / scale;
}

let py: { losses: { value: number; grad: number[] }[]; optimizers: number[][][] };

describe.skipIf(torchMissing())('tfjs ↔ PyTorch parity of losses and optimizers', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const dir = mkdtempSync(join(tmpdir(), 'jimu-loss-parity-'));
    writeFileSync(
      join(dir, 'req.json'),
      JSON.stringify({
        python: PYTHON_SRC,
        losses: LOSSES.map((c) => ({ spec: c.spec, y: [c.y, c.shape], p: [c.p, c.shape] })),
        optimizers: OPTIMIZERS.map((o) => ({ spec: o.spec, w: w0, grads })),
      }),
    );
    python([join(import.meta.dirname, 'testing', 'losses.py'), join(dir, 'req.json'), join(dir, 'res.json')]);
    py = JSON.parse(readFileSync(join(dir, 'res.json'), 'utf8')) as typeof py;
  });

  it.each(LOSSES.map((c, i) => ({ ...c, i })))('$name: same value (1e-5) and gradient (1e-4)', ({ spec, y, p, shape, i }) => {
    const fn = lossFunction({ ...spec });
    const yt = tf.tensor(y, shape);
    const pt = tf.tensor(p, shape);
    const value = fn(yt, pt).dataSync()[0]!;
    const grad = tf.grad((q: tf.Tensor) => fn(yt, q))(pt).dataSync();
    expect(Math.abs(py.losses[i]!.value - value) / Math.abs(value)).toBeLessThan(1e-5);
    expect(relative(py.losses[i]!.grad, grad)).toBeLessThan(1e-4);
    tf.dispose([yt, pt]);
  });

  it.each(OPTIMIZERS.map((o, i) => ({ ...o, i })))('$name: same weights after each of 3 steps (1e-6)', ({ spec, i }) => {
    const w = tf.variable(tf.tensor(w0), true, `w${i}`);
    const opt = makeOptimizer(spec);
    grads.forEach((g, k) => {
      opt.applyGradients({ [w.name]: tf.tensor(g) });
      expect(relative(py.optimizers[i]![k]!, w.dataSync())).toBeLessThan(1e-6);
    });
    w.dispose();
  });
});
