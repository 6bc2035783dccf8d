import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';

/**
 * Direct access to the wasm backend's heap and kernels, for kernels that are compositions of the
 * backend's own fast primitives (XNNPACK matmul and convolution) with a little JavaScript between.
 * Everything here works on TensorInfo (data ids in the wasm heap), never on tf.Tensor, so nothing is
 * recorded on a gradient tape and nothing leaks into the engine's bookkeeping.
 */
export type WasmBackend = BackendWasm;

/** The parts of the Emscripten module we use (its published typings omit them). */
interface WasmModule {
  HEAPU8: Uint8Array;
  cwrap(name: string, ret: null | string, args: string[]): (...args: unknown[]) => unknown;
}

function mod(b: WasmBackend): WasmModule {
  return b.wasm as unknown as WasmModule;
}

/** A Float32Array over a tensor's bytes in the wasm heap. Re-take it after any allocation: the heap may grow. */
export function f32(b: WasmBackend, t: TensorInfo): Float32Array {
  const data = b.dataIdMap.get(t.dataId);
  if (data == null) throw new Error('tensor is not on the wasm backend');
  const size = t.shape.reduce((a, c) => a * c, 1);
  return new Float32Array(mod(b).HEAPU8.buffer, data.memoryOffset, size);
}

/** Byte offset of a tensor's data in the wasm heap (what simd/kernels.c takes as a pointer). */
export function offsetOf(b: WasmBackend, t: TensorInfo): number {
  const data = b.dataIdMap.get(t.dataId);
  if (data == null) throw new Error('tensor is not on the wasm backend');
  return data.memoryOffset;
}

/** A new float32 tensor on the wasm heap (contents undefined). */
export function alloc(b: WasmBackend, shape: number[]): TensorInfo {
  return b.makeOutput(shape, 'float32');
}

/** Frees a tensor made by {@link alloc} or returned by a kernel. */
export function free(b: WasmBackend, t: TensorInfo): void {
  b.disposeData(t.dataId);
}

/**
 * A tensor that *aliases* `shape.length` floats of `t` starting at element `offset`, without copying.
 * Release it with {@link unalias}, never {@link free} (that would free memory it does not own).
 */
export function alias(b: WasmBackend, t: TensorInfo, offset: number, shape: number[]): TensorInfo {
  const data = b.dataIdMap.get(t.dataId);
  if (data == null) throw new Error('tensor is not on the wasm backend');
  return b.makeOutput(shape, 'float32', data.memoryOffset + offset * 4);
}

/** Forgets an alias: drops its id (and any XNNPACK operator cached on it) but leaves the memory alone. */
export function unalias(b: WasmBackend, t: TensorInfo): void {
  const data = b.dataIdMap.get(t.dataId);
  if (data == null) return;
  b.dataIdMap.delete(t.dataId);
  b.wasm.tfjs.disposeData(data.id);
}

type KernelFn = (args: { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: NamedAttrMap }) => TensorInfo | TensorInfo[];

const originals = new Map<string, KernelFn>();

/** Remembers the wasm backend's own kernel before Jimu replaces it, so compositions can still call it. */
export function rememberOriginal(name: string): void {
  if (originals.has(name)) return;
  const k = tf.getKernel(name, 'wasm');
  if (k != null) originals.set(name, k.kernelFunc as unknown as KernelFn);
}

/**
 * Runs one of the wasm backend's kernels (the original when Jimu replaced it) on TensorInfos.
 * Returns the first output, or all of them when `all` is set.
 */
export function run(b: WasmBackend, name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}, all = false): TensorInfo {
  const fn = originals.get(name) ?? (tf.getKernel(name, 'wasm')?.kernelFunc as unknown as KernelFn | undefined);
  if (fn == null) throw new Error(`wasm kernel ${name} is missing`);
  const out = fn({ inputs, backend: b, attrs });
  return (Array.isArray(out) && !all ? out[0]! : out) as TensorInfo;
}

