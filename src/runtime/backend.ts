import type { Plan } from '../core';
import { prepareBackend } from './kernels';
import { REQUESTED_EXPLICITLY } from './slow-backend';
import { tf } from './tf';
import { CodedError } from '../core/diagnostics/coded-error';

/**
 * Which tfjs backend trains a plan, and why.
 *
 * The rule: the fastest backend that is known to compute *training* correctly where we run.
 * - A GPU in a browser (WebGPU, then WebGL) when one starts: their kernels come with tfjs.
 * - Otherwise — Node, or a browser without a GPU — `wasm` with Jimu's own kernels
 *   (src/runtime/kernels): stock tfjs-backend-wasm 4.22 lacks Conv2DBackpropFilter and computes
 *   several gradients wrongly, so a self-check compares every kernel the model's layers need with
 *   the `cpu` backend and with finite differences first, and wasm is used only if all pass.
 * - Else `cpu`: pure JavaScript, slow, the reference.
 * An explicit choice (`options.backend`, the CLI's --backend) always wins, when it starts.
 */
export interface BackendChoice {
  name: string;
  /** Plain words on why this backend was chosen, for logs, the dashboard and the run manifest. */
  reason: string;
  /** Jimu kernels the self-check proved for this model on this backend (empty when none were needed). */
  kernels: string[];
}

/** True when running in Node (the CLI and tests), not in a page or a worker. */
export function inNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Layer class names of a plan's model. */
export function layerClasses(plan: Plan): string[] {
  return [...new Set(plan.model.topology.config.layers.map((l) => l.class_name))];
}

async function trySet(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && (await tf.ready(), tf.getBackend() === name);
  } catch {
    return false;
  }
}

/**
 * Switches tfjs to the backend that will train this plan and returns it with the reason.
 * `wasmPaths` says where a browser finds the wasm binaries (Node finds them itself).
 */
export async function useBackend(plan: Plan, requested?: string, options: { wasmPaths?: string | Record<string, string>; gpus?: readonly string[] } = {}): Promise<BackendChoice> {
  if (requested && requested !== 'wasm') {
    if (!(await trySet(requested))) throw new CodedError('J602', { backend: requested });
    return { name: requested, reason: REQUESTED_EXPLICITLY, kernels: [] };
  }
  // A caller that knows which GPUs are real (not a software renderer) names them in `gpus`.
  if (!requested && !inNode()) {
    for (const gpu of options.gpus ?? ['webgpu', 'webgl']) {
      if (tf.findBackendFactory(gpu) != null && (await trySet(gpu))) return { name: gpu, reason: `the GPU through ${gpu === 'webgpu' ? 'WebGPU' : 'WebGL'} has every training kernel`, kernels: [] };
    }
  }
  const prepared = await prepareBackend(requested, { layers: layerClasses(plan), ...(options.wasmPaths != null ? { wasmPaths: options.wasmPaths } : {}) });
  return { name: prepared.backend, reason: prepared.reason, kernels: prepared.kernels };
}

/** The backend tfjs is using now. */
export function currentBackend(): string {
  return tf.getBackend();
}
