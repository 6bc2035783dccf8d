import { describe, expect, it } from 'vitest';
import { tf } from '../tf';
import type { SpatialDropout, SpatialDropoutArgs } from '../layers/spatial-dropout';
import { distinctValues, gradientCheck } from './finite-differences';

/** The checks every spatial dropout layer passes: whole channels, scaling, identity at inference, gradients. */
export function spatialDropoutSuite(name: string, make: (args: SpatialDropoutArgs) => SpatialDropout, spatial: number[]): void {
  const channels = 32;
  const batch = 64;
  const shape = [batch, ...spatial, channels];
  const perChannel = spatial.reduce((a, b) => a * b, 1);

  /** Output values grouped by (example, channel). */
  function channelsOf(y: tf.Tensor): number[][] {
    const data = y.dataSync();
    const groups: number[][] = Array.from({ length: batch * channels }, () => []);
    data.forEach((v, i) => groups[Math.floor(i / (perChannel * channels)) * channels + (i % channels)]!.push(v));
    return groups;
  }

  describe(`${name}: dropout`, () => {
    it('drops whole channels at the given rate and scales the rest by 1 / (1 - rate)', () => {
      const x = tf.ones(shape);
      const y = make({ rate: 0.25, seed: 3 }).apply(x, { training: true }) as tf.Tensor;
      const groups = channelsOf(y);
      for (const g of groups) expect(new Set(g).size).toBe(1); // all kept or all dropped
      const dropped = groups.filter((g) => g[0] === 0).length / groups.length;
      expect(Math.abs(dropped - 0.25)).toBeLessThan(0.04); // 2048 channels: sd ≈ 0.01
      for (const g of groups) expect([0, 1 / 0.75]).toContainEqual(expect.closeTo(g[0]!, 5));
      expect(tf.mean(y).dataSync()[0]).toBeCloseTo(1, 1);
      tf.dispose([x, y]);
    });

    it('is the identity at inference', () => {
      const x = distinctValues([2, ...spatial, 3]);
      const layer = make({ rate: 0.5, seed: 1 });
      for (const kwargs of [{}, { training: false }]) {
        const y = layer.apply(x, kwargs) as tf.Tensor;
        expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
      }
      const model = tf.sequential({ layers: [make({ rate: 0.5, seed: 1, inputShape: [...spatial, 3] })] });
      const p = model.predict(x) as tf.Tensor;
      expect(Array.from(p.dataSync())).toEqual(Array.from(x.dataSync()));
      model.dispose();
      tf.dispose([x, p]);
    });

    it('draws a fresh mask every batch, the same sequence for the same seed', () => {
      const x = tf.ones(shape);
      const a = make({ rate: 0.5, seed: 9 });
      const b = make({ rate: 0.5, seed: 9 });
      const masks = [a, a, b, b].map((l) => Array.from((l.apply(x, { training: true }) as tf.Tensor).dataSync()));
      expect(masks[0]).not.toEqual(masks[1]);
      expect(masks[2]).toEqual(masks[0]);
      expect(masks[3]).toEqual(masks[1]);
      x.dispose();
    });

    it('passes the gradient through kept channels only, as finite differences say', () => {
      const small = [2, ...spatial.map(() => 2), 3];
      const x = distinctValues(small);
      const w = distinctValues(small, 5);
      // A fresh layer with the same seed draws the same first mask, so f is one fixed function.
      const f = (t: tf.Tensor) => tf.sum(tf.mul(make({ rate: 0.5, seed: 4 }).apply(t, { training: true }) as tf.Tensor, w)) as tf.Scalar;
      const { analytic, numeric } = gradientCheck(f, x);
      analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 2));
      expect(analytic.some((g) => g === 0)).toBe(true);
      tf.dispose([x, w]);
    });

    it('keeps its settings through a save and load', async () => {
      const model = tf.sequential({ layers: [make({ rate: 0.3, seed: 11, inputShape: [...spatial, 4] })] });
      const loaded = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as tf.io.ModelJSON);
      expect(loaded.layers[0]!.getClassName()).toBe(name);
      expect(loaded.layers[0]!.getConfig()).toMatchObject({ rate: 0.3, seed: 11, dataFormat: 'channelsLast' });
      model.dispose();
      loaded.dispose();
    });
  });
}
