import { z } from 'zod';
import { defineLayer, formatShape, perExample, requireRank } from '../../src/core';


/** Any tensor with a batch and at least one more dimension. */
const ANY_RANK = [2, 3, 4, 5, 6, 7, 8];

/** Normalises each channel with the batch's statistics while training and running averages after. */
export default defineLayer({
  type: 'BatchNormalization',
  label: { en: 'Batch Normalization', zh: '批归一化' },
  doc: {
    en: 'Rescales each channel to mean 0 and spread 1 using the statistics of the current batch, then applies a learned scale and shift. Networks train faster and more stably with it; put it after a convolution and before the activation. It keeps running averages for prediction. With very small batches (1–4 volumes, common in 3D) its statistics are noisy.',
    zh: '用当前批次的统计量把每个通道缩放到均值 0、离散度 1，再施加可学习的缩放和平移。它能让网络训练得更快、更稳定；通常放在卷积之后、激活函数之前。预测时使用训练中累积的滑动平均。批很小时（1–4 个体数据，三维中常见）其统计量噪声较大。',
  },
  params: z.strictObject({
    momentum: z.number().min(0).max(1).default(0.99).describe('a number from 0 to 1, e.g. 0.99'),
    epsilon: z.number().positive().max(1).default(0.001).describe('a small positive number, e.g. 0.001'),
    center: z.boolean().default(true),
    scale: z.boolean().default(true),
  }),
  paramText: {
    momentum: {
      label: { en: 'Momentum', zh: '动量' },
      doc: {
        en: 'How slowly the running averages used for prediction follow the batches; closer to 1 is smoother.',
        zh: '预测所用的滑动平均跟随各批次变化的快慢；越接近 1 越平滑。',
      },
    },
    epsilon: {
      label: { en: 'Epsilon', zh: 'Epsilon（防除零）' },
      doc: { en: 'Added to the variance so a constant channel does not divide by zero.', zh: '加在方差上的小数，避免常数通道除以零。' },
    },
    center: {
      label: { en: 'Learn shift (beta)', zh: '学习平移（beta）' },
      doc: { en: 'Learn an offset per channel. Turn off when the next layer adds its own bias.', zh: '为每个通道学习一个偏移量。下一层自带偏置时可关闭。' },
    },
    scale: {
      label: { en: 'Learn scale (gamma)', zh: '学习缩放（gamma）' },
      doc: { en: 'Learn a factor per channel. Can be turned off before a ReLU.', zh: '为每个通道学习一个缩放因子。在 ReLU 之前可关闭。' },
    },
  },
  shape(input, _p, ctx) {
    const bad = requireRank(input, ANY_RANK, ctx, { en: 'a tensor with channels [batch, …, channels]', zh: '带通道的张量 [batch, …, 通道]' }, {
      en: 'Connect the output of a layer to Batch Normalization.',
      zh: '请把某一层的输出连接到“批归一化”模块。',
    });
    if (bad) return bad;
    if (input[input.length - 1] === null) {
      return ctx.fail('J304', {
        detail: { en: `the number of channels of ${formatShape(input)} is unknown`, zh: `${formatShape(input)} 的通道数未知` },
        fix: { en: 'Give the input a fixed number of channels.', zh: '请为输入指定固定的通道数。' },
      }, 'in');
    }
    return input;
  },
  lower: (p) => ({
    className: 'BatchNormalization',
    config: { axis: -1, momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale },
  }),
  // Per channel: gamma and beta (trainable, if enabled) and the moving mean and variance (not
  // trained, but counted by tfjs and Keras). At prediction time it is one multiply-add per value.
  cost: (p, { output }) => {
    const channels = output[output.length - 1] ?? 0;
    return { params: channels * (2 + (p.center ? 1 : 0) + (p.scale ? 1 : 0)), macs: perExample(output) };
  },
});
