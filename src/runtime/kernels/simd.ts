import { SIMD_WASM_BASE64 } from './simd-binary';
import type { WasmBackend } from './wasm-heap';

/**
 * Jimu's own wasm SIMD helpers (simd/kernels.c), instantiated on the wasm backend's memory so they
 * work on tensors in place. When the module cannot be used (a browser with the threaded build's
 * shared memory, or no SIMD), callers fall back to the equivalent JavaScript: same results, slower.
 */
export interface SimdExports {
  im2col_t: (...args: number[]) => void;
  to_channel_major: (x: number, out: number, P: number, C: number) => void;
  add_into: (acc: number, part: number, n: number) => void;
  sum_rows: (x: number, out: number, rows: number, C: number) => void;
  max_pool_grad: (...args: number[]) => void;
  sum_depth_taps: (...args: number[]) => void;
  copy_rows: (src: number, dst: number, rows: number, len: number, srcStride: number, dstStride: number) => void;
}

let enabled = true;
const instances = new WeakMap<object, SimdExports | null>();

/** Turns the SIMD helpers off (tests use it to check the JavaScript fallbacks). */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function backendMemory(b: WasmBackend): WebAssembly.Memory | undefined {
  const asm = (b.wasm as unknown as { asm?: Record<string, unknown> }).asm;
  if (asm == null) return undefined;
  if (asm.memory instanceof WebAssembly.Memory) return asm.memory;
  return Object.values(asm).find((v): v is WebAssembly.Memory => v instanceof WebAssembly.Memory);
}

/**
 * Instantiates the helpers asynchronously (browsers refuse synchronous compilation of modules over
 * 4 KB on the main thread); prepareBackend calls it. Without it, {@link simd} compiles synchronously,
 * which Node and workers allow.
 */
export async function initSimd(b: WasmBackend): Promise<boolean> {
  const key = b.wasm as unknown as object;
  if (!enabled) return false;
  if (instances.get(key) != null) return true;
  try {
    const memory = backendMemory(b);
    if (memory == null) return false;
    const { instance } = await WebAssembly.instantiate(decode(SIMD_WASM_BASE64) as BufferSource, { env: { memory } });
    instances.set(key, instance.exports as unknown as SimdExports);
    return true;
  } catch {
    instances.set(key, null);
    return false;
  }
}

/** The helpers bound to this backend's memory, or null when they cannot be used here. */
export function simd(b: WasmBackend): SimdExports | null {
  if (!enabled) return null;
  const key = b.wasm as unknown as object;
  if (instances.has(key)) return instances.get(key)!;
  let ex: SimdExports | null = null;
  try {
    const memory = backendMemory(b);
    if (memory != null) {
      const module = new WebAssembly.Module(decode(SIMD_WASM_BASE64) as BufferSource);
      ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports;
    }
  } catch {
    ex = null;
  }
  instances.set(key, ex);
  return ex;
}
