import { describe, expect, it } from 'vitest';
import { inNode, layerClasses, useBackend } from './backend';
import { mlpPlan } from './testing/pipeline';
import { tf } from './tf';

describe('backend choice', () => {
  const plan = mlpPlan();

  it('in Node trains on wasm with Jimu kernels that passed the self-check, and says why', async () => {
    expect(inNode()).toBe(true);
    expect(layerClasses(plan)).toContain('Dense');
    const choice = await useBackend(plan);
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toMatch(/passed the self-check/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('honours an explicit choice and refuses one that is not there', async () => {
    expect(await useBackend(plan, 'cpu')).toMatchObject({ name: 'cpu', reason: 'requested explicitly' });
    expect(tf.getBackend()).toBe('cpu');
    await expect(useBackend(plan, 'no-such-backend')).rejects.toThrow(/"no-such-backend" backend is not available here/);
  });
});
