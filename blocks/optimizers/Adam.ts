import { z } from 'zod';
import { defineOptimizer, learningRate, learningRateText, rate } from './common';

/** Adam: per-weight step sizes from running averages of the gradient and its square. */
export default defineOptimizer({
  type: 'Adam',
  optimizer: 'adam',
  label: { en: 'Adam', zh: 'Adam 优化器' },
  doc: {
    en: 'Adapts the step size of every weight from running averages of its gradients, so it works well without much tuning. The default choice for most medical-imaging networks; start at a learning rate of 0.001 and lower it if the loss jumps.',
    zh: '根据梯度的滑动平均为每个权重自适应地调整步长，无需太多调参即可良好工作。是大多数医学影像网络的默认选择；建议从学习率 0.001 开始，若损失震荡则调低。',
  },
  params: z.strictObject({
    learningRate: learningRate(0.001),
    beta1: rate(0.9),
    beta2: rate(0.999),
    epsilon: z.number().positive().max(1).default(1e-7).describe('a small positive number'),
  }),
  paramText: {
    learningRate: learningRateText,
    beta1: {
      label: { en: 'Beta 1 (gradient memory)', zh: 'Beta 1（梯度记忆）' },
      doc: { en: 'How slowly the running average of the gradient forgets; 0.9 is standard.', zh: '梯度滑动平均遗忘的快慢；标准值为 0.9。' },
    },
    beta2: {
      label: { en: 'Beta 2 (scale memory)', zh: 'Beta 2（尺度记忆）' },
      doc: { en: 'How slowly the running average of the squared gradient forgets; 0.999 is standard.', zh: '梯度平方滑动平均遗忘的快慢；标准值为 0.999。' },
    },
    epsilon: {
      label: { en: 'Epsilon', zh: 'Epsilon（数值稳定项）' },
      doc: { en: 'A tiny number that keeps the division stable.', zh: '保证除法数值稳定的极小数。' },
    },
  },
});
