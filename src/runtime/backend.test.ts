import { describe, expect, it } from 'vitest';
import { chooseBackend, inNode, useBackend, wasmCanTrain } from './backend';
import { mlpPlan } from './testing/pipeline';
import { tf } from './tf';

describe('backend choice', () => {
  const plan = mlpPlan();

  it('trains on cpu in Node and says why', async () => {
    expect(inNode()).toBe(true);
    expect(chooseBackend(plan)).toMatchObject({ name: 'cpu', reason: expect.stringMatching(/Node/) });
    expect((await useBackend(plan)).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('uses wasm only when every layer has verified training kernels', () => {
    expect(wasmCanTrain(plan, new Set())).toBe(false);
    expect(wasmCanTrain(plan, new Set(['Dense']))).toBe(true);
    expect(wasmCanTrain(plan, new Set(['Conv2D']))).toBe(false);
  });

  it('honours an explicit choice and refuses one that is not there', async () => {
    expect(chooseBackend(plan, 'cpu').name).toBe('cpu');
    await expect(useBackend(plan, 'no-such-backend')).rejects.toThrow(/"no-such-backend" backend is not available here/);
    expect(tf.getBackend()).toBe('cpu');
  });
});
