import { z } from 'zod';
import { defineBlock, isIssue, perExample, port } from '../../src/core';
import { elementwiseShape, mergeInputs } from './merge';

/** Multiplies two or more branches value by value: gating and attention. */
export default defineBlock({
  type: 'Multiply',
  category: 'merge',
  version: 1,
  label: { en: 'Multiply', zh: '相乘' },
  doc: {
    en: 'Multiplies two or more branches value by value. Use it for gating and attention: a branch ending in a sigmoid gives a map of weights between 0 and 1 that switches features on or off, as in Attention U-Net and squeeze-and-excitation blocks. The shapes must match; a size of 1 is repeated to fit, so a one-channel attention map weights every channel.',
    zh: '把两个或更多分支逐元素相乘。用于门控和注意力：以 sigmoid 结尾的分支给出 0 到 1 之间的权重图，用来开启或关闭特征，如 Attention U-Net 和挤压-激励（SE）模块。形状必须一致；大小为 1 的维度会被重复以匹配，因此单通道的注意力图可作用于每个通道。',
  },
  inputs: { in: port.tensor({ multiple: true, label: { en: 'branches', zh: '分支' } }) },
  outputs: { out: port.tensor() },
  params: z.strictObject({}),
  infer(inputs, _p, ctx) {
    const shapes = mergeInputs(inputs.in, ctx, 'Multiply');
    if (!Array.isArray(shapes)) return { issues: [shapes] };
    const out = elementwiseShape(shapes, ctx, 'Multiply');
    if (isIssue(out)) return { issues: [out] };
    return { outputs: { out: { kind: 'tensor', shape: out } } };
  },
  lower: () => ({ className: 'Multiply', config: {} }),
  // One multiplication per output value for every branch after the first.
  cost: (_p, { inputs, output }) => ({ params: 0, macs: (inputs.length - 1) * perExample(output) }),
});
