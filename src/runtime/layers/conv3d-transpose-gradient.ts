/**
 * tfjs 4.22 can run Conv3DTranspose forward but registers no gradient for its kernel
 * (Conv3DBackpropInputV2), so a 3D U-Net with transposed convolutions fails at its first training step
 * ("gradient function not found"). This adds the gradient, mirroring tfjs' own one for the 2D kernel
 * (Conv2DBackpropInput): the transposed convolution is the adjoint of a convolution, so
 * - with respect to its input `dy` the gradient is the convolution of the upstream gradient, and
 * - with respect to the filter it is the filter gradient of that convolution.
 */
import * as tf from '@tensorflow/tfjs';

type Strides = [number, number, number] | number;
type Pad = 'valid' | 'same';
type Shape5 = [number, number, number, number, number];

export const CONV3D_BACKPROP_INPUT = 'Conv3DBackpropInputV2';

export const conv3DBackpropInputGradConfig: tf.GradConfig = {
  kernelName: CONV3D_BACKPROP_INPUT,
  inputsToSave: ['dy', 'filter'],
  gradFunc: (upstream, saved, attrs) => {
    const ddx = upstream as tf.Tensor5D;
    const [dy, filter] = saved as [tf.Tensor5D, tf.Tensor5D];
    const { strides, pad } = attrs as unknown as { strides: Strides; pad: Pad };
    return {
      dy: () => tf.conv3d(ddx, filter, strides, pad),
      filter: () =>
        tf.engine().runKernel('Conv3DBackpropFilterV2', { x: ddx, dy }, {
          strides,
          pad,
          filterShape: filter.shape as Shape5,
        }) as tf.Tensor5D,
    };
  },
};

// Leave a gradient that a later tfjs ships alone.
if (!tf.getGradient(CONV3D_BACKPROP_INPUT)) tf.registerGradient(conv3DBackpropInputGradConfig);
