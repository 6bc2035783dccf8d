import type { TensorInfo } from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry';
import { patchSize } from './conv-geometry';
import { im2colT } from './im2col-t';
import { simd } from './simd';
import { type WasmBackend, alias, alloc, f32, free, matmulInto, offsetOf, unalias } from './wasm-heap';

/**
 * Filter gradient of a 2D/3D convolution as one GEMM per chunk of output slices:
 *   dW[K, CO] += colᵀ[K, r] · dy[r, CO]
 * colᵀ is built by simd/kernels.c from a channel-major copy of the input (its own transpose: the
 * backend's Transpose is slow for rank 5), one contiguous copy per output row; the JavaScript
 * fallback reads NDHWC directly. dy's rows are used in place as XNNPACK's packed weights.
 */
const CHUNK_FLOATS = 1 << 21;

export function convFilterGradGemm(b: WasmBackend, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, filterShape: number[]): TensorInfo {
  const K = patchSize(g);
  const CO = g.outChannels;
  const plane = g.outHeight * g.outWidth;
  const S = g.batch * g.outDepth;
  const perChunk = Math.max(1, Math.min(S, Math.floor(CHUNK_FLOATS / (K * plane))));
  const colBuf = alloc(b, [perChunk * plane * K]);
  const dw = alloc(b, filterShape);
  const part = alloc(b, [K, CO]);
  const fast = simd(b);
  const xc = fast ? alloc(b, [g.inChannels * g.batch * g.inDepth * g.inHeight * g.inWidth]) : undefined;
  if (fast && xc) fast.to_channel_major(offsetOf(b, x), offsetOf(b, xc), g.batch * g.inDepth * g.inHeight * g.inWidth, g.inChannels);
  try {
    for (let s0 = 0; s0 < S; s0 += perChunk) {
      const s1 = Math.min(S, s0 + perChunk);
      const rc = (s1 - s0) * plane;
      if (fast && xc) {
        fast.im2col_t(
          offsetOf(b, xc), offsetOf(b, colBuf),
          g.batch, g.inDepth, g.inHeight, g.inWidth, g.inChannels, g.outDepth, g.outHeight, g.outWidth,
          g.filterDepth, g.filterHeight, g.filterWidth, g.strideDepth, g.strideHeight, g.strideWidth,
          g.dilationDepth, g.dilationHeight, g.dilationWidth, g.padFront, g.padTop, g.padLeft, s0, s1,
        );
      } else {
        im2colT(f32(b, x), f32(b, colBuf), g, s0, s1);
      }
      const a = alias(b, colBuf, 0, [K, rc]);
      const w = alias(b, dy, s0 * plane * CO, [rc, CO]);
      matmulInto(b, a, w, s0 === 0 ? dw : part, K, rc, CO);
      unalias(b, a);
      unalias(b, w);
      if (s0 > 0) {
        if (fast) fast.add_into(offsetOf(b, dw), offsetOf(b, part), K * CO);
        else {
          const acc = f32(b, dw);
          const p = f32(b, part);
          for (let i = 0; i < K * CO; i++) acc[i] = acc[i]! + p[i]!;
        }
      }
    }
  } finally {
    if (xc) free(b, xc);
    free(b, colBuf);
    free(b, part);
  }
  return dw;
}
