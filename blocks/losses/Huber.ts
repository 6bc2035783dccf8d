import { z } from 'zod';
import { defineLoss } from './common';

/** Squared error near the target, absolute error far from it. */
export default defineLoss({
  type: 'Huber',
  loss: 'huber',
  label: { en: 'Huber Loss', zh: 'Huber 损失' },
  doc: {
    en: 'Scores numbers like squared error while the miss is smaller than delta, and like absolute error beyond it: smooth near the answer, calm about outliers. Set delta in the units of the target (for brain age, a few years).',
    zh: '误差小于 delta 时像均方误差，大于 delta 时像绝对误差：在目标附近平滑，对异常值不敏感。delta 的单位与目标相同（脑龄可设为几岁）。',
  },
  params: z.strictObject({
    delta: z.number().positive().max(1e6).default(1).describe('a positive number, in the units of the target'),
  }),
  paramText: {
    delta: {
      label: { en: 'Delta', zh: '阈值 delta' },
      doc: { en: 'Misses smaller than this are squared; larger ones count linearly.', zh: '小于此值的误差按平方计，大于此值的按线性计。' },
    },
  },
  check: () => null,
  metrics: () => ['mae'],
});
