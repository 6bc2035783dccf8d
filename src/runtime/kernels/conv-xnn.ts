import type { TensorInfo } from '@tensorflow/tfjs';
import type { ConvGeometry } from './conv-geometry';
import { simd } from './simd';
import { type Conv2DCall, type WasmBackend, alias, alloc, conv2DInto, conv2DOutSize, f32, free, offsetOf, run, unalias } from './wasm-heap';

/**
 * Convolutions built on XNNPACK's 2D convolution (the fastest primitive in the wasm backend):
 * - forward (2D or 3D): every depth tap of a 3D filter is a 2D convolution of all input slices; the
 *   taps run as ONE 2D convolution with the taps' filters side by side (KD·CO output channels, which
 *   XNNPACK tiles better than CO), and their slices are summed at the right depth offsets;
 * - input gradient at stride 1: the forward routine applied to dy with the flipped, transposed filter;
 * - filter gradient (any stride): a 2D convolution with batch and channels exchanged —
 *   dW[kd] = conv(xᵀ_kd [CI,H,W,B], dyᵀ [OH,OW,B,CO]) with stride = dilation and dilation = stride,
 *   where B runs over (sample, output slice) pairs and xᵀ_kd holds the input slice each pair sees at tap kd.
 */

/** y = conv(x, filter) for a {@link ConvGeometry} whose filter is [KD,KH,KW,CI,CO] (any pads, any strides). */
export function convForwardXnn(b: WasmBackend, x: TensorInfo, filter: TensorInfo, g: ConvGeometry, outShape: number[]): TensorInfo {
  const { filterDepth: KD, filterHeight: KH, filterWidth: KW, inChannels: CI, outChannels: CO } = g;
  const slices = g.batch * g.inDepth;
  const call: Conv2DCall = {
    batch: slices, inHeight: g.inHeight, inWidth: g.inWidth, inChannels: CI, outChannels: KD * CO,
    filterHeight: KH, filterWidth: KW,
    padTop: g.padTop, padBottom: g.padBottom, padLeft: g.padLeft, padRight: g.padRight,
    strideHeight: g.strideHeight, strideWidth: g.strideWidth, dilationHeight: g.dilationHeight, dilationWidth: g.dilationWidth,
  };
  const [oh, ow] = conv2DOutSize(call);
  if (oh !== g.outHeight || ow !== g.outWidth) throw new Error(`convForwardXnn: XNNPACK would give ${oh}x${ow}, expected ${g.outHeight}x${g.outWidth}`);
  const y = alloc(b, outShape);
  const xs = alias(b, x, 0, [slices, g.inHeight, g.inWidth, CI]);
  const direct = KD === 1 && g.inDepth === g.outDepth && g.padFront === 0 && g.strideDepth === 1;
  if (direct) {
    const w = alias(b, filter, 0, [KH, KW, CI, CO]);
    conv2DInto(b, xs, w, y, call);
    unalias(b, w);
    unalias(b, xs);
    return y;
  }
  // Filters of all depth taps side by side: wcat[kh,kw,ci, kd·CO + co] = W[kd,kh,kw,ci,co].
  const taps = KH * KW * CI;
  const wcat = alloc(b, [KH, KW, CI, KD * CO]);
  {
    const src = f32(b, filter);
    const dst = f32(b, wcat);
    for (let kd = 0; kd < KD; kd++)
      for (let t = 0; t < taps; t++)
        for (let co = 0; co < CO; co++) dst[t * KD * CO + kd * CO + co] = src[(kd * taps + t) * CO + co]!;
  }
  const pix = oh * ow;
  const tmp = alloc(b, [slices * pix * KD * CO]);
  try {
    conv2DInto(b, xs, wcat, tmp, call);
    const fast = simd(b);
    if (fast) {
      fast.sum_depth_taps(offsetOf(b, tmp), offsetOf(b, y), g.batch, g.inDepth, g.outDepth, pix, KD, CO, g.strideDepth, g.dilationDepth, g.padFront);
      return y;
    }
    const t = f32(b, tmp);
    const out = f32(b, y);
    out.fill(0);
    for (let n = 0; n < g.batch; n++) {
      for (let od = 0; od < g.outDepth; od++) {
        const o0 = (n * g.outDepth + od) * pix * CO;
        for (let kd = 0; kd < KD; kd++) {
          const id = od * g.strideDepth + kd * g.dilationDepth - g.padFront;
          if (id < 0 || id >= g.inDepth) continue;
          let s = (n * g.inDepth + id) * pix * KD * CO + kd * CO;
          let o = o0;
          for (let p = 0; p < pix; p++, s += KD * CO) for (let co = 0; co < CO; co++, o++) out[o] = out[o]! + t[s + co]!;
        }
      }
    }
  } finally {
    unalias(b, xs);
    free(b, wcat);
    free(b, tmp);
  }
  return y;
}

