import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModel } from '../runtime/export-model';
import { tf } from '../runtime/tf';
import { kerasGraph, type TestLayer } from './testing/keras-graph';
import { python, PYTHON_SRC, torchMissing } from './testing/python';
import { LAYER_CLASSES } from './torch-support';

const missing = torchMissing();
const glorot = (seed: number) => ({ class_name: 'GlorotUniform', config: { seed } });
const conv = (filters: number, kernel: number[], strides: number[], padding: string, extra: Record<string, unknown> = {}) => ({
  filters, kernel_size: kernel, strides, padding, dilation_rate: kernel.map(() => 1), activation: 'linear', use_bias: true, kernel_initializer: glorot(3), ...extra,
});
const convT = (filters: number, kernel: number[], strides: number[], padding: string) => ({ filters, kernel_size: kernel, strides, padding, activation: 'linear', use_bias: true, kernel_initializer: glorot(4) });
const bn = (extra: Record<string, unknown> = {}) => ({ axis: -1, momentum: 0.9, epsilon: 0.001, center: true, scale: true, ...extra });
const pool = (size: number[], strides: number[], padding: string) => ({ pool_size: size, strides, padding });

/**
 * Every case: a small graph, an input shape with odd and even sizes (so TensorFlow's asymmetric "same"
 * padding shows), and the trap it covers. Each layer class of the export table appears at least once.
 */
