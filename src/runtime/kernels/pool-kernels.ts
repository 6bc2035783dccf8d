import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { simd } from './simd';
import { type WasmBackend, alloc, f32, offsetOf } from './wasm-heap';

/**
 * Pooling gradients for the wasm backend. One loop nest serves 2D (D = 1) and 3D.
 * - MaxPoolGrad: wasm's own routes the gradient to the wrong inputs. dx receives dy at the first
 *   maximum of each window in scan order, as tfjs' cpu backend does.
 * - AvgPoolGrad / AvgPool3DGrad: every tfjs backend divides by the full window size, but the forward
 *   pass ('same' padding) divides by the number of taps inside the image, so border gradients are
 *   wrong everywhere. Ours is the exact adjoint of the forward.
 */
type Args = { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: NamedAttrMap };

interface PoolGeom {
  n: number; d: number; h: number; w: number; c: number;
  od: number; oh: number; ow: number;
  fd: number; fh: number; fw: number;
  sd: number; sh: number; sw: number;
  dd: number; dh: number; dw: number;
  pf: number; pt: number; pl: number;
}

function maxPoolGradInto(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeom): void {
  dx.fill(0);
  const { c } = g;
  let o = 0;
  for (let n = 0; n < g.n; n++) {
    for (let od = 0; od < g.od; od++) {
      for (let oh = 0; oh < g.oh; oh++) {
        for (let ow = 0; ow < g.ow; ow++) {
          for (let ch = 0; ch < c; ch++, o++) {
            let best = -Infinity;
            let at = -1;
            for (let kd = 0; kd < g.fd; kd++) {
              const id = od * g.sd - g.pf + kd * g.dd;
              if (id < 0 || id >= g.d) continue;
              for (let kh = 0; kh < g.fh; kh++) {
                const ih = oh * g.sh - g.pt + kh * g.dh;
                if (ih < 0 || ih >= g.h) continue;
                for (let kw = 0; kw < g.fw; kw++) {
                  const iw = ow * g.sw - g.pl + kw * g.dw;
                  if (iw < 0 || iw >= g.w) continue;
                  const idx = (((n * g.d + id) * g.h + ih) * g.w + iw) * c + ch;
                  const v = x[idx]!;
                  if (v > best || at < 0) {
                    best = v;
                    at = idx;
                  }
                }
              }
            }
            if (at >= 0) dx[at] = dx[at]! + dy[o]!;
          }
        }
      }
    }
  }
}

function avgPoolGradInto(dy: Float32Array, dx: Float32Array, g: PoolGeom): void {
  dx.fill(0);
  const { c } = g;
  for (let n = 0, o = 0; n < g.n; n++) {
    for (let od = 0; od < g.od; od++) {
      const d0 = od * g.sd - g.pf;
      const dLo = Math.max(0, d0);
      const dHi = Math.min(g.d, d0 + g.fd);
      for (let oh = 0; oh < g.oh; oh++) {
        const h0 = oh * g.sh - g.pt;
        const hLo = Math.max(0, h0);
        const hHi = Math.min(g.h, h0 + g.fh);
        for (let ow = 0; ow < g.ow; ow++, o += c) {
          const w0 = ow * g.sw - g.pl;
          const wLo = Math.max(0, w0);
          const wHi = Math.min(g.w, w0 + g.fw);
          const count = (dHi - dLo) * (hHi - hLo) * (wHi - wLo);
          if (count <= 0) continue;
          const k = 1 / count;
          for (let id = dLo; id < dHi; id++) {
            for (let ih = hLo; ih < hHi; ih++) {
              let s = (((n * g.d + id) * g.h + ih) * g.w + wLo) * c;
              for (let iw = wLo; iw < wHi; iw++) {
                for (let ch = 0; ch < c; ch++, s++) dx[s] = dx[s]! + dy[o + ch]! * k;
              }
            }
          }
        }
      }
    }
  }
}

type Pool2DInfo = ReturnType<typeof tf.backend_util.computePool2DInfo>;
type Pool3DInfo = ReturnType<typeof tf.backend_util.computePool3DInfo>;

