import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, each, kerasLayerModel, ramp, type Shape5 } from '../testing/volume-reference';
import { UpSampling3D } from './up-sampling-3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xShape: Shape5 = [2, 3, 2, 3, 2];
const size: [number, number, number] = [2, 1, 3];
const yShape: Shape5 = [2, 6, 2, 9, 2];

/** Nearest neighbour by hand: output voxel (d, h, w) copies input voxel (⌊d/s₀⌋, ⌊h/s₁⌋, ⌊w/s₂⌋). */
function reference(x: number[]): number[] {
  const y = new Array<number>(yShape.reduce((a, d) => a * d, 1));
  each(yShape, (b, d, h, w, c) => {
    y[at(yShape, b, d, h, w, c)] = x[at(xShape, b, Math.floor(d / size[0]), Math.floor(h / size[1]), Math.floor(w / size[2]), c)]!;
  });
  return y;
}

describe('UpSampling3D', () => {
  it('repeats every voxel along depth, height and width', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const y = new UpSampling3D({ size }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual(yShape);
    expect(Array.from(y.dataSync())).toEqual(reference(ramp(xShape)));
    tf.dispose([x, y]);
  });

  it('has the gradient of the copy: each input gathers the weights of its block', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const wValues = ramp(yShape, 5);
    const w = tf.tensor(wValues, yShape);
    const layer = new UpSampling3D({ size });
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, w)))(x);
    const expected = new Array<number>(x.size).fill(0);
    each(yShape, (b, d, h, w_, c) => {
      expected[at(xShape, b, Math.floor(d / size[0]), Math.floor(h / size[1]), Math.floor(w_ / size[2]), c)]! += wValues[at(yShape, b, d, h, w_, c)]!;
    });
    const got = Array.from(g.dataSync());
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    tf.dispose([x, w, g]);
  });

  it('works channels-first too', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const last = new UpSampling3D({ size }).apply(x) as tf.Tensor;
    const first = new UpSampling3D({ size, dataFormat: 'channelsFirst' }).apply(tf.transpose(x, [0, 4, 1, 2, 3])) as tf.Tensor;
    expect(Array.from(tf.transpose(first, [0, 2, 3, 4, 1]).dataSync())).toEqual(Array.from(last.dataSync()));
  });

  it('computes its output shape, keeping unknown dimensions unknown', () => {
    const layer = new UpSampling3D({ size: 2 });
    expect(layer.computeOutputShape([null, 3, null, 5, 4])).toEqual([null, 6, null, 10, 4]);
    expect(new UpSampling3D({ size: [1, 2, 3], dataFormat: 'channelsFirst' }).computeOutputShape([null, 4, 3, 3, 3])).toEqual([null, 4, 3, 6, 9]);
  });

  it('is read from Keras JSON and gives the same values', async () => {
    const model = await kerasLayerModel('UpSampling3D', { size: [2, 1, 3], data_format: 'channels_last' }, [null, 3, 2, 3, 2]);
    expect(model.outputs[0]!.shape).toEqual([null, 6, 2, 9, 2]);
    const y = model.predict(tf.tensor(ramp(xShape), xShape)) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(reference(ramp(xShape)));
    expect((model.layers[1] as UpSampling3D).getConfig()).toMatchObject({ size: [2, 1, 3], dataFormat: 'channelsLast' });
    model.dispose();
  });

  it('refuses sizes that are not three whole numbers of at least 1', () => {
    expect(() => new UpSampling3D({ size: 0 })).toThrow(/at least 1/);
    expect(() => new UpSampling3D({ size: [2, 2] as unknown as [number, number, number] })).toThrow(/3 values/);
  });
});