const CASES: { name: string; input: number[]; layers: TestLayer[] }[] = [
  { name: 'Conv2D same, stride 2 (asymmetric padding)', input: [7, 8, 3], layers: [{ cls: 'Conv2D', config: conv(4, [3, 3], [2, 2], 'same') }] },
  { name: 'Conv2D same, kernel 4 (padding 1 before, 2 after)', input: [6, 6, 2], layers: [{ cls: 'Conv2D', config: conv(3, [4, 4], [1, 1], 'same') }] },
  { name: 'Conv2D valid, dilation 2, relu', input: [9, 8, 2], layers: [{ cls: 'Conv2D', config: conv(3, [3, 3], [1, 1], 'valid', { dilation_rate: [2, 2], activation: 'relu' }) }] },
  { name: 'Conv3D same, stride 2, no bias', input: [5, 6, 7, 2], layers: [{ cls: 'Conv3D', config: conv(3, [3, 3, 3], [2, 2, 2], 'same', { use_bias: false }) }] },
  { name: 'Conv3D same, stride 1, softmax', input: [4, 4, 4, 2], layers: [{ cls: 'Conv3D', config: conv(4, [3, 3, 3], [1, 1, 1], 'same', { activation: 'softmax' }) }] },
  { name: 'Conv2DTranspose same, kernel 3 stride 2 (cropped)', input: [3, 4, 3], layers: [{ cls: 'Conv2DTranspose', config: convT(2, [3, 3], [2, 2], 'same') }] },
  { name: 'Conv2DTranspose valid', input: [3, 4, 2], layers: [{ cls: 'Conv2DTranspose', config: convT(3, [3, 2], [2, 1], 'valid') }] },
  { name: 'Conv2DTranspose same, kernel 1 stride 2 (zero-extended)', input: [3, 3, 2], layers: [{ cls: 'Conv2DTranspose', config: convT(2, [1, 1], [2, 2], 'same') }] },
  { name: 'Conv3DTranspose same, kernel 2 stride 2 ([kd,kh,kw,out,in] layout)', input: [3, 2, 4, 3], layers: [{ cls: 'Conv3DTranspose', config: convT(2, [2, 2, 2], [2, 2, 2], 'same') }] },
  { name: 'Conv3DTranspose same, kernel 3 stride 2', input: [2, 3, 2, 2], layers: [{ cls: 'Conv3DTranspose', config: convT(3, [3, 3, 3], [2, 2, 2], 'same') }] },
  { name: 'Dense', input: [5], layers: [{ cls: 'Dense', config: { units: 3, activation: 'tanh', use_bias: true, kernel_initializer: glorot(5) } }] },
  { name: 'Dense on the last axis of an image', input: [3, 2, 4], layers: [{ cls: 'Dense', config: { units: 3, activation: 'softmax', use_bias: true, kernel_initializer: glorot(5) } }] },
  { name: 'Flatten → Dense (channels-last row order)', input: [3, 2, 4], layers: [{ cls: 'Flatten' }, { cls: 'Dense', config: { units: 2, activation: 'linear', use_bias: true, kernel_initializer: glorot(6) } }] },
  { name: 'Reshape → Conv2D', input: [24], layers: [{ cls: 'Reshape', config: { target_shape: [3, 4, 2] } }, { cls: 'Conv2D', config: conv(2, [3, 3], [1, 1], 'same') }] },
  { name: 'BatchNormalization 2D (training: batch statistics, moving averages)', input: [4, 5, 3], layers: [{ cls: 'BatchNormalization', config: bn() }] },
  { name: 'BatchNormalization 3D, no scale', input: [3, 4, 3, 2], layers: [{ cls: 'BatchNormalization', config: bn({ scale: false, momentum: 0.99, epsilon: 0.01 }) }] },
  { name: 'BatchNormalization on features', input: [6], layers: [{ cls: 'BatchNormalization', config: bn({ center: false }) }] },
  { name: 'MaxPooling2D same, odd size', input: [5, 7, 2], layers: [{ cls: 'MaxPooling2D', config: pool([2, 2], [2, 2], 'same') }] },
  { name: 'MaxPooling3D valid', input: [4, 5, 4, 2], layers: [{ cls: 'MaxPooling3D', config: pool([2, 2, 2], [2, 2, 2], 'valid') }] },
  { name: 'AveragePooling2D same (padding not counted)', input: [5, 5, 2], layers: [{ cls: 'AveragePooling2D', config: pool([3, 3], [2, 2], 'same') }] },
  { name: 'AveragePooling3D valid', input: [4, 4, 4, 1], layers: [{ cls: 'AveragePooling3D', config: pool([2, 2, 2], [2, 2, 2], 'valid') }] },
  { name: 'GlobalAveragePooling2D', input: [3, 4, 3], layers: [{ cls: 'GlobalAveragePooling2D' }] },
  { name: 'GlobalMaxPooling2D', input: [3, 4, 3], layers: [{ cls: 'GlobalMaxPooling2D' }] },
  { name: 'GlobalAveragePooling3D', input: [2, 3, 4, 3], layers: [{ cls: 'GlobalAveragePooling3D' }] },
  { name: 'GlobalMaxPooling3D', input: [2, 3, 4, 3], layers: [{ cls: 'GlobalMaxPooling3D' }] },
  ...['relu', 'elu', 'gelu', 'swish', 'sigmoid', 'softmax', 'tanh', 'linear'].map((a) => ({ name: `Activation ${a}`, input: [3, 4, 3], layers: [{ cls: 'Activation', config: { activation: a } }] })),
  { name: 'LeakyReLU', input: [3, 4, 3], layers: [{ cls: 'LeakyReLU', config: { alpha: 0.2 } }] },
  { name: 'UpSampling2D nearest', input: [3, 2, 2], layers: [{ cls: 'UpSampling2D', config: { size: [2, 3], interpolation: 'nearest' } }] },
  { name: 'UpSampling2D bilinear (TF1 legacy corners; square, as tfjs 4.22 cannot take the gradient of a non-square one)', input: [3, 3, 2], layers: [{ cls: 'UpSampling2D', config: { size: [2, 2], interpolation: 'bilinear' } }] },
  { name: 'UpSampling3D', input: [2, 3, 2, 2], layers: [{ cls: 'UpSampling3D', config: { size: [2, 1, 3] } }] },
  { name: 'ZeroPadding2D', input: [3, 3, 2], layers: [{ cls: 'ZeroPadding2D', config: { padding: [[1, 2], [0, 1]] } }] },
  { name: 'ZeroPadding3D', input: [2, 3, 2, 2], layers: [{ cls: 'ZeroPadding3D', config: { padding: [[1, 0], [0, 2], [1, 1]] } }] },
  { name: 'Cropping2D', input: [5, 6, 2], layers: [{ cls: 'Cropping2D', config: { cropping: [[1, 2], [0, 1]] } }] },
  { name: 'Cropping3D', input: [4, 5, 4, 2], layers: [{ cls: 'Cropping3D', config: { cropping: [[1, 0], [1, 2], [0, 1]] } }] },
  ...(['Add', 'Multiply', 'Concatenate'] as const).map((cls) => ({
    name: `${cls} of two branches`,
    input: [3, 4, 2],
    layers: [
      { cls: 'Conv2D', config: conv(3, [3, 3], [1, 1], 'same'), from: ['input'] },
      { cls: 'Conv2D', config: conv(3, [1, 1], [1, 1], 'same'), from: ['input'] },
      { cls, config: cls === 'Concatenate' ? { axis: -1 } : {}, from: ['l0', 'l1'] },
    ],
  })),
  {
    name: 'Concatenate along height',
    input: [3, 4, 2],
    layers: [{ cls: 'Conv2D', config: conv(2, [3, 3], [1, 1], 'same'), from: ['input'] }, { cls: 'Concatenate', config: { axis: 1 }, from: ['input', 'l0'] }],
  },
  // Dropout is checked in inference here (identity) and statistically below.
  { name: 'Dropout (inference)', input: [4, 3], layers: [{ cls: 'Dropout', config: { rate: 0.3, seed: 1 } }] },
  { name: 'SpatialDropout2D (inference)', input: [3, 3, 2], layers: [{ cls: 'SpatialDropout2D', config: { rate: 0.3, seed: 1 } }] },
  { name: 'SpatialDropout3D (inference)', input: [2, 3, 3, 2], layers: [{ cls: 'SpatialDropout3D', config: { rate: 0.3, seed: 1 } }] },
];

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** max |a − b| / max |b|: the error relative to the reference's scale. */
function relative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let err = 0;
  let scale = 1e-12;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return err / scale;
}

