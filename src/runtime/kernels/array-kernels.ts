import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { simd } from './simd';
import { type WasmBackend, alloc, f32, offsetOf, rememberOriginal, run } from './wasm-heap';

/**
 * Memory-bound kernels where the stock wasm backend goes through its slow rank-5 Transpose: a
 * concatenation's gradient (SplitV) took 30-40% of a 3D U-Net step and the bias gradients (Sum over
 * every axis but the last) another 10-20%. These handle the float32 cases Jimu trains with as
 * strided row copies and a row sum (simd/kernels.c, JavaScript fallback), and hand anything else to
 * the backend's own kernel.
 */
type Args = { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: NamedAttrMap };

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

function copyRows(b: WasmBackend, src: TensorInfo, srcOff: number, dst: TensorInfo, dstOff: number, rows: number, len: number, srcStride: number, dstStride: number): void {
  const fast = simd(b);
  if (fast) {
    fast.copy_rows(offsetOf(b, src) + srcOff * 4, offsetOf(b, dst) + dstOff * 4, rows, len, srcStride, dstStride);
    return;
  }
  const s = f32(b, src);
  const d = f32(b, dst);
  for (let r = 0; r < rows; r++) d.set(s.subarray(srcOff + r * srcStride, srcOff + r * srcStride + len), dstOff + r * dstStride);
}

function splitV({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { x } = inputs as { x: TensorInfo };
  const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits as number[] | number, axis);
  if (x.dtype !== 'float32' || size(x.shape) === 0) return run(backend, 'SplitV', inputs, attrs, true) as unknown as TensorInfo[];
  const outer = size(x.shape.slice(0, axis));
  const inner = size(x.shape.slice(axis + 1));
  const dim = x.shape[axis]!;
  let start = 0;
  return sizes.map((s) => {
    const shape = x.shape.slice();
    shape[axis] = s;
    const out = alloc(backend, shape);
    if (s > 0) copyRows(backend, x, start * inner, out, 0, outer, s * inner, dim * inner, s * inner);
    start += s;
    return out;
  });
}

function concat({ inputs, backend, attrs }: Args): TensorInfo {
  const xs = Object.values(inputs) as TensorInfo[];
  const axis = tf.util.parseAxisParam(attrs.axis as number, xs[0]!.shape)[0]!;
  if (xs.length < 2 || xs.some((t) => t.dtype !== 'float32' || size(t.shape) === 0)) return run(backend, 'Concat', inputs, attrs);
  const shape = tf.backend_util.computeOutShape(xs.map((t) => t.shape), axis);
  const outer = size(shape.slice(0, axis));
  const inner = size(shape.slice(axis + 1));
  const dim = shape[axis]!;
  const out = alloc(backend, shape);
  let start = 0;
  for (const t of xs) {
    const s = t.shape[axis]!;
    copyRows(backend, t, 0, out, start * inner, outer, s * inner, s * inner, dim * inner);
    start += s;
  }
  return out;
}

function sum({ inputs, backend, attrs }: Args): TensorInfo {
  const { x } = inputs as { x: TensorInfo };
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape).slice().sort((a, b) => a - b);
  const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
  if (x.dtype !== 'float32' || !leading) return run(backend, 'Sum', inputs, attrs);
  const C = x.shape[rank - 1]!;
  const rows = size(x.shape) / C;
  const out = alloc(backend, attrs.keepDims ? [...Array(rank - 1).fill(1), C] : [C]);
  const fast = simd(backend);
  if (fast) fast.sum_rows(offsetOf(backend, x), offsetOf(backend, out), rows, C);
  else {
    const v = f32(backend, x);
    const o = f32(backend, out);
    o.fill(0);
    for (let r = 0; r < rows; r++) for (let c = 0; c < C; c++) o[c] = o[c]! + v[r * C + c]!;
  }
  return out;
}

const config = (kernelName: string, fn: (a: Args) => TensorInfo | TensorInfo[]): KernelConfig => ({ kernelName, backendName: 'wasm', kernelFunc: fn as unknown as KernelFunc });

/**
 * Identity (what `tf.clone` and the engine's "save for the backward pass" run) shares the input's
 * memory, as Reshape already does and as tfjs' cpu backend does: the stock wasm kernel copies, so
 * every activation a training step keeps for its backward pass existed twice on the heap (the 96³
 * U-Net ran out of the 4 GiB heap in its forward pass). No kernel writes into its inputs.
 */
function identity({ inputs, backend }: Args): TensorInfo {
  const x = inputs.x!;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Cast to the tensor's own dtype (tf.moments casts its input to float32) shares too; real casts go to the backend's kernel. */
function cast(args: Args): TensorInfo {
  const x = args.inputs.x!;
  if (x.dtype === args.attrs.dtype) return identity(args);
  return run(args.backend, 'Cast', args.inputs, args.attrs);
}

export const ARRAY_KERNELS: KernelConfig[] = [config('SplitV', splitV), config('Concat', concat), config('Sum', sum), config('Identity', identity), config('Cast', cast)];

/** Makes sure the stock kernels these fall back to are remembered before replacement. */
export function rememberArrayOriginals(): void {
  for (const k of ARRAY_KERNELS) rememberOriginal(k.kernelName);
}
