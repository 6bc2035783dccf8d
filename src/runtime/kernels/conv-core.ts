import type { TensorInfo } from '@tensorflow/tfjs';
import { type ConvGeometry, outputRows, patchSize } from './conv-geometry';
import { col2im, im2col } from './im2col';
import { type WasmBackend, alias, alloc, f32, free, matmulInto, unalias } from './wasm-heap';

/**
 * Convolutions as im2col + XNNPACK GEMM, in chunks of output rows so the patch matrix stays small
 * (a 3D U-Net's full patch matrix would be hundreds of MB). Shapes are NDHWC; 2D is D = 1.
 *   forward:        y[R,CO]   = col[R,K] · W[K,CO]
 *   filter grad:    dWᵀ[CO,K] = Σ_chunks dyᵀ[CO,r] · col[r,K]
 *   input grad:     dcol[R,K] = dy[R,CO] · Wᵀ[CO,K], then col2im adds it back into dx
 */
const CHUNK_FLOATS = 1 << 21;

function rowsPerChunk(g: ConvGeometry): number {
  return Math.max(1, Math.floor(CHUNK_FLOATS / Math.max(patchSize(g), g.outChannels)));
}

/** Forward convolution: x [N,D,H,W,CI], filter [KD,KH,KW,CI,CO] → y with shape `outShape`. */
export function convForward(b: WasmBackend, x: TensorInfo, filter: TensorInfo, g: ConvGeometry, outShape: number[]): TensorInfo {
  const R = outputRows(g);
  const K = patchSize(g);
  const CO = g.outChannels;
  const y = alloc(b, outShape);
  const chunk = Math.min(R, rowsPerChunk(g));
  const colBuf = alloc(b, [chunk * K]);
  const w = alias(b, filter, 0, [K, CO]);
  try {
    for (let r0 = 0; r0 < R; r0 += chunk) {
      const rc = Math.min(chunk, R - r0);
      im2col(f32(b, x), g, r0, r0 + rc, f32(b, colBuf));
      const col = alias(b, colBuf, 0, [rc, K]);
      const out = alias(b, y, r0 * CO, [rc, CO]);
      matmulInto(b, col, w, out, rc, K, CO);
      unalias(b, col);
      unalias(b, out);
    }
  } finally {
    unalias(b, w);
    free(b, colBuf);
  }
  return y;
}

/** Filter gradient: x [N,D,H,W,CI], dy [N,OD,OH,OW,CO] → dW with shape `filterShape` ([KD,]KH,KW,CI,CO). */
export function convFilterGrad(b: WasmBackend, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, filterShape: number[]): TensorInfo {
  const R = outputRows(g);
  const K = patchSize(g);
  const CO = g.outChannels;
  const chunk = Math.min(R, rowsPerChunk(g));
  const colBuf = alloc(b, [chunk * K]);
  const dyT = alloc(b, [CO * chunk]);
  const acc = alloc(b, [CO, K]);
  const part = alloc(b, [CO, K]);
  try {
    let first = true;
    for (let r0 = 0; r0 < R; r0 += chunk) {
      const rc = Math.min(chunk, R - r0);
      im2col(f32(b, x), g, r0, r0 + rc, f32(b, colBuf));
      // dyᵀ of this chunk, [CO, rc]: small (CO ≤ a few hundred), a plain JS transpose.
      const src = f32(b, dy);
      const dst = f32(b, dyT);
      for (let r = 0; r < rc; r++) {
        const s = (r0 + r) * CO;
        for (let c = 0; c < CO; c++) dst[c * rc + r] = src[s + c]!;
      }
      const a = alias(b, dyT, 0, [CO, rc]);
      const col = alias(b, colBuf, 0, [rc, K]);
      matmulInto(b, a, col, first ? acc : part, CO, rc, K);
      unalias(b, a);
      unalias(b, col);
      if (!first) {
        const av = f32(b, acc);
        const pv = f32(b, part);
        for (let i = 0; i < av.length; i++) av[i] = av[i]! + pv[i]!;
      }
      first = false;
    }
    const dw = alloc(b, filterShape);
    const av = f32(b, acc);
    const out = f32(b, dw);
    for (let k = 0; k < K; k++) for (let c = 0; c < CO; c++) out[k * CO + c] = av[c * K + k]!;
    return dw;
  } finally {
    free(b, colBuf);
    free(b, dyT);
    free(b, acc);
    free(b, part);
  }
}

/** Input gradient: dy [N,OD,OH,OW,CO], filter [KD,KH,KW,CI,CO] → dx with shape `inShape`. */
export function convInputGrad(b: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry, inShape: number[]): TensorInfo {
  const R = outputRows(g);
  const K = patchSize(g);
  const CO = g.outChannels;
  const chunk = Math.min(R, rowsPerChunk(g));
  const dx = alloc(b, inShape);
  f32(b, dx).fill(0);
  const colBuf = alloc(b, [chunk * K]);
  const wT = alloc(b, [CO, K]);
  {
    const wv = f32(b, filter);
    const tv = f32(b, wT);
    for (let k = 0; k < K; k++) for (let c = 0; c < CO; c++) tv[c * K + k] = wv[k * CO + c]!;
  }
  try {
    for (let r0 = 0; r0 < R; r0 += chunk) {
      const rc = Math.min(chunk, R - r0);
      const a = alias(b, dy, r0 * CO, [rc, CO]);
      const col = alias(b, colBuf, 0, [rc, K]);
      matmulInto(b, a, wT, col, rc, CO, K);
      unalias(b, a);
      unalias(b, col);
      col2im(f32(b, colBuf), g, r0, r0 + rc, f32(b, dx));
    }
  } finally {
    free(b, colBuf);
    free(b, wT);
  }
  return dx;
}
