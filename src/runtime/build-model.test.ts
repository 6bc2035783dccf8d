import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model';
import { mlpPlan } from './testing/pipeline';
import { tf } from './tf';

describe('buildModel', () => {
  it('starts from the same weights for the same plan (initializer seeds are in the topology)', async () => {
    const plan = mlpPlan();
    const [a, b] = [await buildModel(plan), await buildModel(plan)];
    const values = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    expect(values(a)).toEqual(values(b));
    a.dispose();
    b.dispose();
  });

  it('gives the same outputs as the same network written by hand in tfjs, for the same weights', async () => {
    const plan = mlpPlan({ features: 5, hidden: 8, outputs: 3 });
    const compiled = await buildModel(plan);
    const byHand = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [5], units: 8, activation: 'relu' }),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    expect(compiled.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense', 'Dense']);
    expect(compiled.countParams()).toBe(byHand.countParams());
    expect(compiled.countParams()).toBe(plan.cost.params);
    byHand.setWeights(compiled.getWeights());

    const x = tf.randomNormal([7, 5], 0, 1, 'float32', 3);
    const a = compiled.predict(x) as tf.Tensor;
    const b = byHand.predict(x) as tf.Tensor;
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    expect(a.shape).toEqual([7, 3]);
    tf.dispose([x, a, b]);
    compiled.dispose();
    byHand.dispose();
  });
});
