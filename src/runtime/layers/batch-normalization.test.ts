import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { distinctValues, gradientCheck } from '../testing/finite-differences';
import { BatchNormalization } from './batch-normalization';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Args = { center?: boolean; scale?: boolean; momentum?: number; epsilon?: number };
const make = (args: Args) => new BatchNormalization(args as never);

/** Per-channel (last axis) batch normalisation written out with loops, gamma 1 and beta 0. */
function reference(data: Float32Array | number[], channels: number, epsilon: number): { y: number[]; mean: number[]; variance: number[] } {
  const n = data.length / channels;
  const mean = Array.from({ length: channels }, (_, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * channels + c]!;
    return s / n;
  });
  const variance = mean.map((m, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[i * channels + c]! - m) ** 2;
    return s / n;
  });
  const y = Array.from(data, (v, i) => (v - mean[i % channels]!) / Math.sqrt(variance[i % channels]! + epsilon));
  return { y, mean, variance };
}

describe('BatchNormalization', () => {
  // Rank 5 is every 3D convolution's output; tfjs-layers' own layer normalises only ranks 2 to 4.
  it.each([
    { center: true, scale: true, shape: [3, 2, 2, 4] },
    { center: false, scale: true, shape: [3, 2, 2, 4] },
    { center: true, scale: false, shape: [3, 2, 2, 4] },
    { center: false, scale: false, shape: [3, 2, 2, 4] },
    { center: true, scale: true, shape: [2, 3, 2, 2, 4] },
    { center: false, scale: false, shape: [2, 2, 3, 2, 4] },
  ])('normalises each channel with the batch statistics while training (center $center, scale $scale, shape $shape)', ({ shape, ...flags }) => {
    const x = distinctValues(shape);
    const layer = make({ ...flags, momentum: 0.9, epsilon: 1e-3 });
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const want = reference(x.dataSync() as Float32Array, 4, 1e-3);
    y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want.y[i]!, 4));
    expect(layer.countParams()).toBe(4 * (2 + Number(flags.center) + Number(flags.scale)));
    // Moving averages start at 0 and 1 and move 10% of the way to the batch's values.
    const [mm, mv] = layer.getWeights().slice(-2);
    mm!.dataSync().forEach((v, c) => expect(v).toBeCloseTo(0.1 * want.mean[c]!, 4));
    mv!.dataSync().forEach((v, c) => expect(v).toBeCloseTo(0.9 + 0.1 * want.variance[c]!, 4));
    tf.dispose([x, y]);
  });

  it.each([[[2, 3]], [[2, 2, 2, 2, 3]]])('uses the moving averages at inference (shape %j)', (shape) => {
    const x = distinctValues(shape);
    const y = make({ center: false, epsilon: 1e-3 }).apply(x) as tf.Tensor;
    y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(x.dataSync()[i]! / Math.sqrt(1 + 1e-3), 5));
    tf.dispose([x, y]);
  });

  it('after training steps, inference uses the moving averages, not the batch statistics (rank 5)', () => {
    const layer = make({ momentum: 0, epsilon: 1e-3 });
    const x = distinctValues([2, 2, 2, 2, 3]);
    tf.dispose(layer.apply(x, { training: true }) as tf.Tensor);
    // With momentum 0 the moving averages are the last batch's statistics, so inference on that batch
    // gives the training output.
    const want = reference(x.dataSync() as Float32Array, 3, 1e-3).y;
    const y = layer.apply(x) as tf.Tensor;
    y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
    const shifted = tf.add(x, 5);
    const z = layer.apply(shifted) as tf.Tensor;
    z.dataSync().forEach((v, i) => expect(v).toBeGreaterThan(want[i]! + 1));
    tf.dispose([x, y, shifted, z]);
  });

  it.each([[[4, 3]], [[2, 2, 1, 2, 3]]])('has the gradient that finite differences give while training without beta (shape %j)', (shape) => {
    const layer = make({ center: false });
    const x = distinctValues(shape);
    const w = distinctValues(shape, 7);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(layer.apply(t, { training: true }) as tf.Tensor, w)) as tf.Scalar;
    const { analytic, numeric } = gradientCheck(f, x);
    analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 2));
    tf.dispose([x, w]);
  });

  it('trains inside a model read from JSON', async () => {
    const input = tf.input({ shape: [4, 4, 2] });
    const bn = make({ center: false }).apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1 }).apply(tf.layers.flatten().apply(bn)) as tf.SymbolicTensor;
    const model = await tf.models.modelFromJSON({ modelTopology: tf.model({ inputs: input, outputs: out }).toJSON(null, false) } as tf.io.ModelJSON);
    expect(model.layers[1]).toBeInstanceOf(BatchNormalization);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const xs = distinctValues([6, 4, 4, 2]);
    const ys = tf.ones([6, 1]);
    const history = await model.fit(xs, ys, { epochs: 2, batchSize: 3, verbose: 0 });
    expect(history.history['loss']!.every((l) => Number.isFinite(l as number))).toBe(true);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
