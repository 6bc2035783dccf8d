import { tf } from '../src/runtime/tf';

/** The benchmark models, the same as bench/torch_cnn.py and bench/kernels_torch_unet3d.py. */
export function cnn2d(): tf.LayersModel {
  const l = tf.layers;
  return tf.sequential({
    layers: [
      l.conv2d({ inputShape: [64, 64, 3], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
      l.maxPooling2d({ poolSize: 2 }),
      l.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
      l.maxPooling2d({ poolSize: 2 }),
      l.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
      l.globalAveragePooling2d({}),
      l.dense({ units: 2 }),
    ],
  });
}

export function unet3d(): tf.LayersModel {
  const l = tf.layers;
  const conv = (f: number) => (x: tf.SymbolicTensor) => l.conv3d({ filters: f, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  const block = (f: number, x: tf.SymbolicTensor) => conv(f)(conv(f)(x));
  const pool = (x: tf.SymbolicTensor) => l.maxPooling3d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  const up = (f: number, x: tf.SymbolicTensor) => l.conv3dTranspose({ filters: f, kernelSize: 2, strides: 2, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  const cat = (a: tf.SymbolicTensor, b: tf.SymbolicTensor) => l.concatenate().apply([a, b]) as tf.SymbolicTensor;
  const input = tf.input({ shape: [32, 32, 32, 1] });
  const e1 = block(8, input);
  const e2 = block(16, pool(e1));
  const b = block(32, pool(e2));
  const d2 = block(16, cat(e2, up(16, b)));
  const d1 = block(8, cat(e1, up(8, d2)));
  const out = l.conv3d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }).apply(d1) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

export interface BenchModel {
  name: string;
  build: () => tf.LayersModel;
  batch: number;
  x: (batch: number) => tf.Tensor;
  y: (batch: number) => tf.Tensor;
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar;
}

export const CNN2D: BenchModel = {
  name: '2D CNN 64×64×3, batch 32',
  build: cnn2d,
  batch: 32,
  x: (n) => tf.randomUniform([n, 64, 64, 3], 0, 1, 'float32', 1),
  y: (n) => tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % 2), 'int32'), 2).toFloat(),
  loss: (y, p) => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar,
};

export const UNET3D: BenchModel = {
  name: '3D U-Net 32³, batch 2',
  build: unet3d,
  batch: 2,
  x: (n) => tf.randomUniform([n, 32, 32, 32, 1], 0, 1, 'float32', 1),
  y: (n) => tf.cast(tf.greater(tf.randomUniform([n, 32, 32, 32, 1], 0, 1, 'float32', 2), 0.5), 'float32'),
  loss: (y, p) => {
    const inter = tf.sum(tf.mul(y, p));
    return tf.sub(1, tf.div(tf.add(tf.mul(inter, 2), 1), tf.add(tf.add(tf.sum(p), tf.sum(y)), 1))) as tf.Scalar;
  },
};

/** One Adam step; returns a function that runs `steps` steps and the samples/s. */
export async function samplesPerSecond(m: BenchModel, steps: number, warmup = 1, batch = m.batch): Promise<number> {
  const model = m.build();
  const opt = tf.train.adam(1e-3);
  const x = m.x(batch);
  const y = m.y(batch);
  const step = () => tf.tidy(() => void opt.minimize(() => m.loss(y, model.predict(x) as tf.Tensor)));
  for (let i = 0; i < warmup; i++) step();
  const t = performance.now();
  for (let i = 0; i < steps; i++) step();
  await tf.ready();
  const s = (performance.now() - t) / 1000;
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  return (steps * batch) / s;
}

/** Per-kernel time of one training step (tf.profile), sorted by share. */
export async function profileStep(m: BenchModel): Promise<{ kernel: string; ms: number; share: number; calls: number }[]> {
  const model = m.build();
  const opt = tf.train.adam(1e-3);
  const x = m.x(m.batch);
  const y = m.y(m.batch);
  const step = () => tf.tidy(() => void opt.minimize(() => m.loss(y, model.predict(x) as tf.Tensor)));
  step();
  const info = await tf.profile(step);
  const by = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    const ms = await Promise.resolve(k.kernelTimeMs as number | { error: string } | Promise<number | { error: string }>);
    const e = by.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += typeof ms === 'number' ? ms : 0;
    e.calls += 1;
    by.set(k.name, e);
  }
  const total = [...by.values()].reduce((a, b) => a + b.ms, 0);
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  return [...by.entries()].map(([kernel, e]) => ({ kernel, ms: e.ms, calls: e.calls, share: e.ms / total })).sort((a, b) => b.ms - a.ms);
}
