import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { distinctValues, gradientCheck } from '../testing/finite-differences';
import { GlobalAveragePooling3D } from './global-average-pooling-3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Mean per channel, written out with loops: the reference. */
function reference(data: Float32Array, [b, d, h, w, c]: number[], channelsLast: boolean): number[] {
  const out: number[] = [];
  for (let n = 0; n < b!; n++)
    for (let k = 0; k < c!; k++) {
      let sum = 0;
      for (let z = 0; z < d!; z++)
        for (let y = 0; y < h!; y++)
          for (let x = 0; x < w!; x++) {
            const i = channelsLast ? (((n * d! + z) * h! + y) * w! + x) * c! + k : (((n * c! + k) * d! + z) * h! + y) * w! + x;
            sum += data[i]!;
          }
      out.push(sum / (d! * h! * w!));
    }
  return out;
}

describe('GlobalAveragePooling3D', () => {
  it.each([
    { name: 'channels last', shape: [2, 3, 2, 4, 5], dataFormat: 'channelsLast' as const },
    { name: 'channels first', shape: [2, 5, 3, 2, 4], dataFormat: 'channelsFirst' as const },
  ])('averages each channel over the volume ($name)', ({ shape, dataFormat }) => {
    const x = distinctValues(shape);
    const y = new GlobalAveragePooling3D({ dataFormat }).apply(x) as tf.Tensor;
    const last = dataFormat === 'channelsLast';
    const dims = last ? shape : [shape[0]!, shape[2]!, shape[3]!, shape[4]!, shape[1]!];
    expect(y.shape).toEqual([2, 5]);
    const want = reference(x.dataSync() as Float32Array, dims, last);
    y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    tf.dispose([x, y]);
  });

  it('has the gradient that finite differences give', () => {
    const layer = new GlobalAveragePooling3D();
    const x = distinctValues([1, 2, 2, 3, 2]);
    const w = tf.tensor([[0.7, -1.3]]);
    const { analytic, numeric } = gradientCheck((t) => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, w)), x);
    analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 3));
    tf.dispose([x, w]);
  });

  it('computes the symbolic shape and survives a save and load', async () => {
    const input = tf.input({ shape: [4, 4, 4, 3] });
    const model = tf.model({ inputs: input, outputs: new GlobalAveragePooling3D().apply(input) as tf.SymbolicTensor });
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    const loaded = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as tf.io.ModelJSON);
    expect(loaded.layers[1]!.getClassName()).toBe('GlobalAveragePooling3D');
    model.dispose();
    loaded.dispose();
  });
});
