import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, each, kerasLayerModel, ramp, type Shape5 } from '../testing/volume-reference';
import { Cropping3D } from './cropping-3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xShape: Shape5 = [2, 5, 3, 4, 3];
const cropping: [[number, number], [number, number], [number, number]] = [[1, 2], [0, 1], [2, 1]];
const yShape: Shape5 = [2, 2, 2, 1, 3];

/** By hand: output voxel (d, h, w) is input voxel (d + before₀, h + before₁, w + before₂). */
function reference(x: number[]): number[] {
  const y = new Array<number>(yShape.reduce((a, d) => a * d, 1));
  each(yShape, (b, d, h, w, c) => {
    y[at(yShape, b, d, h, w, c)] = x[at(xShape, b, d + cropping[0][0], h + cropping[1][0], w + cropping[2][0], c)]!;
  });
  return y;
}

describe('Cropping3D', () => {
  it('removes voxels before and after each axis', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const y = new Cropping3D({ cropping }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual(yShape);
    expect(Array.from(y.dataSync())).toEqual(reference(ramp(xShape)));
    tf.dispose([x, y]);
  });

  it('accepts one number or one per axis, as Keras does', () => {
    expect(new Cropping3D({ cropping: 2 }).cropping).toEqual([[2, 2], [2, 2], [2, 2]]);
    expect(new Cropping3D({ cropping: [0, 1, 2] }).cropping).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(new Cropping3D().cropping).toEqual([[1, 1], [1, 1], [1, 1]]);
  });

  it('has the gradient of cropping: the weights where voxels were kept, zero elsewhere', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const wValues = ramp(yShape, 3);
    const w = tf.tensor(wValues, yShape);
    const layer = new Cropping3D({ cropping });
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, w)))(x);
    const expected = new Array<number>(x.size).fill(0);
    each(yShape, (b, d, h, w_, c) => {
      expected[at(xShape, b, d + cropping[0][0], h + cropping[1][0], w_ + cropping[2][0], c)] = wValues[at(yShape, b, d, h, w_, c)]!;
    });
    expect(Array.from(g.dataSync())).toEqual(expected);
    tf.dispose([x, w, g]);
  });

  it('works channels-first too', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const last = new Cropping3D({ cropping }).apply(x) as tf.Tensor;
    const first = new Cropping3D({ cropping, dataFormat: 'channelsFirst' }).apply(tf.transpose(x, [0, 4, 1, 2, 3])) as tf.Tensor;
    expect(Array.from(tf.transpose(first, [0, 2, 3, 4, 1]).dataSync())).toEqual(Array.from(last.dataSync()));
  });

  it('computes its output shape, keeping unknown dimensions unknown', () => {
    expect(new Cropping3D({ cropping }).computeOutputShape([null, 5, null, 4, 3])).toEqual([null, 2, null, 1, 3]);
  });

  it('is read from Keras JSON and gives the same values', async () => {
    const model = await kerasLayerModel('Cropping3D', { cropping, data_format: 'channels_last' }, [null, 5, 3, 4, 3]);
    expect(model.outputs[0]!.shape).toEqual([null, ...yShape.slice(1)]);
    const y = model.predict(tf.tensor(ramp(xShape), xShape)) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(reference(ramp(xShape)));
    model.dispose();
  });

  it('says so when a crop would leave nothing', () => {
    const x = tf.zeros([1, 2, 4, 4, 1]);
    expect(() => new Cropping3D({ cropping: [[1, 1], [0, 0], [0, 0]] }).apply(x)).toThrow(/nothing would be left/);
    x.dispose();
  });
});
