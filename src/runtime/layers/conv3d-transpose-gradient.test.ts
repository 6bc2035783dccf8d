import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONV3D_BACKPROP_INPUT } from './conv3d-transpose-gradient';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Pad = 'same' | 'valid';
type Triple = [number, number, number];

/** Output length of a transposed convolution (tfjs-layers' deconvLength). */
function deconv(n: number, k: number, s: number, pad: Pad): number {
  return pad === 'same' ? n * s : n * s + Math.max(k - s, 0);
}

const EPS = 0.5;

function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => (((i * 5 + seed) % 11) - 5) / 4);
}

/**
 * The loss Σ w · conv3dTranspose(x, f) is linear in x and in f separately, so a central difference
 * gives the exact derivative up to rounding: an independent check of the registered gradient.
 */
function check(pad: Pad, strides: Triple) {
  const xShape = [1, 2, 3, 2, 2] as const; // [batch, depth, height, width, in channels]
  const fShape = [2, 2, 3, 3, 2] as const; // [kd, kh, kw, out channels, in channels]
  const outShape = [1, ...[0, 1, 2].map((i) => deconv(xShape[i + 1]!, fShape[i]!, strides[i]!, pad)), fShape[3]] as [number, number, number, number, number];
  const x = tf.tensor5d(values(24, 1), [...xShape]);
  const f = tf.tensor5d(values(72, 2), [...fShape]);
  const w = tf.tensor5d(values(outShape.reduce((a, d) => a * d, 1), 3), outShape);
  const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv3dTranspose(a as tf.Tensor5D, b as tf.Tensor5D, outShape, strides, pad), w));
  const [gx, gf] = tf.grads(loss)([x, f]);
  const numeric = (which: 0 | 1) => {
    const base = which === 0 ? x : f;
    const flat = Array.from(base.dataSync());
    return flat.map((_, i) => {
      const plus = flat.slice();
      const minus = flat.slice();
      plus[i]! += EPS;
      minus[i]! -= EPS;
      return tf.tidy(() => {
        const p = tf.tensor(plus, base.shape);
        const m = tf.tensor(minus, base.shape);
        const lp = which === 0 ? loss(p, f) : loss(x, p);
        const lm = which === 0 ? loss(m, f) : loss(x, m);
        return (lp.dataSync()[0]! - lm.dataSync()[0]!) / (2 * EPS);
      });
    });
  };
  const nx = numeric(0);
  Array.from(gx!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(nx[i]!, 3));
  const nf = numeric(1);
  Array.from(gf!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(nf[i]!, 3));
  tf.dispose([x, f, w, gx!, gf!]);
}

describe('Conv3DTranspose gradient', () => {
  it('is registered', () => {
    expect(tf.getGradient(CONV3D_BACKPROP_INPUT)).toBeTruthy();
  });

  it.each([
    ['same', [2, 1, 2]],
    ['valid', [1, 2, 2]],
  ] as [Pad, Triple][])('matches finite differences (%s padding, strides %j)', (pad, strides) => {
    check(pad, strides);
  });

  it('lets a model with a Conv3DTranspose layer train', async () => {
    const model = tf.sequential({
      layers: [tf.layers.conv3dTranspose({ inputShape: [2, 2, 2, 1], filters: 2, kernelSize: 2, strides: 2, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const before = model.getWeights()[0]!.dataSync().slice();
    const x = tf.ones([2, 2, 2, 2, 1]);
    const y = tf.zeros([2, 4, 4, 4, 2]);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
    const losses = history.history['loss'] as number[];
    expect(losses[1]!).toBeLessThan(losses[0]!);
    expect(Array.from(model.getWeights()[0]!.dataSync())).not.toEqual(Array.from(before));
    tf.dispose([x, y]);
    model.dispose();
  });
});