/** out[M,N] = a[M,K] · w[K,N] through XNNPACK's fully-connected operator (w is packed on every call). */
export function matmul(b: WasmBackend, a: TensorInfo, w: TensorInfo): TensorInfo {
  return run(b, 'BatchMatMul', { a, b: w }, { transposeA: false, transposeB: false });
}

/** Copies `src` into `dst` element for element (same size), both on the wasm heap. */
export function copyInto(b: WasmBackend, src: TensorInfo, dst: TensorInfo): void {
  f32(b, dst).set(f32(b, src));
}

type MatMulFn = (aId: number, aShape: Uint8Array, aRank: number, bId: number, bShape: Uint8Array, bRank: number, ta: number, tb: number, outId: number) => void;
let wasmMatMul: MatMulFn | undefined;
let wasmMatMulOwner: unknown;

function idOf(b: WasmBackend, t: TensorInfo): number {
  const data = b.dataIdMap.get(t.dataId);
  if (data == null) throw new Error('tensor is not on the wasm backend');
  return data.id;
}

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/**
 * out[M,N] = a[M,K] · w[K,N] written straight into `out` (which may be an alias into a bigger tensor).
 * Goes through XNNPACK's fully-connected operator, which the wasm backend caches per id of `w`: pass
 * a fresh alias whenever the contents of `w`'s memory changed.
 */
export function matmulInto(b: WasmBackend, a: TensorInfo, w: TensorInfo, out: TensorInfo, m: number, k: number, n: number): void {
  if (wasmMatMul == null || wasmMatMulOwner !== b.wasm) {
    wasmMatMul = mod(b).cwrap('BatchMatMul', null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']) as unknown as MatMulFn;
    wasmMatMulOwner = b.wasm;
  }
  wasmMatMul(idOf(b, a), shapeBytes([1, m, k]), 3, idOf(b, w), shapeBytes([1, k, n]), 3, 0, 0, idOf(b, out));
}

type Conv2DFn = (...args: number[]) => void;
let wasmConv2D: Conv2DFn | undefined;
let wasmConv2DOwner: unknown;

/** Explicit geometry of one XNNPACK 2D convolution (NHWC input, [KH,KW,CI,CO] filter). */
export interface Conv2DCall {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  padTop: number;
  padRight: number;
  padBottom: number;
  padLeft: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
}

/** Output height and width XNNPACK gives for a {@link Conv2DCall}. */
export function conv2DOutSize(c: Conv2DCall): [number, number] {
  const oh = Math.floor((c.inHeight + c.padTop + c.padBottom - c.dilationHeight * (c.filterHeight - 1) - 1) / c.strideHeight) + 1;
  const ow = Math.floor((c.inWidth + c.padLeft + c.padRight - c.dilationWidth * (c.filterWidth - 1) - 1) / c.strideWidth) + 1;
  return [oh, ow];
}

/**
 * XNNPACK's 2D convolution with explicit pads, straight into `out` (any tensor or alias holding
 * batch × outH × outW × outChannels floats). The backend caches the operator (and the packed filter)
 * per id of `filter`: pass a fresh alias whenever the filter's memory changed.
 */
export function conv2DInto(b: WasmBackend, x: TensorInfo, filter: TensorInfo, out: TensorInfo, c: Conv2DCall): void {
  if (c.padTop < 0 || c.padBottom < 0 || c.padLeft < 0 || c.padRight < 0) throw new Error('conv2DInto: negative padding');
  if (wasmConv2D == null || wasmConv2DOwner !== b.wasm) {
    wasmConv2D = mod(b).cwrap('Conv2D', null, Array(19).fill('number')) as unknown as Conv2DFn;
    wasmConv2DOwner = b.wasm;
  }
  wasmConv2D(
    idOf(b, x), c.batch, c.inHeight, c.inWidth,
    idOf(b, filter), c.filterHeight, c.filterWidth,
    c.padTop, c.padRight, c.padBottom, c.padLeft, 0,
    c.dilationHeight, c.dilationWidth, c.strideHeight, c.strideWidth,
    c.inChannels, c.outChannels, idOf(b, out),
  );
}
