import { z } from 'zod';
import { defineBlock, isIssue, perExample, port } from '../../src/core';
import { elementwiseShape, mergeInputs } from './merge';

/** Adds two or more branches value by value: the join of residual (skip) connections. */
export default defineBlock({
  type: 'Add',
  category: 'merge',
  version: 1,
  label: { en: 'Add', zh: '相加' },
  doc: {
    en: 'Adds two or more branches value by value. This is the skip connection of a residual network (ResNet): the block\'s input is added back to its output, which lets deep networks train well. All branches must have the same shape; a size of 1 is repeated to fit.',
    zh: '把两个或更多分支逐元素相加。这是残差网络（ResNet）的跳跃连接：把模块的输入加回到输出上，使很深的网络也能训练好。所有分支的形状必须相同；大小为 1 的维度会被重复以匹配。',
  },
  inputs: { in: port.tensor({ multiple: true, label: { en: 'branches', zh: '分支' } }) },
  outputs: { out: port.tensor() },
  params: z.strictObject({}),
  infer(inputs, _p, ctx) {
    const shapes = mergeInputs(inputs.in, ctx, 'Add');
    if (!Array.isArray(shapes)) return { issues: [shapes] };
    const out = elementwiseShape(shapes, ctx, 'Add');
    if (isIssue(out)) return { issues: [out] };
    return { outputs: { out: { kind: 'tensor', shape: out } } };
  },
  lower: () => ({ className: 'Add', config: {} }),
  // One addition per output value for every branch after the first.
  cost: (_p, { inputs, output }) => ({ params: 0, macs: (inputs.length - 1) * perExample(output) }),
});
