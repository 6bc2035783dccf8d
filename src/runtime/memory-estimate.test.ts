import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { REGISTRY } from '../../blocks';
import { compile } from '../core';
import { buildModel } from './build-model';
import { registerJimuWasmKernels } from './kernels/register';
import { lossFunction } from './losses';
import { makeOptimizer } from './optimizers';
import { tf } from './tf';

/**
 * The compiler's memory estimate against what a training step really holds: every allocation on the
 * wasm heap is counted (malloc/free wrapped) through one step — forward, backward, optimizer update —
 * and the peak of live bytes is compared with the estimate's tensors (weights, optimizer state,
 * activations). The estimate must be within 25 % of it, and not below it.
 */
function glioma(size: number, depth: number, base: number, batchSize: number): string {
  const doc = JSON.parse(readFileSync(new URL('../../public/templates/glioma-segmentation.pipeline.json', import.meta.url), 'utf8')) as { blocks: { type: string; params: Record<string, unknown> }[] };
  for (const b of doc.blocks) {
    if (b.type === 'SampleGlioma') Object.assign(b.params, { count: 8, size });
    if (b.type === 'VolumeInput') Object.assign(b.params, { depth: size, height: size, width: size });
    if (b.type === 'UNet3D') Object.assign(b.params, { depth, baseFilters: base });
    if (b.type === 'Train') Object.assign(b.params, { batchSize });
  }
  return JSON.stringify(doc);
}

interface Heap {
  _malloc(n: number): number;
  _free(p: number): void;
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerJimuWasmKernels();
});

describe('memory estimate against one measured training step', () => {
  it('predicts the peak of live tensors on the wasm heap within 25 % (3D U-Net, 32³, depth 3, 8 filters, batch 2)', async () => {
    const plan = compile(glioma(32, 3, 8, 2), REGISTRY).plan!;
    const estimate = plan.cost.memory!;
    // Emscripten binds _malloc and _free to the wasm exports on their first call: make it first.
    tf.dispose(tf.add(tf.zeros([4]), 1));
    const heap = (tf.backend() as unknown as { wasm: Heap }).wasm;
    const [malloc, free] = [heap._malloc, heap._free];
    const sizes = new Map<number, number>();
    // Counted from before the model is built: its weights and the batch count too.
    let live = 0;
    let peak = 0;
    heap._malloc = (n: number) => {
      const p = malloc(n);
      sizes.set(p, n);
      live += n;
      peak = Math.max(peak, live);
      return p;
    };
    heap._free = (p: number) => {
      live -= sizes.get(p) ?? 0;
      sizes.delete(p);
      free(p);
    };
    const model = await buildModel(plan);
    const loss = lossFunction(plan.training.loss);
    const optimizer = makeOptimizer(plan.training.optimizer);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const x = tf.randomNormal([2, 32, 32, 32, 4], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.randomUniformInt([2, 32, 32, 32], 0, 4, { seed: 2 } as never), 4).toFloat();

    try {
      const cost = optimizer.minimize(() => loss(y, model.apply(x, { training: true }) as tf.Tensor), true, vars)!;
      await cost.data();
      cost.dispose();
    } finally {
      heap._malloc = malloc;
      heap._free = free;
      tf.dispose([x, y]);
      model.dispose();
    }
    const ratio = estimate.tensors / peak;
    console.log(`estimate ${(estimate.tensors / 2 ** 20).toFixed(1)} MiB, measured peak ${(peak / 2 ** 20).toFixed(1)} MiB, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThanOrEqual(1.25);
  });
});
