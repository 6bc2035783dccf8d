import { describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { kernelsForLayers, verifiedLayers } from './model-kernels';
import { prepareBackend } from './prepare-backend';

describe('prepareBackend', () => {
  it('sets up wasm with Jimu kernels when the self-check passes, and says so', async () => {
    const r = await prepareBackend();
    expect(r.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.kernels).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'Conv3DBackpropInputV2', 'MaxPoolGrad', 'SplitV']));
    expect(r.report?.ok).toBe(true);
    expect(r.reason).toMatch(/self-check/);
  });

  it('checks only the kernels a model needs', async () => {
    const r = await prepareBackend(undefined, { layers: ['InputLayer', 'Conv3D', 'MaxPooling3D', 'Conv3DTranspose', 'Concatenate'] });
    expect(r.backend).toBe('wasm');
    expect(r.kernels).toContain('Conv3DBackpropFilterV2');
    expect(r.kernels).not.toContain('Conv2DBackpropFilter');
  });

  it('falls back to cpu, saying why, for a layer it has no kernel list for', async () => {
    const r = await prepareBackend(undefined, { layers: ['Conv2D', 'SomeNewLayer'] });
    expect(r.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(r.reason).toMatch(/SomeNewLayer/);
  });

  it('refuses, rather than silently falling back, when wasm was asked for explicitly', async () => {
    await expect(prepareBackend('wasm', { layers: ['SomeNewLayer'] })).rejects.toThrow(/SomeNewLayer/);
  });

  it('honours another explicit choice', async () => {
    const r = await prepareBackend('cpu');
    expect(r).toMatchObject({ backend: 'cpu', reason: 'requested explicitly' });
  });
});

describe('layer ↔ kernel table', () => {
  it('trains padding, cropping and leaky ReLU models on wasm, not cpu', async () => {
    for (const layer of ['ZeroPadding2D', 'ZeroPadding3D', 'Cropping2D', 'Cropping3D', 'LeakyReLU']) {
      const r = await prepareBackend(undefined, { layers: ['InputLayer', 'Conv2D', layer, 'Flatten', 'Dense'] });
      expect(r.backend, `${layer}: ${r.reason}`).toBe('wasm');
    }
    expect(kernelsForLayers(['ZeroPadding3D']).kernels).toEqual(expect.arrayContaining(['PadV2', 'Slice']));
  });

  it('derives the verified layers from the verified kernels', () => {
    expect(verifiedLayers(['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'])).toEqual(expect.arrayContaining(['Conv2D', 'Conv2DTranspose', 'Flatten']));
    expect(verifiedLayers(['Conv2D'])).not.toContain('Conv2D');
  });
});
