/**
 * Shared pieces of the spatial layer blocks (convolutions, pooling, up-sampling, padding, cropping),
 * in 2D (images) and 3D (volumes). Each block file still declares its own parameters and shape rule;
 * this file holds the parameter shapes and the arithmetic they have in common.
 */
import { z } from 'zod';
import {
  convOutputLength,
  formatShape,
  LAYOUT,
  perAxis,
  requireRank,
  type BlockIssue,
  type InferContext,
  type Shape,
  type Text,
} from '../../src/core';

/** Number of spatial axes: 2 for images, 3 for volumes. */
export type Dims = 2 | 3;

const AXES: Record<Dims, string> = { 2: 'height, width', 3: 'depth, height, width' };

function whole(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

type Int = ReturnType<typeof whole>;
type Pair = z.ZodTuple<[Int, Int], null>;
type PerAxis<N extends Dims> = N extends 2 ? z.ZodTuple<[Int, Int], null> : z.ZodTuple<[Int, Int, Int], null>;
type PairPerAxis<N extends Dims> = N extends 2 ? z.ZodTuple<[Pair, Pair], null> : z.ZodTuple<[Pair, Pair, Pair], null>;

/** n copies of `item` as a fixed-length tuple; callers cast to the precise type for their `n`. */
function tuple<T extends z.ZodType>(n: Dims, item: T) {
  return (n === 2 ? z.tuple([item, item]) : z.tuple([item, item, item])) as unknown;
}

function intOrTuple<N extends Dims>(n: N, min: number, max: number) {
  const int = whole(min, max);
  return z.union([int, tuple(n, int) as PerAxis<N>]);
}

function perAxisText(n: Dims, min: number, max: number): string {
  return `whole number from ${min} to ${max}, or a list of ${n} (${AXES[n]})`;
}

/**
 * A whole number that applies to every spatial axis, or one per axis (`3` or `[3, 3]`), as Keras and
 * tfjs-layers accept for kernelSize, strides, poolSize, size and dilationRate.
 */
export function intOrPerAxis<N extends Dims>(n: N, def: number, min: number, max: number) {
  return intOrTuple(n, min, max).default(def).describe(perAxisText(n, min, max));
}

/** Like `intOrPerAxis`, but may be left out (pooling strides then follow the pool size, as in Keras). */
export function optionalIntOrPerAxis<N extends Dims>(n: N, min: number, max: number) {
  return intOrTuple(n, min, max).optional().describe(`${perAxisText(n, min, max)}; leave out to use the pool size`);
}

/**
 * Margins for padding and cropping, in the three forms Keras accepts: one number for every side,
 * one number per axis (both sides alike), or a [before, after] pair per axis.
 */
export function margins<N extends Dims>(n: N, def: number, max: number) {
  const int = whole(0, max);
  const pair = z.tuple([int, int]);
  return z
    .union([int, tuple(n, int) as PerAxis<N>, tuple(n, pair) as PairPerAxis<N>])
    .default(def)
    .describe(
      `whole number from 0 to ${max} for every side, a list of ${n} (${AXES[n]}), or ${n} [before, after] pairs`,
    );
}

/** Expands a margins parameter to a [before, after] pair per spatial axis. */
export function marginPairs(v: number | readonly (number | readonly number[])[], n: Dims): [number, number][] {
  if (typeof v === 'number') return Array.from({ length: n }, () => [v, v]);
  return v.map((a) => (typeof a === 'number' ? [a, a] : [a[0]!, a[1]!]));
}

/** One value per spatial axis, as a plain array for a layer config. */
export function axes(v: number | readonly number[], n: Dims): number[] {
  return perAxis(v as number | number[], n).slice();
}

/** The spatial dimensions of a channels-last shape (between the batch and the channels). */
export function spatial(shape: Shape): (number | null)[] {
  return shape.slice(1, -1);
}

/** Product of the numbers (unknown dimensions count as 1, as in `perExample`). */
export function product(values: readonly (number | null | undefined)[]): number {
  return values.reduce<number>((a, d) => a * (d ?? 1), 1);
}

export const LABELS = {
  Conv: { 2: { en: 'Conv 2D', zh: '二维卷积' }, 3: { en: 'Conv 3D', zh: '三维卷积' } },
  ConvTranspose: { 2: { en: 'Transposed Conv 2D', zh: '二维转置卷积' }, 3: { en: 'Transposed Conv 3D', zh: '三维转置卷积' } },
  MaxPooling: { 2: { en: 'Max Pooling 2D', zh: '二维最大池化' }, 3: { en: 'Max Pooling 3D', zh: '三维最大池化' } },
  AveragePooling: { 2: { en: 'Average Pooling 2D', zh: '二维平均池化' }, 3: { en: 'Average Pooling 3D', zh: '三维平均池化' } },
  UpSampling: { 2: { en: 'Up-sampling 2D', zh: '二维上采样' }, 3: { en: 'Up-sampling 3D', zh: '三维上采样' } },
  ZeroPadding: { 2: { en: 'Zero Padding 2D', zh: '二维补零' }, 3: { en: 'Zero Padding 3D', zh: '三维补零' } },
  Cropping: { 2: { en: 'Cropping 2D', zh: '二维裁剪' }, 3: { en: 'Cropping 3D', zh: '三维裁剪' } },
} satisfies Record<string, Record<Dims, Text>>;

export type Family = keyof typeof LABELS;

/**
 * Checks that a 2D block receives an image, or a 3D block a volume. The hint names the block to use
 * instead when the other one fits, or says where the data lost its layout.
 */
export function requireSpatial(input: Shape, n: Dims, family: Family, ctx: InferContext): BlockIssue | null {
  const shape = formatShape(input);
  const twin = LABELS[family][n === 2 ? 3 : 2];
  const what: Text = n === 2 ? { en: 'an image', zh: '图像' } : { en: 'a volume', zh: '体数据' };
  let fix: Text;
  if (input.length === (n === 2 ? 5 : 4)) {
    fix = {
      en: `This link carries ${n === 2 ? 'a volume' : 'an image'}; use ${twin.en} instead.`,
      zh: `这条连线传来的是${n === 2 ? '体数据' : '图像'}；请改用"${twin.zh}"。`,
    };
  } else if (input.length === 2) {
    fix = {
      en: `${shape} is a vector: it has already passed a Flatten, Dense or Global Pooling block. Move this block before them, or add a Reshape that turns the vector back into ${what.en}.`,
      zh: `${shape} 是向量：它已经过“展平”、全连接层或全局池化。请把此模块移到它们之前，或加“重塑”把向量变回${what.zh}。`,
    };
  } else {
    fix = {
      en: `Add a Reshape before this block that makes ${shape} ${what.en} with a channel axis at the end (1 for a grey-scale scan).`,
      zh: `请在此模块前加“重塑”，把 ${shape} 变为最后一维是通道的${what.zh}（灰度扫描的通道数为 1）。`,
    };
  }
  return requireRank(input, [n + 2], ctx, n === 2 ? LAYOUT.image : LAYOUT.volume, fix);
}

/**
 * tfjs refuses a convolution whose strides and dilation are both above 1 (so does Keras), and tfjs 4.22
 * has no gradient for dilated convolutions, so a dilated kernel would stop training at its first batch.
 * Both are reported before the model is built, with what to do instead.
 */
export function checkDilation(strides: number[], dilation: number[], ctx: InferContext): BlockIssue | null {
  const strided = strides.some((s) => s > 1);
  const dilated = dilation.some((d) => d > 1);
  if (strided && dilated) {
    return ctx.fail('J304', {
      detail: {
        en: `strides ${formatList(strides)} and dilation rate ${formatList(dilation)} are both above 1, which TensorFlow.js and Keras do not allow together`,
        zh: `步长 ${formatList(strides)} 与膨胀率 ${formatList(dilation)} 同时大于 1，TensorFlow.js 和 Keras 都不允许这样组合`,
      },
      fix: {
        en: 'Set the dilation rate to 1, or set the strides to 1 and add a pooling block to shrink the image.',
        zh: '请把膨胀率设为 1；或把步长设为 1，再加一个池化模块来缩小尺寸。',
      },
    });
  }
  if (dilated) {
    return ctx.fail('J304', {
      detail: {
        en: `a dilation rate of ${formatList(dilation)} cannot be trained here, because TensorFlow.js has no gradient for dilated convolutions yet`,
        zh: `膨胀率 ${formatList(dilation)} 在此无法训练，因为 TensorFlow.js 尚不支持膨胀卷积的梯度`,
      },
      fix: {
        en: 'Set the dilation rate to 1. To let each output see a wider area, use a larger kernel, stack two convolutions, or shrink the input with pooling first.',
        zh: '请把膨胀率设为 1。若想扩大每个输出看到的范围，可使用更大的卷积核、叠加两层卷积，或先用池化缩小输入。',
      },
    });
  }
  return null;
}

function formatList(v: number[]): string {
  return v.every((x) => x === v[0]) ? String(v[0]) : `[${v.join(', ')}]`;
}

/** Output shape of a convolution or pooling window (channels-last), TensorFlow's rule per axis. */
export function windowShape(
  input: Shape,
  kernel: number[],
  strides: number[],
  padding: 'same' | 'valid',
  channels: number | null,
  dilation?: number[],
): Shape {
  const space = spatial(input).map((d, i) =>
    d === null ? null : convOutputLength(d, kernel[i]!, strides[i]!, padding, dilation?.[i] ?? 1),
  );
  return [null, ...space, channels];
}

/**
 * Weights and multiply-adds of a convolution: every output position of every filter takes one
 * multiply-add per kernel element and input channel. For a transposed convolution pass the *input*
 * positions, since each input value is spread over a kernel-sized patch of the output.
 */
export function convCost(kernel: number[], inChannels: number, filters: number, useBias: boolean, positions: number) {
  const perPosition = product(kernel) * inChannels * filters;
  return { params: perPosition + (useBias ? filters : 0), macs: positions * perPosition };
}

/** Parameter labels shared by the spatial blocks. */
export const PARAM_TEXT = {
  filters: {
    label: { en: 'Filters', zh: '卷积核数量' },
    doc: {
      en: 'How many features the layer learns; each becomes one output channel. More filters see more patterns but need more memory.',
      zh: '该层学习的特征数，每个特征对应一个输出通道。数量越多能识别的模式越多，但占用内存也越多。',
    },
  },
  kernelSize: {
    label: { en: 'Kernel size', zh: '卷积核尺寸' },
    doc: {
      en: 'The size of the window each filter looks at, in pixels (or voxels). 3 is the usual choice.',
      zh: '每个卷积核一次观察的窗口大小（像素或体素）。通常取 3。',
    },
  },
  strides: {
    label: { en: 'Strides', zh: '步长' },
    doc: {
      en: 'How far the window moves between outputs. 2 halves the size along that axis.',
      zh: '窗口每次移动的距离。取 2 时该方向的尺寸减半。',
    },
  },
  padding: {
    label: { en: 'Padding', zh: '边缘填充' },
    doc: {
      en: '"same" pads the borders so the size only changes with the strides; "valid" uses only full windows, so the result is a little smaller.',
      zh: '"same" 在边缘补零，尺寸只随步长变化；"valid" 只使用完整窗口，结果会略小。',
    },
  },
  dilationRate: {
    label: { en: 'Dilation rate', zh: '膨胀率' },
    doc: {
      en: 'Spreads the kernel out with gaps to see a wider area. Must be 1 for now: TensorFlow.js cannot train dilated kernels.',
      zh: '在卷积核元素之间留出间隔以扩大视野。目前必须为 1：TensorFlow.js 还不能训练膨胀卷积。',
    },
  },
  activation: {
    label: { en: 'Activation', zh: '激活函数' },
    doc: { en: 'The function applied to every output; "relu" is the usual choice inside a network.', zh: '作用于每个输出的函数；网络中间层通常用 "relu"。' },
  },
  useBias: {
    label: { en: 'Use bias', zh: '使用偏置' },
    doc: {
      en: 'Adds a learned offset to each output channel. Turn it off when Batch Normalization follows.',
      zh: '为每个输出通道加一个可学习的偏移量。后面紧跟批归一化时可关闭。',
    },
  },
  poolSize: {
    label: { en: 'Pool size', zh: '池化窗口' },
    doc: {
      en: 'The size of the window summarised into one value. 2 halves the size along that axis.',
      zh: '被汇总为一个值的窗口大小。取 2 时该方向的尺寸减半。',
    },
  },
  poolStrides: {
    label: { en: 'Strides', zh: '步长' },
    doc: {
      en: 'How far the window moves between outputs. Leave empty to move by the pool size, so windows do not overlap.',
      zh: '窗口每次移动的距离。留空则按池化窗口大小移动，窗口互不重叠。',
    },
  },
  poolPadding: {
    label: { en: 'Padding', zh: '边缘填充' },
    doc: {
      en: '"valid" drops the border pixels that do not fill a whole window; "same" keeps them, so the size is rounded up.',
      zh: '"valid" 丢弃凑不满一个窗口的边缘像素；"same" 保留它们，尺寸向上取整。',
    },
  },
} satisfies Record<string, { label: Text; doc: Text }>;
