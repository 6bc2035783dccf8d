import { z } from 'zod';
import { defineBlock, isIssue, port } from '../../src/core';
import { concatenateShape, mergeInputs } from './merge';

/** Joins two or more branches side by side, usually along the channels. */
export default defineBlock({
  type: 'Concatenate',
  category: 'merge',
  version: 1,
  label: { en: 'Concatenate', zh: '拼接' },
  doc: {
    en: 'Stacks two or more branches side by side, by default along the channels: 16 channels and 32 channels become 48. This is how a U-Net joins the fine detail of its encoder (skip connection) with the upsampled decoder, and how several inputs (e.g. CT and PET features) are combined. The other dimensions must match.',
    zh: '把两个或更多分支并排堆叠，默认沿通道方向：16 个通道与 32 个通道合并为 48 个。U-Net 就是这样把编码器的细节（跳跃连接）与上采样后的解码器特征结合的；也可用于合并多种输入（如 CT 与 PET 的特征）。其余维度必须一致。',
  },
  inputs: { in: port.tensor({ multiple: true, label: { en: 'branches', zh: '分支' } }) },
  outputs: { out: port.tensor() },
  params: z.strictObject({
    axis: z.number().int().min(-5).max(5).default(-1).describe('whole number; -1 joins along the last axis (the channels)'),
  }),
  paramText: {
    axis: {
      label: { en: 'Axis', zh: '拼接轴' },
      doc: {
        en: 'Which dimension to join along. -1 (the last, the channels) is almost always right.',
        zh: '沿哪个维度拼接。-1（最后一维，即通道）几乎总是正确的选择。',
      },
    },
  },
  infer(inputs, p, ctx) {
    const shapes = mergeInputs(inputs.in, ctx, 'Concatenate');
    if (!Array.isArray(shapes)) return { issues: [shapes] };
    const out = concatenateShape(shapes, p.axis, ctx);
    if (isIssue(out)) return { issues: [out] };
    return { outputs: { out: { kind: 'tensor', shape: out } } };
  },
  lower: (p) => ({ className: 'Concatenate', config: { axis: p.axis } }),
  // Copies values; no arithmetic.
  cost: () => ({ params: 0, macs: 0 }),
});