/** The residuals of every case, for BENCHMARKS.md. */
export const residuals: Record<string, { forward: number; gradient: number }> = {};

/**
 * Cases where tfjs 4.22's own gradient disagrees with its own forward pass (a tfjs bug, not a parity
 * error): there the PyTorch gradient is checked against central differences of the tfjs forward instead.
 */
const TFJS_GRADIENT_BUGS = new Set(['AveragePooling2D same (padding not counted)', 'UpSampling2D nearest']);
/** Cases tfjs 4.22 cannot differentiate at all (it throws); checked against central differences likewise. */
const TFJS_NO_GRADIENT = new Set(['Conv2D valid, dilation 2, relu']);

interface Side {
  out: Float32Array | ArrayLike<number>;
  dx: Float32Array;
  grads: Record<string, Float32Array>;
  after: Record<string, Float32Array>;
  outShape: number[];
  numericDx?: Float32Array;
}
interface PySide {
  out: number[];
  outShape: number[];
  dx: number[];
  grads: Record<string, number[]>;
  after: Record<string, number[]>;
}

const tfjs: Side[] = [];
let torch: PySide[] = [];

describe.skipIf(missing)('tfjs ↔ PyTorch parity per layer (jimu_torch with torch from Debian)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const requests = [];
    for (const c of CASES) {
      const topology = kerasGraph(c.input, c.layers);
      const model = await tf.models.modelFromJSON({ modelTopology: topology } as unknown as tf.io.ModelJSON);
      // Random values for every weight (biases, BN statistics and scales too), so no zero hides an error.
      model.setWeights(model.getWeights().map((w, i) => {
        const v = values(w.size, 100 + i);
        return tf.tensor(model.weights[i]!.originalName.endsWith('moving_variance') ? v.map((x) => 0.5 + Math.abs(x)) : v, w.shape);
      }));
      const dir = mkdtempSync(join(tmpdir(), 'jimu-parity-'));
      const files = await exportModel(model);
      writeFileSync(join(dir, 'model.json'), JSON.stringify(files.modelJson));
      writeFileSync(join(dir, files.weightsFile), files.weights);
      const batch = 3;
      const xShape = [batch, ...c.input];
      const x = values(xShape.reduce((a, b) => a * b, 1), 7);
      const outShape = model.outputs[0]!.shape.map((d) => d ?? batch);
      const r = values(outShape.reduce((a, b) => a * b, 1), 11);
      const training = !c.layers.some((l) => l.cls.includes('Dropout'));
      const objective = (xt: tf.Tensor) => tf.sum(tf.mul(model.apply(xt, { training: false }) as tf.Tensor, tf.tensor(r, outShape)));
      let numericDx: Float32Array | undefined;
      if (TFJS_GRADIENT_BUGS.has(c.name) || TFJS_NO_GRADIENT.has(c.name)) {
        // Central differences of the tfjs forward (inference, so no moving average moves), in float32.
        const h = 1e-2;
        numericDx = Float32Array.from(x, (_, k) => {
          const plus = Float32Array.from(x);
          const minus = Float32Array.from(x);
          plus[k] = x[k]! + h;
          minus[k] = x[k]! - h;
          return tf.tidy(() => (objective(tf.tensor(plus, xShape)).dataSync()[0]! - objective(tf.tensor(minus, xShape)).dataSync()[0]!) / (2 * h));
        });
      }
      const before = model.getWeights().map((w) => w.clone());
      if (TFJS_NO_GRADIENT.has(c.name)) {
        const y = tf.tidy(() => model.apply(tf.tensor(x, xShape), { training }) as tf.Tensor);
        tfjs.push({ out: y.dataSync() as Float32Array, outShape, dx: new Float32Array(), grads: {}, after: {}, numericDx: numericDx! });
        tf.dispose([y, ...before]);
        model.dispose();
        requests.push({ python: PYTHON_SRC, topology, weights: dir, x: [Array.from(x), xShape], r: [Array.from(r), outShape], training });
        continue;
      }
      const xv = tf.variable(tf.tensor(x, xShape));
      const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
      let out: Float32Array = new Float32Array();
      const { grads } = tf.variableGrads(() => {
        const y = model.apply(xv, { training }) as tf.Tensor;
        out = y.dataSync() as Float32Array;
        return tf.sum(tf.mul(y, tf.tensor(r, y.shape)));
      }, [xv, ...trainable]);
      tfjs.push({
        out,
        outShape,
        dx: grads[xv.name]!.dataSync() as Float32Array,
        grads: Object.fromEntries(model.trainableWeights.map((w) => [w.originalName, grads[(w.read() as tf.Variable).name]!.dataSync() as Float32Array])),
        after: Object.fromEntries(model.weights.map((w) => [w.originalName, w.read().dataSync() as Float32Array])),
        ...(numericDx ? { numericDx } : {}),
      });
      tf.dispose([xv, ...Object.values(grads), ...before]);
      model.dispose();
      requests.push({ python: PYTHON_SRC, topology, weights: dir, x: [Array.from(x), xShape], r: [Array.from(r), outShape], training });
    }
    const dir = mkdtempSync(join(tmpdir(), 'jimu-parity-'));
    writeFileSync(join(dir, 'requests.json'), JSON.stringify(requests));
    python([join(import.meta.dirname, 'testing', 'parity.py'), join(dir, 'requests.json'), join(dir, 'results.json')]);
    torch = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as PySide[];
  });

  // `npm run bench:export` asks for the residuals, for BENCHMARKS.md.
  afterAll(() => {
    if (process.env.JIMU_PARITY_RESIDUALS) writeFileSync(process.env.JIMU_PARITY_RESIDUALS, JSON.stringify(residuals));
  });

  it('covers every layer class the export supports', () => {
    const covered = new Set(CASES.flatMap((c) => c.layers.map((l) => l.cls)));
    expect(Object.keys(LAYER_CLASSES).filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))('$name: same outputs (1e-5) and gradients (1e-4) from the same weights', ({ name, layers, i }) => {
    const js = tfjs[i]!;
    const py = torch[i]!;
    expect(py.outShape).toEqual(js.outShape);
    const forward = relative(py.out, js.out);
    let gradient: number;
    if (js.numericDx) {
      // The referee is a float32 finite difference: 1e-3 is its own precision.
      gradient = relative(py.dx, js.numericDx);
      expect(gradient).toBeLessThan(1e-3);
      if (js.dx.length) expect(relative(js.dx, js.numericDx), 'tfjs still disagrees with its own forward; if this fails, tfjs was fixed').toBeGreaterThan(1e-2);
    } else {
      gradient = relative(py.dx, js.dx);
      for (const [w, g] of Object.entries(js.grads)) {
        expect(py.grads[w], w).toBeDefined();
        gradient = Math.max(gradient, relative(py.grads[w]!, g));
      }
      expect(gradient).toBeLessThan(1e-4);
    }
    // Moving averages after one training step (Keras momentum, biased variance) and unchanged weights.
    for (const [w, v] of Object.entries(js.after)) expect(relative(py.after[w]!, v), w).toBeLessThan(1e-5);
    residuals[name] = { forward, gradient };
    expect(forward).toBeLessThan(1e-5);
    void layers;
  });
});
