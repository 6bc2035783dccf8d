import { type ConvGeometry, patchSize } from './conv-geometry';

/**
 * Writes rows [rowStart, rowEnd) of the im2col matrix of `x` (NDHWC) into `col` (row-major,
 * patchSize(g) columns ordered as the filter's [kd, kh, kw, ci]). Taps that fall in the padding are 0.
 * Pure loops over typed arrays: V8 compiles them to tight machine code and no tfjs op is involved.
 */
export function im2col(x: Float32Array, g: ConvGeometry, rowStart: number, rowEnd: number, col: Float32Array): void {
  const C = g.inChannels;
  const K = patchSize(g);
  const rowW = g.inWidth * C;
  const sliceHW = g.inHeight * rowW;
  const sampleDHW = g.inDepth * sliceHW;
  let o = 0;
  for (let r = rowStart; r < rowEnd; r++) {
    let t = r;
    const ow = t % g.outWidth;
    t = (t - ow) / g.outWidth;
    const oh = t % g.outHeight;
    t = (t - oh) / g.outHeight;
    const od = t % g.outDepth;
    const n = (t - od) / g.outDepth;
    const d0 = od * g.strideDepth - g.padFront;
    const h0 = oh * g.strideHeight - g.padTop;
    const w0 = ow * g.strideWidth - g.padLeft;
    const xn = n * sampleDHW;
    for (let kd = 0; kd < g.filterDepth; kd++) {
      const id = d0 + kd * g.dilationDepth;
      const dOk = id >= 0 && id < g.inDepth;
      for (let kh = 0; kh < g.filterHeight; kh++) {
        const ih = h0 + kh * g.dilationHeight;
        const hOk = dOk && ih >= 0 && ih < g.inHeight;
        const base = xn + id * sliceHW + ih * rowW;
        for (let kw = 0; kw < g.filterWidth; kw++) {
          const iw = w0 + kw * g.dilationWidth;
          if (hOk && iw >= 0 && iw < g.inWidth) {
            let s = base + iw * C;
            for (let c = 0; c < C; c++) col[o++] = x[s++]!;
          } else {
            for (let c = 0; c < C; c++) col[o++] = 0;
          }
        }
      }
    }
  }
  if (o !== (rowEnd - rowStart) * K) throw new Error('im2col wrote the wrong number of values');
}

/**
 * The adjoint of {@link im2col}: adds rows [rowStart, rowEnd) of `col` back into `dx` (NDHWC).
 * The caller zeroes `dx` once before the first chunk.
 */
export function col2im(col: Float32Array, g: ConvGeometry, rowStart: number, rowEnd: number, dx: Float32Array): void {
  const C = g.inChannels;
  const rowW = g.inWidth * C;
  const sliceHW = g.inHeight * rowW;
  const sampleDHW = g.inDepth * sliceHW;
  let o = 0;
  for (let r = rowStart; r < rowEnd; r++) {
    let t = r;
    const ow = t % g.outWidth;
    t = (t - ow) / g.outWidth;
    const oh = t % g.outHeight;
    t = (t - oh) / g.outHeight;
    const od = t % g.outDepth;
    const n = (t - od) / g.outDepth;
    const d0 = od * g.strideDepth - g.padFront;
    const h0 = oh * g.strideHeight - g.padTop;
    const w0 = ow * g.strideWidth - g.padLeft;
    const xn = n * sampleDHW;
    for (let kd = 0; kd < g.filterDepth; kd++) {
      const id = d0 + kd * g.dilationDepth;
      const dOk = id >= 0 && id < g.inDepth;
      for (let kh = 0; kh < g.filterHeight; kh++) {
        const ih = h0 + kh * g.dilationHeight;
        const hOk = dOk && ih >= 0 && ih < g.inHeight;
        const base = xn + id * sliceHW + ih * rowW;
        for (let kw = 0; kw < g.filterWidth; kw++) {
          const iw = w0 + kw * g.dilationWidth;
          if (hOk && iw >= 0 && iw < g.inWidth) {
            let s = base + iw * C;
            for (let c = 0; c < C; c++, s++, o++) dx[s] = dx[s]! + col[o]!;
          } else {
            o += C;
          }
        }
      }
    }
  }
}
