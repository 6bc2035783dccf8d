import type { ConvGeometry } from './conv-geometry';

/**
 * JavaScript twin of simd/kernels.c's im2col_t (the fallback when the SIMD module cannot load):
 * colT[k][r] for output slices [s0, s1) (s = n·OD + od), k over (kd, kh, kw, ci), r over (s, oh, ow);
 * x is NDHWC.
 */
export function im2colT(x: Float32Array, colT: Float32Array, g: ConvGeometry, s0: number, s1: number): void {
  const { inDepth: D, inHeight: H, inWidth: W, inChannels: CI, outDepth: OD, outHeight: OH, outWidth: OW } = g;
  let o = 0;
  for (let kd = 0; kd < g.filterDepth; kd++)
    for (let kh = 0; kh < g.filterHeight; kh++)
      for (let kw = 0; kw < g.filterWidth; kw++) {
        const iw0 = kw * g.dilationWidth - g.padLeft;
        for (let ci = 0; ci < CI; ci++)
          for (let s = s0; s < s1; s++) {
            const n = Math.floor(s / OD);
            const id = (s - n * OD) * g.strideDepth + kd * g.dilationDepth - g.padFront;
            for (let oh = 0; oh < OH; oh++) {
              const ih = oh * g.strideHeight + kh * g.dilationHeight - g.padTop;
              const inside = id >= 0 && id < D && ih >= 0 && ih < H;
              const base = ((n * D + id) * H + ih) * W;
              for (let ow = 0; ow < OW; ow++, o++) {
                const iw = ow * g.strideWidth + iw0;
                colT[o] = inside && iw >= 0 && iw < W ? x[(base + iw) * CI + ci]! : 0;
              }
            }
          }
      }
}
