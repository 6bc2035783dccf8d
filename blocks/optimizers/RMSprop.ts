import { z } from 'zod';
import { defineOptimizer, learningRate, learningRateText, rate } from './common';

/** RMSprop: steps scaled by a running average of the squared gradient. */
export default defineOptimizer({
  type: 'RMSprop',
  optimizer: 'rmsprop',
  label: { en: 'RMSprop', zh: 'RMSprop 优化器' },
  doc: {
    en: 'Divides each step by a running average of the recent gradient size, so weights with large gradients move carefully and weights with small ones still move. A steady choice for recurrent and small convolutional networks.',
    zh: '用近期梯度大小的滑动平均去除每一步，使梯度大的权重谨慎移动、梯度小的权重仍能前进。是循环网络和小型卷积网络的稳妥选择。',
  },
  params: z.strictObject({
    learningRate: learningRate(0.001),
    rho: rate(0.9),
    momentum: rate(0),
    epsilon: z.number().positive().max(1).default(1e-7).describe('a small positive number'),
  }),
  paramText: {
    learningRate: learningRateText,
    rho: {
      label: { en: 'Rho (memory)', zh: 'Rho（记忆系数）' },
      doc: { en: 'How slowly the running average of the squared gradient forgets; 0.9 is standard.', zh: '梯度平方滑动平均遗忘的快慢；标准值为 0.9。' },
    },
    momentum: {
      label: { en: 'Momentum', zh: '动量' },
      doc: { en: 'How much of the previous step carries into the next; 0 turns it off.', zh: '上一步有多少延续到下一步；0 表示不使用。' },
    },
    epsilon: {
      label: { en: 'Epsilon', zh: 'Epsilon（数值稳定项）' },
      doc: { en: 'A tiny number that keeps the division stable.', zh: '保证除法数值稳定的极小数。' },
    },
  },
});
