import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { REGISTRY } from '../../blocks';
import { compile } from '../core';
import { buildModel } from './build-model';
import { registerJimuWasmKernels } from './kernels/register';
import { installLeanGradients, uninstallLeanGradients } from './lean-gradients';
import { lossFunction } from './losses';
import { tf } from './tf';

/**
 * The lean backward pass gives tfjs' own gradients to the bit, on a 3D U-Net with batch norm (the
 * composite the 96³ model is made of: convolutions, the fused batch norm, concatenation, transposed
 * convolutions, pooling, softmax and the Dice + cross-entropy loss), and holds fewer bytes at its peak.
 */
function smallGlioma(): string {
  const doc = JSON.parse(readFileSync(new URL('../../public/templates/glioma-segmentation.pipeline.json', import.meta.url), 'utf8')) as { blocks: { type: string; params: Record<string, unknown> }[] };
  for (const b of doc.blocks) {
    if (b.type === 'SampleGlioma') Object.assign(b.params, { count: 8, size: 16 });
    if (b.type === 'VolumeInput') Object.assign(b.params, { depth: 16, height: 16, width: 16 });
    if (b.type === 'UNet3D') Object.assign(b.params, { depth: 2, baseFilters: 4 });
  }
  return JSON.stringify(doc);
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerJimuWasmKernels();
});
afterAll(() => installLeanGradients());

async function gradientsAndPeak(backend: string, lean: boolean): Promise<{ grads: Float32Array[]; peak: number; left: number }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  if (lean) installLeanGradients();
  else uninstallLeanGradients();
  const result = compile(smallGlioma(), REGISTRY);
  const plan = result.plan;
  if (!plan) throw new Error(JSON.stringify(result.diagnostics));
  const model = await buildModel(plan);
  const loss = lossFunction(plan.training.loss);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const x = tf.randomNormal([2, 16, 16, 16, 4], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.randomUniformInt([2, 16, 16, 16], 0, 4, { seed: 8 } as never), 4).toFloat();
  let grads: tf.Tensor[] = [];
  const profile = await tf.profile(() => {
    grads = Object.values(tf.variableGrads(() => loss(y, model.apply(x, { training: true }) as tf.Tensor), vars).grads);
  });
  const values = grads.map((g) => g.dataSync() as Float32Array);
  tf.dispose([...grads, x, y]);
  model.dispose();
  return { grads: values, peak: profile.peakBytes, left: tf.memory().numTensors - before };
}

describe('lean gradients', () => {
  it.each(['cpu', 'wasm'])('equal tfjs own gradients on %s, with a lower peak', async (backend) => {
    const own = await gradientsAndPeak(backend, false);
    const lean = await gradientsAndPeak(backend, true);
    expect(lean.grads.length).toBe(own.grads.length);
    expect(lean.grads.length).toBeGreaterThan(10);
    for (const [i, g] of lean.grads.entries()) expect(Array.from(g)).toEqual(Array.from(own.grads[i]!));
    expect(lean.peak).toBeLessThan(own.peak * 0.8);
    console.log(`${backend}: peak ${(lean.peak / 2 ** 20).toFixed(1)} MiB lean, ${(own.peak / 2 ** 20).toFixed(1)} MiB tfjs`);
    // It leaves no more tensors behind than tfjs' own (the model's disposal leaves a few either way).
    expect(lean.left).toBeLessThanOrEqual(own.left);
  });
});
