import type { Plan } from '../core';
import { tf } from './tf';

/**
 * Which tfjs backend trains a plan, and why.
 *
 * The rule: pick the fastest backend that is known to compute *training* correctly where we run.
 * - Node: 'cpu' (tfjs-node cannot be installed here; the wasm backend is not trusted yet, see below).
 * - Browser or worker: 'webgl' when it initialises (every gradient kernel exists), else 'cpu'.
 * - 'wasm' only when every layer of the model is in {@link WASM_VERIFIED_LAYERS}: tfjs-backend-wasm
 *   4.22 has no Conv2DBackpropFilter and its Conv3D gradients are silently wrong, so a model is
 *   trained on wasm only once a kernel check has proven each of its layers' forward and backward
 *   kernels against 'cpu'. That set starts empty; the kernels effort fills it.
 * An explicit choice (`options.backend`, the CLI's --backend) always wins, when it initialises.
 */
export const WASM_VERIFIED_LAYERS: Set<string> = new Set<string>();

export interface BackendChoice {
  name: string;
  /** Plain words on why this backend was chosen, for logs and the dashboard. */
  reason: string;
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

/** True when every layer of the plan has training kernels verified on wasm. */
export function wasmCanTrain(plan: Plan, verified: ReadonlySet<string> = WASM_VERIFIED_LAYERS): boolean {
  return layerClasses(plan).every((c) => c === 'InputLayer' || verified.has(c));
}

/** Decides the backend without switching to it (pure apart from reading what is registered). */
export function chooseBackend(plan: Plan, requested?: string): BackendChoice {
  if (requested) return { name: requested, reason: `requested explicitly` };
  const registered = (name: string) => tf.findBackendFactory(name) != null;
  if (registered('wasm') && wasmCanTrain(plan)) return { name: 'wasm', reason: 'every layer has verified wasm training kernels' };
  if (inNode()) return { name: 'cpu', reason: 'Node without tfjs-node: the cpu backend trains every layer correctly' };
  if (registered('webgl')) return { name: 'webgl', reason: 'the GPU through WebGL has every training kernel' };
  return { name: 'cpu', reason: 'no faster backend that trains every layer correctly is available' };
}

/**
 * Switches tfjs to the chosen backend and returns the one actually in use. When the choice fails to
 * initialise (no WebGL in this browser), falls back to 'cpu' and says so.
 */
export async function useBackend(plan: Plan, requested?: string): Promise<BackendChoice> {
  const choice = chooseBackend(plan, requested);
  if (tf.getBackend() === choice.name) return choice;
  let ok = false;
  try {
    ok = await tf.setBackend(choice.name);
  } catch {
    ok = false;
  }
  if (!ok) {
    if (requested) throw new Error(`The "${requested}" backend is not available here. Leave the backend unset to let Jimu choose one.`);
    await tf.setBackend('cpu');
    return { name: 'cpu', reason: `${choice.name} did not start here, so the cpu backend is used` };
  }
  await tf.ready();
  return choice;
}

/** The backend tfjs is using now. */
export function currentBackend(): string {
  return tf.getBackend();
}
