import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { prepareBackend } from './prepare-backend';

/**
 * End to end on the wasm backend with Jimu's kernels: whole-model gradients equal the cpu backend's,
 * and small 2D and 3D models learn toy tasks (a 3D U-Net segmentation must reach a Dice that proves it).
 */
beforeAll(async () => {
  const r = await prepareBackend('wasm');
  expect(r.backend).toBe('wasm');
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Volumes of noise with one bright box each; the target is the box. */
function boxes(n: number, size: number, seed: number): { x: tf.Tensor5D; y: tf.Tensor5D } {
  const r = rng(seed);
  const v = size ** 3;
  const x = new Float32Array(n * v);
  const y = new Float32Array(n * v);
  for (let i = 0; i < n; i++) {
    const lo = [0, 0, 0].map(() => 1 + Math.floor(r() * (size / 2 - 1)));
    const ext = [0, 0, 0].map(() => 3 + Math.floor(r() * (size / 2 - 2)));
    for (let d = 0; d < size; d++)
      for (let h = 0; h < size; h++)
        for (let w = 0; w < size; w++) {
          const inside = [d, h, w].every((c, k) => c >= lo[k]! && c < lo[k]! + ext[k]!);
          const at = i * v + (d * size + h) * size + w;
          y[at] = inside ? 1 : 0;
          x[at] = (inside ? 0.6 : 0) + 0.5 * (r() - 0.5);
        }
  }
  return { x: tf.tensor5d(x, [n, size, size, size, 1]), y: tf.tensor5d(y, [n, size, size, size, 1]) };
}

function unet3d(size: number): tf.LayersModel {
  const l = tf.layers;
  const input = tf.input({ shape: [size, size, size, 1] });
  const init = { kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) };
  const c1 = l.conv3d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', ...init }).apply(input) as tf.SymbolicTensor;
  const p1 = l.maxPooling3d({ poolSize: 2 }).apply(c1) as tf.SymbolicTensor;
  const c2 = l.conv3d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', ...init }).apply(p1) as tf.SymbolicTensor;
  const up = l.conv3dTranspose({ filters: 4, kernelSize: 2, strides: 2, padding: 'same', ...init }).apply(c2) as tf.SymbolicTensor;
  const cat = l.concatenate().apply([c1, up]) as tf.SymbolicTensor;
  const c3 = l.conv3d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', ...init }).apply(cat) as tf.SymbolicTensor;
  const out = l.conv3d({ filters: 1, kernelSize: 1, activation: 'sigmoid', ...init }).apply(c3) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

function softDiceLoss(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  const inter = tf.sum(tf.mul(y, p));
  return tf.sub(1, tf.div(tf.add(tf.mul(inter, 2), 1), tf.add(tf.add(tf.sum(y), tf.sum(p)), 1))) as tf.Scalar;
}

function hardDice(y: tf.Tensor, p: tf.Tensor): number {
  return tf.tidy(() => {
    const b = tf.cast(tf.greater(p, 0.5), 'float32');
    const inter = tf.sum(tf.mul(y, b)).dataSync()[0]!;
    return (2 * inter) / (tf.sum(y).dataSync()[0]! + tf.sum(b).dataSync()[0]! + 1e-9);
  });
}

async function gradsOn(backend: string, model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(() => softDiceLoss(y, model.predict(x) as tf.Tensor));
    return model.trainableWeights.map((w) => grads[w.originalName]!.dataSync() as Float32Array);
  });
}

describe('training on wasm with Jimu kernels', () => {
  it('gives the same whole-model gradients as the cpu backend (3D U-Net)', async () => {
    await tf.setBackend('wasm');
    const model = unet3d(8);
    const { x, y } = boxes(2, 8, 3);
    const cpu = await gradsOn('cpu', model, x, y);
    const wasm = await gradsOn('wasm', model, x, y);
    cpu.forEach((g, i) => {
      const scale = Math.max(...g.map(Math.abs), 1e-6);
      const diff = Math.max(...g.map((v, j) => Math.abs(v - wasm[i]![j]!)));
      expect(diff / scale).toBeLessThan(1e-4);
    });
    tf.dispose([x, y]);
    model.dispose();
  });

  it('a small 3D U-Net learns a toy segmentation (Dice > 0.8)', async () => {
    await tf.setBackend('wasm');
    const model = unet3d(16);
    const { x, y } = boxes(8, 16, 7);
    const opt = tf.train.adam(0.01);
    const before = hardDice(y, model.predict(x) as tf.Tensor);
    for (let step = 0; step < 60; step++) {
      const i = (step % 4) * 2;
      tf.tidy(() => {
        const xb = tf.slice(x, [i, 0, 0, 0, 0], [2, -1, -1, -1, -1]);
        const yb = tf.slice(y, [i, 0, 0, 0, 0], [2, -1, -1, -1, -1]);
        opt.minimize(() => softDiceLoss(yb, model.predict(xb) as tf.Tensor));
      });
    }
    const after = hardDice(y, model.predict(x) as tf.Tensor);
    expect(after).toBeGreaterThan(0.8);
    expect(after).toBeGreaterThan(before + 0.2);
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  });

  it('a small 2D CNN learns a toy classification (accuracy > 0.9)', async () => {
    await tf.setBackend('wasm');
    const r = rng(11);
    const n = 64;
    const s = 16;
    const xs = new Float32Array(n * s * s * 3);
    const ys = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const cls = i % 2;
      ys[i * 2 + cls] = 1;
      const cx = cls === 0 ? 4 : 11;
      for (let h = 0; h < s; h++)
        for (let w = 0; w < s; w++)
          for (let c = 0; c < 3; c++) xs[((i * s + h) * s + w) * 3 + c] = (Math.abs(w - cx) < 3 && Math.abs(h - 8) < 3 ? 0.7 : 0) + 0.4 * (r() - 0.5);
    }
    const x = tf.tensor4d(xs, [n, s, s, 3]);
    const y = tf.tensor2d(ys, [n, 2]);
    const init = { kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) };
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [s, s, 3], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', ...init }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...init }),
        tf.layers.batchNormalization(),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 2, activation: 'softmax', ...init }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 15, batchSize: 16, shuffle: false, verbose: 0 });
    const acc = h.history.acc ?? h.history.accuracy;
    expect(acc![acc!.length - 1]).toBeGreaterThan(0.9);
    tf.dispose([x, y]);
    model.dispose();
  });
});
