import { tf } from '../tf';

/**
 * The table the self-check and the test suite run: small ops (with odd sizes, strides 1 and 2, both
 * paddings, 2D and 3D) that exercise, forward and backward, every kernel a training step of Jimu's
 * blocks runs. Each case names the kernels it proves; a kernel counts as verified only when every
 * case that names it passes on the backend under test.
 */
export interface OpCase {
  name: string;
  /** Kernels this case runs (forward and gradient), by tfjs kernel name. */
  kernels: string[];
  /** Input shapes; inputs are seeded random values. */
  shapes: number[][];
  /** The op; its output is reduced with fixed random weights to a scalar for the gradient. */
  f: (...xs: tf.Tensor[]) => tf.Tensor;
  /** Inputs (by index) whose gradient is compared; default all. */
  wrt?: number[];
  /** True for a cheap case that prepareBackend's start-up self-check runs. */
  quick?: boolean;
  /**
   * Finite-difference step and tolerance. Default {eps: 1, tol: 1e-4}: exact for ops linear in each
   * input (convolutions, average pooling, resizing, concatenation, dense). Nonlinear ops use a small
   * step and a tolerance that float32 rounding allows.
   */
  fd?: { eps: number; tol: number };
  /** When tfjs' cpu backend itself is wrong for this case, why; it is then checked by finite differences only. */
  cpuWrong?: string;
}

const SMOOTH = { eps: 1e-3, tol: 2e-3 };
const PIECEWISE = { eps: 1e-4, tol: 1e-3 };
const CPU_AVG_POOL = "tfjs' AvgPoolGrad divides by the whole window, the forward by the taps inside the image";
const CPU_RESIZE = "tfjs' cpu resize gradients are wrong for non-square images (nearest: misrouted; bilinear: transposed shape)";

type T4 = tf.Tensor4D;
type T5 = tf.Tensor5D;
type P = 'same' | 'valid';

const conv2d = (s: number, p: P, d = 1) => (x: tf.Tensor, w: tf.Tensor) => tf.conv2d(x as T4, w as T4, s, p, 'NHWC', d);
const conv3d = (s: number, p: P, d = 1) => (x: tf.Tensor, w: tf.Tensor) => tf.conv3d(x as T5, w as T5, s, p, 'NDHWC', d);

const CONV2D = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'];
const CONV3D = ['Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2'];

