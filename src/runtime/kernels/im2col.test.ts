import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from './conv-geometry';
import { outputRows, patchSize } from './conv-geometry';
import { col2im, im2col } from './im2col';

/** col2im must be the exact adjoint of im2col: ⟨im2col(x), C⟩ = ⟨x, col2im(C)⟩ for any x, C. */
function geometry(p: Partial<ConvGeometry> & Pick<ConvGeometry, 'inDepth' | 'inHeight' | 'inWidth' | 'filterDepth' | 'filterHeight' | 'filterWidth'>): ConvGeometry {
  const g = {
    batch: 2, inChannels: 3, outChannels: 1,
    strideDepth: 1, strideHeight: 1, strideWidth: 1,
    dilationDepth: 1, dilationHeight: 1, dilationWidth: 1,
    padFront: 0, padTop: 0, padLeft: 0, padBack: 0, padBottom: 0, padRight: 0, outDepth: 0, outHeight: 0, outWidth: 0,
    ...p,
  };
  const out = (i: number, f: number, s: number, d: number, pad: number) => Math.floor((i + 2 * pad - (d * (f - 1) + 1)) / s) + 1;
  g.outDepth = out(g.inDepth, g.filterDepth, g.strideDepth, g.dilationDepth, g.padFront);
  g.outHeight = out(g.inHeight, g.filterHeight, g.strideHeight, g.dilationHeight, g.padTop);
  g.outWidth = out(g.inWidth, g.filterWidth, g.strideWidth, g.dilationWidth, g.padLeft);
  return g;
}

const rand = (n: number, seed: number) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5);
};

describe('im2col / col2im', () => {
  it.each([
    ['2D 3x3 stride 1 pad 1', geometry({ inDepth: 1, inHeight: 5, inWidth: 7, filterDepth: 1, filterHeight: 3, filterWidth: 3, padTop: 1, padLeft: 1 })],
    ['2D 3x2 stride 2', geometry({ inDepth: 1, inHeight: 7, inWidth: 6, filterDepth: 1, filterHeight: 3, filterWidth: 2, strideHeight: 2, strideWidth: 2 })],
    ['2D dilation 2', geometry({ inDepth: 1, inHeight: 7, inWidth: 8, filterDepth: 1, filterHeight: 3, filterWidth: 3, dilationHeight: 2, dilationWidth: 2, padTop: 2, padLeft: 2 })],
    ['3D 3x3x3 stride 2 pad 1', geometry({ inDepth: 5, inHeight: 4, inWidth: 6, filterDepth: 3, filterHeight: 3, filterWidth: 3, strideDepth: 2, strideHeight: 2, strideWidth: 2, padFront: 1, padTop: 1, padLeft: 1 })],
  ])('are adjoint: %s', (_, g) => {
    const nx = g.batch * g.inDepth * g.inHeight * g.inWidth * g.inChannels;
    const R = outputRows(g);
    const K = patchSize(g);
    const x = rand(nx, 3);
    const c = rand(R * K, 5);
    const col = new Float32Array(R * K);
    // In two chunks, as the kernels call it.
    const mid = Math.floor(R / 3);
    im2col(x, g, 0, mid, col.subarray(0, mid * K));
    im2col(x, g, mid, R, col.subarray(mid * K));
    const dx = new Float32Array(nx);
    col2im(c.subarray(0, mid * K), g, 0, mid, dx);
    col2im(c.subarray(mid * K), g, mid, R, dx);
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < R * K; i++) lhs += col[i]! * c[i]!;
    for (let i = 0; i < nx; i++) rhs += x[i]! * dx[i]!;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs)));
  });
});
