import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs';

/**
 * Gradient functions that replace tfjs-core's where it fails for shapes Jimu trains. They are
 * backend-independent (built from ordinary ops), so they are registered globally and hold on 'cpu' too.
 */

/** Sums `t` over the axes along which `shape` was broadcast to t's shape, and reshapes to `shape`. */
function reduceTo(t: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, t.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(t, axes) : t, shape);
}

/**
 * FusedBatchNorm for any rank: core's version tiles through a hard-coded rank-4 reshape and throws
 * "rank of input 4 must match length of reps" for 3D volumes (rank 5).
 */
export const fusedBatchNormGrad: GradConfig = {
  kernelName: 'FusedBatchNorm',
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
    const g = dy as tf.Tensor;
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    const eps = attrs.varianceEpsilon as number;
    // The two sums every parameter's gradient needs, taken once; the volume-sized temporaries
    // (x − mean, dy·(x − mean)) live only inside this tidy.
    const { inv, scaled, sumG, sumGXm } = tf.tidy(() => {
      const inv = tf.rsqrt(tf.add(variance, tf.scalar(eps)));
      return { inv, scaled: scale ? tf.mul(scale, inv) : inv, sumG: reduceTo(g, mean.shape), sumGXm: reduceTo(tf.mul(g, tf.sub(x, mean)), mean.shape) };
    });
    return {
      x: () => tf.reshape(tf.mul(g, scaled), x.shape),
      mean: () => tf.neg(tf.mul(sumG, scaled)),
      variance: () => tf.mul(tf.mul(sumGXm, scale ?? tf.scalar(1)), tf.mul(tf.pow(inv, 3), tf.scalar(-0.5))),
      scale: () => tf.mul(sumGXm, inv),
      offset: () => sumG,
    };
  },
};

/** True when the wasm backend runs with Jimu's convolution kernels, which honour a `dilations` attribute. */
let dilatedKernels: () => boolean = () => false;

/** Lets register.ts say when the current backend's convolution kernels take `dilations`. */
export function setDilatedKernelsProbe(probe: () => boolean): void {
  dilatedKernels = probe;
}

const isOne = (d: unknown) => (Array.isArray(d) ? d.every((v) => v === 1) : d == null || d === 1);

/** Spreads a filter's taps `dilations` apart (zeros between), so a dilated convolution's gradient can use the plain kernels. */
function dilateFilter(filter: tf.Tensor, dilations: number[]): tf.Tensor {
  let w = filter;
  dilations.forEach((d, axis) => {
    if (d === 1) return;
    const k = w.shape[axis]!;
    const perm = [axis, ...w.shape.map((_, i) => i).filter((i) => i !== axis)];
    const inverse = perm.map((_, i) => perm.indexOf(i));
    const moved = tf.transpose(w, perm);
    const rest = moved.shape.slice(1);
    const spread = tf.pad(tf.reshape(moved, [k, 1, ...rest]), [[0, 0], [0, d - 1], ...rest.map(() => [0, 0] as [number, number])]);
    const sliced = tf.slice(tf.reshape(spread, [k * d, ...rest]), 0, (k - 1) * d + 1);
    w = tf.transpose(sliced, inverse);
  });
  return w;
}

function convGrad(kernelName: 'Conv2D' | 'Conv3D'): GradConfig {
  const rank = kernelName === 'Conv2D' ? 2 : 3;
  const [inputKernel, filterKernel] = rank === 2 ? ['Conv2DBackpropInput', 'Conv2DBackpropFilter'] : ['Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2'];
  return {
    kernelName,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
      const g = dy as tf.Tensor;
      const [x, filter] = saved as [tf.Tensor, tf.Tensor];
      const { dilations, strides, pad, dataFormat, dimRoundingMode } = attrs as Record<string, unknown>;
      const base = { strides, pad, ...(rank === 2 ? { dataFormat, dimRoundingMode } : {}) } as NamedAttrMap;
      const run = (name: string, inputs: Record<string, tf.Tensor>, extra: NamedAttrMap) => tf.engine().runKernel(name, inputs, { ...base, ...extra }) as tf.Tensor;
      if (isOne(dilations) || dilatedKernels()) {
        const dil: NamedAttrMap = isOne(dilations) ? {} : { dilations: dilations as number[] };
        return {
          x: () => run(inputKernel, { dy: g, filter }, { inputShape: x.shape, ...dil }),
          filter: () => run(filterKernel, { x, dy: g }, { filterShape: filter.shape, ...dil }),
        };
      }
      // Other backends' kernels ignore dilations: use the explicitly dilated filter with the plain kernels.
      const d = Array.isArray(dilations) ? (dilations as number[]) : Array(rank).fill(dilations as number);
      return {
        x: () => run(inputKernel, { dy: g, filter: dilateFilter(filter, d) }, { inputShape: x.shape }),
        filter: () => {
          const wide = dilateFilter(filter, d);
          const dw = run(filterKernel, { x, dy: g }, { filterShape: wide.shape });
          return tf.stridedSlice(dw, wide.shape.map(() => 0), wide.shape, [...d, 1, 1]);
        },
      };
    },
  };
}

/** Conv2D and Conv3D gradients that also handle dilation (tfjs' own assert dilation 1). */
export const conv2DGrad = convGrad('Conv2D');
export const conv3DGrad = convGrad('Conv3D');

export const JIMU_GRADIENTS: GradConfig[] = [fusedBatchNormGrad, conv2DGrad, conv3DGrad];

let registered = false;

/** Registers Jimu's gradient functions (idempotent; replaces tfjs-core's of the same kernels). */
export function registerJimuGradients(): void {
  if (registered) return;
  for (const g of JIMU_GRADIENTS) tf.registerGradient(g);
  registered = true;
}