export const OP_CASES: OpCase[] = [
  // 2D convolution, both gradients.
  { name: 'conv2d 3x3 s1 same', kernels: CONV2D, shapes: [[2, 7, 9, 3], [3, 3, 3, 4]], f: conv2d(1, 'same'), quick: true },
  { name: 'conv2d 3x3 s2 same', kernels: CONV2D, shapes: [[2, 7, 9, 3], [3, 3, 3, 4]], f: conv2d(2, 'same'), quick: true },
  { name: 'conv2d 3x3 s1 valid', kernels: CONV2D, shapes: [[1, 6, 5, 2], [3, 3, 2, 3]], f: conv2d(1, 'valid') },
  { name: 'conv2d 2x3 s2 valid', kernels: CONV2D, shapes: [[2, 9, 8, 3], [2, 3, 3, 2]], f: conv2d(2, 'valid'), quick: true },
  { name: 'conv2d 1x1 s1', kernels: CONV2D, shapes: [[2, 5, 5, 4], [1, 1, 4, 3]], f: conv2d(1, 'same') },
  { name: 'conv2d 4x4 s2 same (even filter)', kernels: CONV2D, shapes: [[1, 8, 7, 2], [4, 4, 2, 3]], f: conv2d(2, 'same') },
  { name: 'conv2d 3x3 dilation 2 same', kernels: CONV2D, shapes: [[2, 9, 8, 2], [3, 3, 2, 3]], f: conv2d(1, 'same', 2), quick: true },
  { name: 'conv2d 3x2 dilation 2 valid', kernels: CONV2D, shapes: [[1, 9, 7, 2], [3, 2, 2, 2]], f: conv2d(1, 'valid', 2) },
  // Transposed 2D convolution (Conv2DTranspose runs Conv2DBackpropInput forward).
  {
    name: 'conv2dTranspose 3x3 s2 same',
    kernels: CONV2D,
    shapes: [[2, 4, 5, 3], [3, 3, 2, 3]],
    f: (x, w) => tf.conv2dTranspose(x as T4, w as T4, [2, 8, 10, 2], 2, 'same'),
    quick: true,
  },
  { name: 'conv2dTranspose 2x2 s2 valid', kernels: CONV2D, shapes: [[1, 3, 4, 2], [2, 2, 3, 2]], f: (x, w) => tf.conv2dTranspose(x as T4, w as T4, [1, 6, 8, 3], 2, 'valid') },
  // 3D convolution, both gradients.
  { name: 'conv3d 3x3x3 s1 same', kernels: CONV3D, shapes: [[2, 5, 6, 4, 2], [3, 3, 3, 2, 3]], f: conv3d(1, 'same'), quick: true },
  { name: 'conv3d 3x3x3 s2 same', kernels: CONV3D, shapes: [[1, 5, 6, 7, 2], [3, 3, 3, 2, 3]], f: conv3d(2, 'same'), quick: true },
  { name: 'conv3d 3x3x3 s1 valid', kernels: CONV3D, shapes: [[1, 5, 5, 6, 2], [3, 3, 3, 2, 2]], f: conv3d(1, 'valid') },
  { name: 'conv3d 2x3x1 s2 valid', kernels: CONV3D, shapes: [[2, 7, 6, 5, 3], [2, 3, 1, 3, 2]], f: conv3d(2, 'valid') },
  { name: 'conv3d 3x3x3 dilation 2 same', kernels: CONV3D, shapes: [[1, 6, 7, 5, 2], [3, 3, 3, 2, 2]], f: conv3d(1, 'same', 2), quick: true },
  {
    name: 'conv3dTranspose 2x2x2 s2 same',
    kernels: [...CONV3D],
    shapes: [[1, 3, 2, 3, 4], [2, 2, 2, 2, 4]],
    f: (x, w) => tf.conv3dTranspose(x as T5, w as T5, [1, 6, 4, 6, 2], 2, 'same'),
    quick: true,
  },
  { name: 'conv3dTranspose 3x3x3 s2 same', kernels: [...CONV3D], shapes: [[1, 3, 3, 2, 2], [3, 3, 3, 3, 2]], f: (x, w) => tf.conv3dTranspose(x as T5, w as T5, [1, 6, 6, 4, 3], 2, 'same') },
  // Pooling.
  { name: 'maxPool 2 s2', kernels: ['MaxPool', 'MaxPoolGrad'], shapes: [[2, 6, 7, 3]], fd: PIECEWISE, f: (x) => tf.maxPool(x as T4, 2, 2, 'valid'), quick: true },
  { name: 'maxPool 3 s2 same', kernels: ['MaxPool', 'MaxPoolGrad'], shapes: [[1, 7, 5, 2]], fd: PIECEWISE, f: (x) => tf.maxPool(x as T4, 3, 2, 'same') },
  { name: 'avgPool 2 s2', kernels: ['AvgPool', 'AvgPoolGrad'], shapes: [[2, 6, 7, 3]], f: (x) => tf.avgPool(x as T4, 2, 2, 'valid'), quick: true },
  { name: 'avgPool 3 s1 same', kernels: ['AvgPool', 'AvgPoolGrad'], shapes: [[1, 5, 6, 2]], cpuWrong: CPU_AVG_POOL, f: (x) => tf.avgPool(x as T4, 3, 1, 'same') },
  { name: 'maxPool3d 2 s2', kernels: ['MaxPool3D', 'MaxPool3DGrad'], shapes: [[2, 4, 6, 5, 2]], fd: PIECEWISE, f: (x) => tf.maxPool3d(x as T5, 2, 2, 'valid'), quick: true },
  { name: 'maxPool3d 3 s2 same', kernels: ['MaxPool3D', 'MaxPool3DGrad'], shapes: [[1, 5, 4, 5, 2]], fd: PIECEWISE, f: (x) => tf.maxPool3d(x as T5, 3, 2, 'same') },
  { name: 'avgPool3d 2 s2', kernels: ['AvgPool3D', 'AvgPool3DGrad'], shapes: [[2, 4, 6, 5, 2]], f: (x) => tf.avgPool3d(x as T5, 2, 2, 'valid'), quick: true },
  { name: 'avgPool3d 3 s1 same', kernels: ['AvgPool3D', 'AvgPool3DGrad'], shapes: [[1, 4, 5, 3, 2]], cpuWrong: CPU_AVG_POOL, f: (x) => tf.avgPool3d(x as T5, 3, 1, 'same') },
  // Global pooling (means and maxes over axes).
  { name: 'mean over space', kernels: ['Mean', 'Sum'], shapes: [[2, 4, 5, 3]], f: (x) => tf.mean(x, [1, 2]), quick: true },
  { name: 'max over space 3D', kernels: ['Max'], shapes: [[2, 3, 4, 5, 3]], fd: PIECEWISE, f: (x) => tf.max(x, [1, 2, 3]), quick: true },
  // Batch normalisation as tfjs-layers trains it (moments + batchNorm).
  {
    name: 'batchNorm training',
    kernels: ['FusedBatchNorm', 'Mean', 'SquaredDifference', 'Rsqrt', 'Sum'],
    shapes: [[3, 4, 5, 3], [3], [3]],
    fd: SMOOTH, f: (x, g, b) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3);
    },
    quick: true,
  },
  {
    name: 'batchNorm training 3D',
    kernels: ['FusedBatchNorm', 'Mean', 'SquaredDifference', 'Rsqrt', 'Sum'],
    shapes: [[2, 3, 4, 3, 2], [2], [2]],
    fd: SMOOTH, f: (x, g, b) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2, 3]);
      return tf.batchNorm(x, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3);
    },
    quick: true,
  },
  { name: 'batchNorm inference 3D', kernels: ['FusedBatchNorm'], shapes: [[2, 3, 4, 3, 2], [2], [2], [2], [2]], f: (x, m, v, g, b) => tf.batchNorm(x, m, tf.add(tf.abs(v), 0.5), b, g, 1e-3), wrt: [0, 3, 4] },
  // Concatenate (U-Net skips) and its gradient.
  { name: 'concat channels 2D', kernels: ['Concat', 'SplitV', 'Slice'], shapes: [[2, 3, 4, 2], [2, 3, 4, 3]], f: (a, b) => tf.concat([a, b], 3), quick: true },
  { name: 'concat channels 3D', kernels: ['Concat', 'SplitV', 'Slice'], shapes: [[1, 3, 4, 2, 3], [1, 3, 4, 2, 1]], f: (a, b) => tf.concat([a, b], 4), quick: true },
  { name: 'concat 3 inputs middle axis', kernels: ['Concat', 'SplitV', 'Slice'], shapes: [[2, 3, 4], [2, 1, 4], [2, 2, 4]], f: (a, b, c) => tf.concat([a, b, c], 1) },
  { name: 'split sizes last axis', kernels: ['SplitV'], shapes: [[3, 4, 7]], f: (x) => { const [a, b] = tf.split(x, [3, 4], 2); return tf.add(tf.mul(a!, 2), tf.sum(b!, 2, true)); } },
  { name: 'bias gradient (sum over leading axes)', kernels: ['Sum'], shapes: [[2, 3, 4, 5, 6], [6]], f: (x, bias) => tf.add(x, bias), quick: true },
  { name: 'sum keepDims middle axes', kernels: ['Sum'], shapes: [[2, 3, 4, 5]], f: (x) => tf.sum(x, [1, 2], true) },
  // Zero padding and cropping (each is the other's gradient).
  { name: 'pad 2D (ZeroPadding2D)', kernels: ['PadV2', 'Slice'], shapes: [[2, 3, 4, 2]], f: (x) => tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]]), quick: true },
  { name: 'pad 3D (ZeroPadding3D)', kernels: ['PadV2', 'Slice'], shapes: [[1, 2, 3, 2, 2]], f: (x) => tf.pad(x, [[0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]) },
  { name: 'slice 2D (Cropping2D)', kernels: ['Slice', 'PadV2'], shapes: [[2, 5, 6, 2]], f: (x) => tf.slice(x, [0, 1, 2, 0], [2, 3, 3, 2]), quick: true },
  { name: 'slice 3D (Cropping3D)', kernels: ['Slice', 'PadV2'], shapes: [[1, 4, 5, 4, 2]], f: (x) => tf.slice(x, [0, 1, 1, 0, 0], [1, 2, 3, 3, 2]) },
  // Upsampling.
  { name: 'resizeNearest x2', kernels: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'], shapes: [[2, 3, 5, 2]], cpuWrong: CPU_RESIZE, f: (x) => tf.image.resizeNearestNeighbor(x as T4, [6, 10]), quick: true },
  { name: 'resizeNearest x3 odd', kernels: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'], shapes: [[1, 3, 2, 3]], f: (x) => tf.image.resizeNearestNeighbor(x as T4, [9, 6]) },
  { name: 'resizeNearest alignCorners', kernels: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'], shapes: [[1, 3, 4, 2]], f: (x) => tf.image.resizeNearestNeighbor(x as T4, [7, 9], true) },
  { name: 'resizeBilinear x2', kernels: ['ResizeBilinear', 'ResizeBilinearGrad'], shapes: [[1, 3, 4, 2]], cpuWrong: CPU_RESIZE, f: (x) => tf.image.resizeBilinear(x as T4, [6, 8]), quick: true },
  { name: 'resizeBilinear halfPixel odd', kernels: ['ResizeBilinear', 'ResizeBilinearGrad'], shapes: [[2, 3, 5, 2]], cpuWrong: CPU_RESIZE, f: (x) => tf.image.resizeBilinear(x as T4, [7, 9], false, true) },
  {
    name: 'upsample3d (resize rows, tile depth)',
    kernels: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad', 'Tile', 'Reshape'],
    shapes: [[1, 2, 3, 2, 2]],
    cpuWrong: CPU_RESIZE, f: (x) => {
      const [n, d, h, w, c] = x.shape as [number, number, number, number, number];
      const hw = tf.image.resizeNearestNeighbor(tf.reshape(x, [n * d, h, w, c]) as T4, [2 * h, 2 * w]);
      const t = tf.tile(tf.reshape(hw, [n, d, 1, 4 * h * w * c]), [1, 1, 2, 1]);
      return tf.reshape(t, [n, 2 * d, 2 * h, 2 * w, c]);
    },
  },
  {
    name: 'repeat along an axis (UpSampling3D)',
    kernels: ['Tile', 'Reshape'],
    shapes: [[1, 3, 2, 3, 2]],
    f: (x) => tf.reshape(tf.tile(tf.reshape(x, [3, 2, 1, 6]), [1, 1, 2, 1]), [1, 3, 4, 3, 2]),
    quick: true,
  },
  // Dense, activations, dropout mask, losses.
  { name: 'dense', kernels: ['BatchMatMul', '_FusedMatMul', 'Add'], shapes: [[5, 7], [7, 3], [3]], f: (x, w, b) => tf.add(tf.matMul(x, w), b), quick: true },
  { name: 'relu', kernels: ['Relu', 'Step', 'Multiply'], shapes: [[3, 7]], fd: PIECEWISE, f: (x) => tf.relu(x), quick: true },
  { name: 'sigmoid', kernels: ['Sigmoid'], shapes: [[3, 7]], fd: SMOOTH, f: (x) => tf.sigmoid(x), quick: true },
  { name: 'tanh', kernels: ['Tanh'], shapes: [[3, 7]], fd: SMOOTH, f: (x) => tf.tanh(x) },
  { name: 'elu', kernels: ['Elu', 'EluGrad'], shapes: [[3, 7]], fd: SMOOTH, f: (x) => tf.elu(x) },
  { name: 'leakyRelu', kernels: ['LeakyRelu'], shapes: [[3, 7]], fd: PIECEWISE, f: (x) => tf.leakyRelu(x, 0.1) },
  { name: 'selu', kernels: ['Selu'], shapes: [[3, 7]], fd: SMOOTH, f: (x) => tf.selu(x) },
  { name: 'softplus', kernels: ['Softplus'], shapes: [[3, 7]], fd: SMOOTH, f: (x) => tf.softplus(x) },
  { name: 'softmax', kernels: ['Softmax'], shapes: [[4, 5]], fd: SMOOTH, f: (x) => tf.softmax(x), quick: true },
  { name: 'logSoftmax', kernels: ['Max', 'Exp', 'Log', 'Sum'], shapes: [[4, 5]], fd: SMOOTH, f: (x) => tf.logSoftmax(x) },
  {
    name: 'softmax cross-entropy',
    kernels: ['Softmax', 'Log', 'Sum', 'Mean'],
    shapes: [[4, 3], [4, 3]],
    fd: SMOOTH, f: (logits, y) => tf.losses.softmaxCrossEntropy(tf.softmax(y), logits),
    wrt: [0],
    quick: true,
  },
  {
    name: 'sigmoid cross-entropy',
    kernels: ['Sigmoid', 'Log1p', 'Exp', 'Abs', 'Maximum'],
    shapes: [[4, 3], [4, 3]],
    fd: SMOOTH, f: (logits, y) => tf.losses.sigmoidCrossEntropy(tf.sigmoid(y), logits),
    wrt: [0],
  },
  { name: 'mse', kernels: ['SquaredDifference', 'Mean'], shapes: [[4, 3], [4, 3]], fd: SMOOTH, f: (a, b) => tf.losses.meanSquaredError(a, b), quick: true },
  {
    name: 'dice',
    kernels: ['Multiply', 'Sum', 'RealDiv', 'Sigmoid'],
    shapes: [[2, 3, 4, 2], [2, 3, 4, 2]],
    fd: SMOOTH, f: (p, y) => {
      const s = tf.sigmoid(p);
      const t = tf.sigmoid(y);
      const inter = tf.sum(tf.mul(s, t), [1, 2]);
      const denom = tf.add(tf.sum(s, [1, 2]), tf.sum(t, [1, 2]));
      return tf.sub(1, tf.div(tf.add(tf.mul(inter, 2), 1), tf.add(denom, 1)));
    },
    wrt: [0],
    quick: true,
  },
  { name: 'clip + log (probability losses)', kernels: ['ClipByValue', 'Log'], shapes: [[3, 4]], fd: SMOOTH, f: (x) => tf.log(tf.clipByValue(tf.sigmoid(x), 1e-7, 1 - 1e-7)) },
];
