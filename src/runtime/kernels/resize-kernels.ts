import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { type WasmBackend, alloc, f32 } from './wasm-heap';

/**
 * Bilinear-resize gradient for the wasm backend, whose own ResizeBilinearGrad is wrong with
 * halfPixelCenters on odd sizes (tfjs' cpu one even returns a transposed shape for non-square
 * images). Written as the exact adjoint of the forward sampling tfjs' backends use, and checked
 * against finite differences by the suite. (wasm's ResizeNearestNeighborGrad is right and kept.)
 */
type Args = { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: NamedAttrMap };

function ratios(oldSize: number, newSize: number, alignCorners: boolean): number {
  const inSize = alignCorners && newSize > 1 ? oldSize - 1 : oldSize;
  const outSize = alignCorners && newSize > 1 ? newSize - 1 : newSize;
  return inSize / outSize;
}

interface Taps { lo: number; hi: number; frac: number }

function bilinearTaps(i: number, ratio: number, oldSize: number, halfPixel: boolean): Taps {
  const src = halfPixel ? ratio * (i + 0.5) - 0.5 : ratio * i;
  const lo = Math.max(0, Math.floor(src));
  return { lo, hi: Math.min(oldSize - 1, Math.ceil(src)), frac: src - lo };
}

function bilinearGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { images, dy } = inputs as { images: TensorInfo; dy: TensorInfo };
  const [batch, oldH, oldW, ch] = images.shape as [number, number, number, number];
  const [, newH, newW] = dy.shape as [number, number, number, number];
  const align = Boolean(attrs.alignCorners);
  const half = Boolean(attrs.halfPixelCenters);
  const rr = ratios(oldH, newH, align);
  const cr = ratios(oldW, newW, align);
  const rows = Array.from({ length: newH }, (_, r) => bilinearTaps(r, rr, oldH, half));
  const cols = Array.from({ length: newW }, (_, c) => bilinearTaps(c, cr, oldW, half));
  const dx = alloc(backend, images.shape);
  const out = f32(backend, dx);
  const g = f32(backend, dy);
  out.fill(0);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < newH; r++) {
      const { lo: r0, hi: r1, frac: fr } = rows[r]!;
      for (let c = 0; c < newW; c++) {
        const { lo: c0, hi: c1, frac: fc } = cols[c]!;
        const tl = ((b * oldH + r0) * oldW + c0) * ch;
        const tr = ((b * oldH + r0) * oldW + c1) * ch;
        const bl = ((b * oldH + r1) * oldW + c0) * ch;
        const br = ((b * oldH + r1) * oldW + c1) * ch;
        // value = (1-fr)((1-fc)TL + fc TR) + fr((1-fc)BL + fc BR)
        const wtl = (1 - fr) * (1 - fc);
        const wtr = (1 - fr) * fc;
        const wbl = fr * (1 - fc);
        const wbr = fr * fc;
        for (let d = 0; d < ch; d++, o++) {
          const v = g[o]!;
          out[tl + d] = out[tl + d]! + v * wtl;
          out[tr + d] = out[tr + d]! + v * wtr;
          out[bl + d] = out[bl + d]! + v * wbl;
          out[br + d] = out[br + d]! + v * wbr;
        }
      }
    }
  }
  return dx;
}

export const RESIZE_KERNELS: KernelConfig[] = [
  { kernelName: 'ResizeBilinearGrad', backendName: 'wasm', kernelFunc: bilinearGrad as unknown as KernelFunc },
];
