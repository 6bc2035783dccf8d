import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { distinctValues, gradientCheck } from '../testing/finite-differences';
import { Dropout } from './dropout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const plain = (y: tf.Tensor) => Array.from(y.dataSync());

describe('Dropout', () => {
  it('zeroes values at the given rate and scales the rest by 1 / (1 - rate)', () => {
    const x = tf.ones([16, 256]);
    const y = plain(new Dropout({ rate: 0.3, seed: 5 }).apply(x, { training: true }) as tf.Tensor);
    const dropped = y.filter((v) => v === 0).length / y.length;
    expect(Math.abs(dropped - 0.3)).toBeLessThan(0.02); // 4096 values: sd ≈ 0.007
    for (const v of y.filter((v) => v !== 0)) expect(v).toBeCloseTo(1 / 0.7, 5);
    x.dispose();
  });

  it('draws a fresh mask every batch when seeded, the same sequence for the same seed', () => {
    const x = tf.ones([4, 64]);
    const a = new Dropout({ rate: 0.5, seed: 9 });
    const b = new Dropout({ rate: 0.5, seed: 9 });
    const masks = [a, a, b, b].map((l) => plain(l.apply(x, { training: true }) as tf.Tensor));
    expect(masks[0]).not.toEqual(masks[1]);
    expect(masks[2]).toEqual(masks[0]);
    expect(masks[3]).toEqual(masks[1]);
    x.dispose();
  });

  it('is the identity at inference', () => {
    const x = distinctValues([3, 5]);
    const layer = new Dropout({ rate: 0.5, seed: 1 });
    expect(plain(layer.apply(x) as tf.Tensor)).toEqual(plain(x));
    expect(plain(layer.apply(x, { training: false }) as tf.Tensor)).toEqual(plain(x));
    x.dispose();
  });

  it('honours a noise shape', () => {
    const x = tf.ones([8, 6, 10]);
    const y = new Dropout({ rate: 0.5, seed: 2, noiseShape: [null, 1, null] }).apply(x, { training: true }) as tf.Tensor;
    const rows = y.arraySync() as number[][][];
    for (const example of rows) for (let j = 0; j < 10; j++) expect(new Set(example.map((r) => r[j])).size).toBe(1);
    tf.dispose([x, y]);
  });

  it('passes the gradient through kept values only, as finite differences say', () => {
    const x = distinctValues([2, 6]);
    const w = distinctValues([2, 6], 3);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(new Dropout({ rate: 0.5, seed: 4 }).apply(t, { training: true }) as tf.Tensor, w)) as tf.Scalar;
    const { analytic, numeric } = gradientCheck(f, x);
    analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 2));
    expect(analytic.some((g) => g === 0)).toBe(true);
    tf.dispose([x, w]);
  });

  it('is what a model read from JSON gets for "Dropout"', async () => {
    const model = tf.sequential({ layers: [new Dropout({ rate: 0.25, seed: 8, inputShape: [4] })] });
    const loaded = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as tf.io.ModelJSON);
    expect(loaded.layers[0]).toBeInstanceOf(Dropout);
    expect(loaded.layers[0]!.getConfig()).toMatchObject({ rate: 0.25, seed: 8 });
    model.dispose();
    loaded.dispose();
  });
});
