import { z } from 'zod';
import { defineBlock, port } from '../../src/core';

/** Multiplies the learning rate by a factor every N epochs. */
export default defineBlock({
  type: 'StepDecay',
  category: 'optimizer',
  version: 1,
  label: { en: 'Step Decay', zh: '阶梯衰减' },
  doc: {
    en: 'Lowers the learning rate in steps: every N epochs it is multiplied by the factor (every 10 epochs × 0.5 halves it). Big steps early find the right region, small steps later settle in it. Connect it to an optimizer’s schedule input.',
    zh: '阶梯式降低学习率：每隔 N 轮乘以一个系数（每 10 轮 × 0.5 即减半）。早期大步找到合适区域，后期小步精细收敛。请连接到优化器的“学习率调度”输入。',
  },
  inputs: {},
  outputs: { schedule: port.schedule({ label: { en: 'schedule', zh: '调度' } }) },
  params: z.strictObject({
    everyEpochs: z.number().int().min(1).max(10_000).default(10).describe('whole number from 1 to 10000'),
    factor: z.number().gt(0).max(1).default(0.5).describe('a number above 0, at most 1'),
  }),
  paramText: {
    everyEpochs: { label: { en: 'Every N epochs', zh: '每隔 N 轮' } },
    factor: {
      label: { en: 'Factor', zh: '衰减系数' },
      doc: { en: 'The learning rate is multiplied by this at each step; 0.5 halves it.', zh: '每一阶梯学习率乘以此系数；0.5 即减半。' },
    },
  },
  infer: (_inputs, p, ctx) => ({
    outputs: { schedule: { kind: 'schedule', spec: { type: 'step', params: { ...p }, block: ctx.id } } },
  }),
});
