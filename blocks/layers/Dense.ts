import { z } from 'zod';
import { defineLayer, formatShape, LAYOUT, requireRank } from '../../src/core';
import { activation, glorot } from './common';

/** A fully connected layer. */
export default defineLayer({
  type: 'Dense',
  label: { en: 'Dense', zh: '全连接层' },
  doc: {
    en: 'Connects every input feature to every output unit with a learned weight. Use it at the end of a network to turn features into scores; it expects a vector, so Flatten or Global Pooling comes first.',
    zh: '每个输入特征都通过可学习的权重连接到每个输出单元。常用于网络末端，把特征变成得分；它需要向量输入，前面应接“展平”或“全局池化”。',
  },
  params: z.strictObject({
    units: z.number().int().min(1).max(1_000_000).default(16).describe('whole number from 1 to 1000000'),
    activation,
    useBias: z.boolean().default(true),
  }),
  paramText: {
    units: { label: { en: 'Units', zh: '单元数' } },
    activation: { label: { en: 'Activation', zh: '激活函数' } },
    useBias: { label: { en: 'Use bias', zh: '使用偏置' } },
  },
  shape(input, p, ctx) {
    const bad = requireRank(input, [2], ctx, LAYOUT.vector, {
      en: `Add a Flatten or a Global Average Pooling block before Dense to turn ${formatShape(input)} into a vector.`,
      zh: `请在全连接层前加“展平”或“全局平均池化”模块，把 ${formatShape(input)} 变成向量。`,
    });
    return bad ?? [null, p.units];
  },
  lower: (p, ctx) => ({
    className: 'Dense',
    config: { units: p.units, activation: p.activation, useBias: p.useBias, kernelInitializer: glorot(ctx.seed) },
  }),
  cost: (p, { inputs }) => {
    const fin = inputs[0]?.[1] ?? 0;
    return { params: fin * p.units + (p.useBias ? p.units : 0), macs: fin * p.units };
  },
});
