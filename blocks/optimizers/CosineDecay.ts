import { z } from 'zod';
import { defineBlock, port } from '../../src/core';

/** Half a cosine from the learning rate down to a floor, after an optional linear warm-up. */
export default defineBlock({
  type: 'CosineDecay',
  category: 'optimizer',
  version: 1,
  label: { en: 'Cosine Decay', zh: '余弦衰减' },
  doc: {
    en: 'Lowers the learning rate smoothly along half a cosine, from the optimizer’s rate to the minimum over the given number of epochs, then holds the minimum. An optional warm-up first raises it linearly from near zero, which keeps the first epochs of a large network stable.',
    zh: '沿半个余弦曲线平滑地降低学习率：在指定轮数内从优化器的学习率降到最小值，之后保持最小值。可选的预热阶段先从接近 0 线性升高学习率，使大型网络的最初几轮更稳定。',
  },
  inputs: {},
  outputs: { schedule: port.schedule({ label: { en: 'schedule', zh: '调度' } }) },
  params: z.strictObject({
    epochs: z.number().int().min(1).max(10_000).default(50).describe('whole number from 1 to 10000'),
    minLearningRate: z.number().min(0).max(10).default(0).describe('a number ≥ 0'),
    warmupEpochs: z.number().int().min(0).max(10_000).default(0).describe('whole number, 0 for no warm-up'),
  }),
  paramText: {
    epochs: {
      label: { en: 'Decay over (epochs)', zh: '衰减轮数' },
      doc: { en: 'Usually the number of training epochs.', zh: '通常等于训练轮数。' },
    },
    minLearningRate: { label: { en: 'Minimum learning rate', zh: '最小学习率' } },
    warmupEpochs: {
      label: { en: 'Warm-up epochs', zh: '预热轮数' },
      doc: { en: 'Epochs at the start that ramp the learning rate up linearly.', zh: '训练开始时学习率线性升高的轮数。' },
    },
  },
  infer(_inputs, p, ctx) {
    if (p.warmupEpochs >= p.epochs) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: `the warm-up (${p.warmupEpochs} epochs) is not shorter than the decay (${p.epochs} epochs)`, zh: `预热轮数（${p.warmupEpochs}）不小于衰减轮数（${p.epochs}）` },
            fix: { en: 'Shorten the warm-up or lengthen the decay.', zh: '请缩短预热或延长衰减轮数。' },
          }),
        ],
      };
    }
    return { outputs: { schedule: { kind: 'schedule', spec: { type: 'cosine', params: { ...p }, block: ctx.id } } } };
  },
});
