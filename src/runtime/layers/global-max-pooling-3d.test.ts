import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { distinctValues, gradientCheck } from '../testing/finite-differences';
import { GlobalMaxPooling3D } from './global-max-pooling-3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Max per channel (channels last), written out with loops: the reference. */
function reference(data: Float32Array, [b, d, h, w, c]: number[]): number[] {
  const out: number[] = [];
  const voxels = d! * h! * w!;
  for (let n = 0; n < b!; n++)
    for (let k = 0; k < c!; k++) {
      let best = -Infinity;
      for (let v = 0; v < voxels; v++) best = Math.max(best, data[(n * voxels + v) * c! + k]!);
      out.push(best);
    }
  return out;
}

describe('GlobalMaxPooling3D', () => {
  it('takes the largest value of each channel over the volume', () => {
    const shape = [2, 3, 2, 4, 5];
    const x = distinctValues(shape);
    const y = new GlobalMaxPooling3D().apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 5]);
    const want = reference(x.dataSync() as Float32Array, shape);
    expect(Array.from(y.dataSync())).toEqual(want);
    tf.dispose([x, y]);
  });

  it('reduces over depth, height and width in channels-first data too', () => {
    const x = distinctValues([1, 2, 2, 2, 2]);
    const y = new GlobalMaxPooling3D({ dataFormat: 'channelsFirst' }).apply(x) as tf.Tensor;
    const data = x.dataSync();
    expect(Array.from(y.dataSync())).toEqual([Math.max(...data.slice(0, 8)), Math.max(...data.slice(8, 16))]);
    tf.dispose([x, y]);
  });

  it('sends the gradient to the winner only, as finite differences say', () => {
    const layer = new GlobalMaxPooling3D();
    const x = distinctValues([1, 2, 2, 2, 3]); // values 1/4 apart, so a 1e-2 step never changes the winner
    const w = tf.tensor([[0.5, -2, 1.5]]);
    const { analytic, numeric } = gradientCheck((t) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, w)), x);
    analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 3));
    expect(analytic.filter((g) => g !== 0)).toHaveLength(3);
    tf.dispose([x, w]);
  });

  it('computes the symbolic shape and survives a save and load', async () => {
    const input = tf.input({ shape: [4, 4, 4, 3] });
    const model = tf.model({ inputs: input, outputs: new GlobalMaxPooling3D().apply(input) as tf.SymbolicTensor });
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    const loaded = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as tf.io.ModelJSON);
    expect(loaded.layers[1]!.getClassName()).toBe('GlobalMaxPooling3D');
    model.dispose();
    loaded.dispose();
  });
});
