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
  const perSlice = pix * KD * CO;
  // All slices in one call when their tap outputs fit in a tile; else runs of output slices per sample,
  // each with just the input slices it needs (a 96³ U-Net's decoder would need a 340 MB buffer).
  const whole = slices * perSlice <= tileFloats;
  const tileOut = whole ? g.outDepth : Math.min(g.outDepth, Math.max(1, Math.floor((Math.floor(tileFloats / perSlice) - (KD - 1) * g.dilationDepth - 1) / g.strideDepth) + 1));
  const span = whole ? slices : Math.min(g.inDepth, (tileOut - 1) * g.strideDepth + (KD - 1) * g.dilationDepth + 1);
  const tmp = alloc(b, [span * perSlice]);
  const sliceIn = g.inHeight * g.inWidth * CI;
  try {
    if (whole) {
      conv2DInto(b, xs, wcat, tmp, call);
      sumDepthTaps(b, tmp, 0, y, 0, g.batch, g.inDepth, g.outDepth, pix, KD, CO, g.strideDepth, g.dilationDepth, g.padFront);
      return y;
    }
    for (let n = 0; n < g.batch; n++)
      for (let o0 = 0; o0 < g.outDepth; o0 += tileOut) {
        const o1 = Math.min(g.outDepth, o0 + tileOut);
        const i0 = Math.max(0, o0 * g.strideDepth - g.padFront);
        const i1 = Math.min(g.inDepth, (o1 - 1) * g.strideDepth + (KD - 1) * g.dilationDepth - g.padFront + 1);
        const yOff = (n * g.outDepth + o0) * pix * CO;
        if (i1 <= i0) {
          f32(b, y).fill(0, yOff, yOff + (o1 - o0) * pix * CO);
          continue;
        }
        const part = alias(b, x, (n * g.inDepth + i0) * sliceIn, [i1 - i0, g.inHeight, g.inWidth, CI]);
        conv2DInto(b, part, wcat, tmp, { ...call, batch: i1 - i0 });
        unalias(b, part);
        // Output slice od sees input slice id = od·sd + kd·dd − pf; here od counts from o0 and id from i0.
        sumDepthTaps(b, tmp, 0, y, yOff, 1, i1 - i0, o1 - o0, pix, KD, CO, g.strideDepth, g.dilationDepth, g.padFront + i0 - o0 * g.strideDepth);
      }
  } finally {
    unalias(b, xs);
    free(b, wcat);
    free(b, tmp);
  }
  return y;
}

/** Largest tap buffer (floats) {@link convForwardXnn} makes before it tiles over output slices. */
const TILE_FLOATS = 1 << 25;
let tileFloats = TILE_FLOATS;

/** Sets the tile size (floats); tests force tiling on small shapes with it. Returns the previous value. */
export function setConvTileFloats(floats?: number): number {
  const previous = tileFloats;
  tileFloats = floats ?? TILE_FLOATS;
  return previous;
}

/**
 * out[n, od] = Σ_kd t[n, od·sd + kd·dd − pf, :, kd] (taps outside 0…D−1 skipped), over N samples and OD
 * output slices, with t and out starting `tOff` and `outOff` floats into their tensors.
 */
function sumDepthTaps(b: WasmBackend, tmp: TensorInfo, tOff: number, y: TensorInfo, outOff: number, N: number, D: number, OD: number, pix: number, KD: number, CO: number, sd: number, dd: number, pf: number): void {
  const fast = simd(b);
  if (fast) {
    fast.sum_depth_taps(offsetOf(b, tmp) + tOff * 4, offsetOf(b, y) + outOff * 4, N, D, OD, pix, KD, CO, sd, dd, pf);
    return;
  }
  const t = f32(b, tmp);
  const out = f32(b, y);
  out.fill(0, outOff, outOff + N * OD * pix * CO);
  for (let n = 0; n < N; n++) {
    for (let od = 0; od < OD; od++) {
      const o0 = outOff + (n * OD + od) * pix * CO;
      for (let kd = 0; kd < KD; kd++) {
        const id = od * sd + kd * dd - pf;
        if (id < 0 || id >= D) continue;
        let s = tOff + (n * D + id) * pix * KD * CO + kd * CO;
        let o = o0;
        for (let p = 0; p < pix; p++, s += KD * CO) for (let co = 0; co < CO; co++, o++) out[o] = out[o]! + t[s + co]!;
      }
    }
  }
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
