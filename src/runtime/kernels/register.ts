import type { KernelConfig } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { ARRAY_KERNELS } from './array-kernels';
import { CONV_KERNELS } from './conv-kernels';
import { registerJimuGradients, setDilatedKernelsProbe } from './gradients';
import { POOL_KERNELS } from './pool-kernels';
import { RESIZE_KERNELS } from './resize-kernels';
import { rememberOriginal } from './wasm-heap';

/** Every kernel Jimu provides for the wasm backend. */
export const JIMU_WASM_KERNELS: KernelConfig[] = [...CONV_KERNELS, ...POOL_KERNELS, ...RESIZE_KERNELS, ...ARRAY_KERNELS];

let registered = false;

/**
 * Registers Jimu's kernels on the 'wasm' backend (idempotent), replacing the backend's own versions
 * of the same names. The originals are remembered so compositions and comparisons can still call them.
 */
export function registerJimuWasmKernels(): string[] {
  registerJimuGradients();
  if (!registered) {
    for (const k of JIMU_WASM_KERNELS) {
      rememberOriginal(k.kernelName);
      if (tf.getKernel(k.kernelName, 'wasm') != null) tf.unregisterKernel(k.kernelName, 'wasm');
      tf.registerKernel(k);
    }
    registered = true;
    setDilatedKernelsProbe(() => tf.getBackend() === 'wasm');
  }
  return JIMU_WASM_KERNELS.map((k) => k.kernelName);
}