function geom2D(info: Pool2DInfo): PoolGeom {
  return {
    n: info.batchSize, d: 1, h: info.inHeight, w: info.inWidth, c: info.inChannels,
    od: 1, oh: info.outHeight, ow: info.outWidth,
    fd: 1, fh: info.filterHeight, fw: info.filterWidth,
    sd: 1, sh: info.strideHeight, sw: info.strideWidth,
    dd: 1, dh: info.dilationHeight, dw: info.dilationWidth,
    pf: 0, pt: info.padInfo.top, pl: info.padInfo.left,
  };
}

function geom3D(info: Pool3DInfo): PoolGeom {
  return {
    n: info.batchSize, d: info.inDepth, h: info.inHeight, w: info.inWidth, c: info.inChannels,
    od: info.outDepth, oh: info.outHeight, ow: info.outWidth,
    fd: info.filterDepth, fh: info.filterHeight, fw: info.filterWidth,
    sd: info.strideDepth, sh: info.strideHeight, sw: info.strideWidth,
    dd: info.dilationDepth, dh: info.dilationHeight, dw: info.dilationWidth,
    pf: info.padInfo.front, pt: info.padInfo.top, pl: info.padInfo.left,
  };
}

function pool2DInfo(shape: number[], attrs: NamedAttrMap): Pool2DInfo {
  return tf.backend_util.computePool2DInfo(
    shape as [number, number, number, number],
    attrs.filterSize as [number, number] | number,
    attrs.strides as [number, number] | number,
    1,
    attrs.pad as 'same' | 'valid' | number,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
}

function avgPoolGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const dx = alloc(backend, input.shape);
  avgPoolGradInto(f32(backend, dy), f32(backend, dx), geom2D(pool2DInfo(input.shape, attrs)));
  return dx;
}

function avgPool3DGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const info = tf.backend_util.computePool3DInfo(
    input.shape as [number, number, number, number, number],
    attrs.filterSize as [number, number, number] | number,
    attrs.strides as [number, number, number] | number,
    1,
    attrs.pad as 'same' | 'valid' | number,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
  const dx = alloc(backend, input.shape);
  avgPoolGradInto(f32(backend, dy), f32(backend, dx), geom3D(info));
  return dx;
}

/** 2D max-pool gradient: simd/kernels.c's loop, the JavaScript one as the fallback. */
function maxPoolGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const g = geom2D(pool2DInfo(input.shape, attrs));
  const dx = alloc(backend, input.shape);
  const fast = simd(backend);
  if (fast && g.dh === 1 && g.dw === 1) {
    fast.max_pool_grad(offsetOf(backend, input), offsetOf(backend, dy), offsetOf(backend, dx), g.n, g.d, g.h, g.w, g.c, g.od, g.oh, g.ow, g.fd, g.fh, g.fw, g.sd, g.sh, g.sw, g.pf, g.pt, g.pl);
  } else {
    maxPoolGradInto(f32(backend, input), f32(backend, dy), f32(backend, dx), g);
  }
  return dx;
}

/** 3D max-pool gradient: the backend's own is right but scalar; this is simd/kernels.c's (JavaScript fallback). */
function maxPool3DGrad({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const g = geom3D(
    tf.backend_util.computePool3DInfo(
      input.shape as [number, number, number, number, number],
      attrs.filterSize as [number, number, number] | number,
      attrs.strides as [number, number, number] | number,
      1,
      attrs.pad as 'same' | 'valid' | number,
      attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    ),
  );
  const dx = alloc(backend, input.shape);
  const fast = simd(backend);
  if (fast) fast.max_pool_grad(offsetOf(backend, input), offsetOf(backend, dy), offsetOf(backend, dx), g.n, g.d, g.h, g.w, g.c, g.od, g.oh, g.ow, g.fd, g.fh, g.fw, g.sd, g.sh, g.sw, g.pf, g.pt, g.pl);
  else maxPoolGradInto(f32(backend, input), f32(backend, dy), f32(backend, dx), g);
  return dx;
}

export const POOL_KERNELS: KernelConfig[] = [
  { kernelName: 'MaxPool3DGrad', backendName: 'wasm', kernelFunc: maxPool3DGrad as unknown as KernelFunc },
  { kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad as unknown as KernelFunc },
  { kernelName: 'AvgPoolGrad', backendName: 'wasm', kernelFunc: avgPoolGrad as unknown as KernelFunc },
  { kernelName: 'AvgPool3DGrad', backendName: 'wasm', kernelFunc: avgPool3DGrad as unknown as KernelFunc },
];
