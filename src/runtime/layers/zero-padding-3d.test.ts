import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, each, kerasLayerModel, ramp, type Shape5 } from '../testing/volume-reference';
import { ZeroPadding3D } from './zero-padding-3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xShape: Shape5 = [2, 3, 1, 3, 2];
const padding: [[number, number], [number, number], [number, number]] = [[0, 1], [2, 1], [1, 0]];
const yShape: Shape5 = [2, 4, 4, 4, 2];

/** By hand: the output is zero except where it lies over the input, shifted by the leading margins. */
function reference(x: number[]): number[] {
  const y = new Array<number>(yShape.reduce((a, d) => a * d, 1)).fill(0);
  each(xShape, (b, d, h, w, c) => {
    y[at(yShape, b, d + padding[0][0], h + padding[1][0], w + padding[2][0], c)] = x[at(xShape, b, d, h, w, c)]!;
  });
  return y;
}

describe('ZeroPadding3D', () => {
  it('adds zeros before and after each axis', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const y = new ZeroPadding3D({ padding }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual(yShape);
    expect(Array.from(y.dataSync())).toEqual(reference(ramp(xShape)));
    tf.dispose([x, y]);
  });

  it('accepts one number or one per axis, as Keras does', () => {
    expect(new ZeroPadding3D({ padding: 2 }).padding).toEqual([[2, 2], [2, 2], [2, 2]]);
    expect(new ZeroPadding3D({ padding: [0, 1, 2] }).padding).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(new ZeroPadding3D().padding).toEqual([[1, 1], [1, 1], [1, 1]]);
  });

  it('has the gradient of padding: the weights over the original voxels', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const wValues = ramp(yShape, 3);
    const w = tf.tensor(wValues, yShape);
    const layer = new ZeroPadding3D({ padding });
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, w)))(x);
    const expected = new Array<number>(x.size);
    each(xShape, (b, d, h, w_, c) => {
      expected[at(xShape, b, d, h, w_, c)] = wValues[at(yShape, b, d + padding[0][0], h + padding[1][0], w_ + padding[2][0], c)]!;
    });
    expect(Array.from(g.dataSync())).toEqual(expected);
    tf.dispose([x, w, g]);
  });

  it('works channels-first too', () => {
    const x = tf.tensor(ramp(xShape), xShape);
    const last = new ZeroPadding3D({ padding }).apply(x) as tf.Tensor;
    const first = new ZeroPadding3D({ padding, dataFormat: 'channelsFirst' }).apply(tf.transpose(x, [0, 4, 1, 2, 3])) as tf.Tensor;
    expect(Array.from(tf.transpose(first, [0, 2, 3, 4, 1]).dataSync())).toEqual(Array.from(last.dataSync()));
  });

  it('computes its output shape, keeping unknown dimensions unknown', () => {
    expect(new ZeroPadding3D({ padding }).computeOutputShape([null, null, 1, 3, 2])).toEqual([null, null, 4, 4, 2]);
  });

  it('is read from Keras JSON and gives the same values', async () => {
    const model = await kerasLayerModel('ZeroPadding3D', { padding: padding, data_format: 'channels_last' }, [null, 3, 1, 3, 2]);
    expect(model.outputs[0]!.shape).toEqual([null, ...yShape.slice(1)]);
    const y = model.predict(tf.tensor(ramp(xShape), xShape)) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(reference(ramp(xShape)));
    model.dispose();
  });

  it('refuses negative or malformed padding', () => {
    expect(() => new ZeroPadding3D({ padding: -1 })).toThrow(/at least 0/);
    expect(() => new ZeroPadding3D({ padding: [1, 1] as unknown as [number, number, number] })).toThrow(/3 entries/);
  });
});
