import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../tf';
import { checkKernels } from './self-check';

/**
 * The self-check has teeth: on the stock wasm backend (Jimu's kernels not registered; vitest runs
 * each file in its own process) it must reject exactly the kernels we know to be missing or wrong.
 */
describe('self-check on the stock wasm backend', () => {
  it('rejects the missing and wrong kernels of tfjs-backend-wasm 4.22', async () => {
    await tf.setBackend('wasm');
    const report = await checkKernels('wasm');
    const failed = report.kernels.filter((k) => !k.ok).map((k) => k.kernel);
    // FusedBatchNorm is no longer among them: its failure was tfjs-core's rank-4-only gradient, and Jimu's gradient
    // replaces it on every backend as soon as the batch-norm layer loads (src/runtime/layers/batch-normalization.ts).
    for (const k of ['Conv2DBackpropFilter', 'Conv3DBackpropInputV2', 'MaxPoolGrad', 'ResizeBilinearGrad', 'AvgPoolGrad', 'AvgPool3DGrad']) {
      expect(failed).toContain(k);
    }
    expect(report.ok).toBe(false);
  });
});
