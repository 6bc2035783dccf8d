import { z } from 'zod';
import { defineOptimizer, learningRate, learningRateText, rate } from './common';

/** Stochastic gradient descent, optionally with (Nesterov) momentum. */
export default defineOptimizer({
  type: 'SGD',
  optimizer: 'sgd',
  label: { en: 'SGD', zh: '随机梯度下降' },
  doc: {
    en: 'Stochastic gradient descent: after each batch, every weight moves a small step against its gradient. With momentum it keeps rolling in the direction it has been going, which smooths noisy batches. Simple and well understood; usually needs a larger learning rate than Adam and a schedule.',
    zh: '随机梯度下降：每个批次之后，每个权重沿梯度的反方向移动一小步。加入动量后会沿着之前的方向继续前进，从而平滑批次间的噪声。简单且易于理解；通常比 Adam 需要更大的学习率并配合学习率调度。',
  },
  params: z.strictObject({
    learningRate: learningRate(0.01),
    momentum: rate(0),
    nesterov: z.boolean().default(false),
  }),
  paramText: {
    learningRate: learningRateText,
    momentum: {
      label: { en: 'Momentum', zh: '动量' },
      doc: { en: 'How much of the previous step carries into the next; 0.9 is common, 0 turns it off.', zh: '上一步有多少延续到下一步；常用 0.9，0 表示不使用。' },
    },
    nesterov: {
      label: { en: 'Nesterov momentum', zh: 'Nesterov 动量' },
      doc: { en: 'Looks ahead along the momentum before taking the gradient; only matters when momentum is above 0.', zh: '先沿动量方向前瞻再计算梯度；仅在动量大于 0 时起作用。' },
    },
  },
});