/** dx for a stride-1 convolution: the forward routine on dy with the flipped, transposed filter. */
export function convInputGradXnn(b: WasmBackend, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry, inShape: number[]): TensorInfo {
  if (g.strideDepth !== 1 || g.strideHeight !== 1 || g.strideWidth !== 1) throw new Error('convInputGradXnn needs stride 1');
  const { filterDepth: KD, filterHeight: KH, filterWidth: KW, inChannels: CI, outChannels: CO } = g;
  const flipped = alloc(b, [KD, KH, KW, CO, CI]);
  {
    const src = f32(b, filter);
    const dst = f32(b, flipped);
    for (let kd = 0; kd < KD; kd++)
      for (let kh = 0; kh < KH; kh++)
        for (let kw = 0; kw < KW; kw++) {
          const s0 = (((KD - 1 - kd) * KH + (KH - 1 - kh)) * KW + (KW - 1 - kw)) * CI * CO;
          const d0 = ((kd * KH + kh) * KW + kw) * CO * CI;
          for (let ci = 0; ci < CI; ci++) for (let co = 0; co < CO; co++) dst[d0 + co * CI + ci] = src[s0 + ci * CO + co]!;
        }
  }
  const padFront = g.dilationDepth * (KD - 1) - g.padFront;
  const padTop = g.dilationHeight * (KH - 1) - g.padTop;
  const padLeft = g.dilationWidth * (KW - 1) - g.padLeft;
  const back: ConvGeometry = {
    ...g,
    inDepth: g.outDepth, inHeight: g.outHeight, inWidth: g.outWidth, inChannels: CO,
    outDepth: g.inDepth, outHeight: g.inHeight, outWidth: g.inWidth, outChannels: CI,
    padFront, padTop, padLeft,
    padBack: g.inDepth - g.outDepth + g.padFront,
    padBottom: g.inHeight - g.outHeight + g.padTop,
    padRight: g.inWidth - g.outWidth + g.padLeft,
  };
  try {
    return convForwardXnn(b, dy, flipped, back, inShape);
  } finally {
    free(b, flipped);
  }
}

/** dW for any convolution: per depth tap, one XNNPACK convolution with batch and channels exchanged. */
export function convFilterGradXnn(b: WasmBackend, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, filterShape: number[]): TensorInfo {
  const { filterDepth: KD, filterHeight: KH, filterWidth: KW, inChannels: CI, outChannels: CO } = g;
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = g;
  const B = g.batch * g.outDepth;
  const sliceX = H * W * CI;
  // dyᵀ [OH, OW, B, CO] with B = (n, od).
  const dy5 = alias(b, dy, 0, [g.batch, g.outDepth, OH, OW, CO]);
  const dyT = run(b, 'Transpose', { x: dy5 }, { perm: [2, 3, 0, 1, 4] });
  unalias(b, dy5);
  const call: Conv2DCall = {
    batch: CI, inHeight: H, inWidth: W, inChannels: B, outChannels: CO,
    filterHeight: OH, filterWidth: OW,
    padTop: g.padTop, padLeft: g.padLeft,
    padBottom: Math.max(0, (KH - 1) * g.dilationHeight + g.strideHeight * (OH - 1) + 1 - H - g.padTop),
    padRight: Math.max(0, (KW - 1) * g.dilationWidth + g.strideWidth * (OW - 1) + 1 - W - g.padLeft),
    strideHeight: g.dilationHeight, strideWidth: g.dilationWidth,
    dilationHeight: g.strideHeight, dilationWidth: g.strideWidth,
  };
  const [rh, rw] = conv2DOutSize(call);
  if (rh < KH || rw < KW) throw new Error('convFilterGradXnn: geometry gives too small an output');
  const dw = alloc(b, filterShape);
  const res = alloc(b, [CI, rh, rw, CO]);
  const direct = KD === 1 && g.inDepth === g.outDepth && g.padFront === 0 && g.strideDepth === 1;
  const gathered = direct ? undefined : alloc(b, [B, H, W, CI]);
  try {
    for (let kd = 0; kd < KD; kd++) {
      let xk: TensorInfo;
      if (gathered == null) {
        xk = alias(b, x, 0, [B, H, W, CI]);
      } else {
        // The input slice each (n, od) pair sees at tap kd (zeros where it falls in the padding).
        const src = f32(b, x);
        const dst = f32(b, gathered);
        for (let n = 0; n < g.batch; n++)
          for (let od = 0; od < g.outDepth; od++) {
            const id = od * g.strideDepth + kd * g.dilationDepth - g.padFront;
            const d0 = (n * g.outDepth + od) * sliceX;
            if (id < 0 || id >= g.inDepth) dst.fill(0, d0, d0 + sliceX);
            else dst.set(src.subarray((n * g.inDepth + id) * sliceX, (n * g.inDepth + id + 1) * sliceX), d0);
          }
        xk = alias(b, gathered, 0, [B, H, W, CI]);
      }
      const xT = run(b, 'Transpose', { x: xk }, { perm: [3, 1, 2, 0] });
      unalias(b, xk);
      const filt = alias(b, dyT, 0, [OH, OW, B, CO]);
      conv2DInto(b, xT, filt, res, call);
      unalias(b, filt);
      free(b, xT);
      // res [CI, rh, rw, CO] → dW[kd, kh, kw, ci, co] (the first KH×KW outputs).
      const r = f32(b, res);
      const out = f32(b, dw);
      for (let kh = 0; kh < KH; kh++)
        for (let kw = 0; kw < KW; kw++)
          for (let ci = 0; ci < CI; ci++) {
            const s0 = ((ci * rh + kh) * rw + kw) * CO;
            const d0 = (((kd * KH + kh) * KW + kw) * CI + ci) * CO;
            for (let co = 0; co < CO; co++) out[d0 + co] = r[s0 + co]!;
          }
    }
  } finally {
    free(b, dyT);
    free(b, res);
    if (gathered) free(b, gathered);
  }
  return dw;
}
