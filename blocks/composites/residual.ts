import { z } from 'zod';
import { COMPOSITE_BATCH_NORM } from './conv-stages';
import { defineComposite, SubgraphBuilder } from '../../src/core';

/** A residual block (He et al. 2016): two convolutions whose result is added to the block's input. */
export function residualBlock(dims: 2 | 3) {
  return defineComposite({
    type: `ResidualBlock${dims}D`,
    label: { en: `Residual block ${dims}D`, zh: `${dims === 2 ? '二' : '三'}维残差块` },
    doc: {
      en: 'Two convolutions with batch normalisation whose output is added to the block\'s own input (a shortcut), then ReLU. Shortcuts let deep networks train well. Keep "projection" on when the number of filters or the stride changes the shape: the shortcut then goes through a 1×1 convolution so both branches fit.',
      zh: '两个带批归一化的卷积，其输出与本模块的输入相加（捷径连接），再经过 ReLU。捷径使深层网络更易训练。当卷积核数量或步长改变形状时请保持“投影”开启：捷径将经过 1×1 卷积，使两个分支形状一致。',
    },
    params: z.strictObject({
      filters: z.number().int().min(1).max(1024).default(32).describe('whole number from 1 to 1024'),
      kernelSize: z.number().int().min(1).max(7).default(3).describe('whole number from 1 to 7'),
      strides: z.number().int().min(1).max(4).default(1).describe('1 keeps the size; 2 halves it'),
      projection: z.boolean().default(true),
    }),
    paramText: {
      filters: { label: { en: 'Filters', zh: '卷积核数量' } },
      kernelSize: { label: { en: 'Kernel size', zh: '卷积核尺寸' } },
      strides: { label: { en: 'Stride', zh: '步长' } },
      projection: { label: { en: 'Projection shortcut', zh: '投影捷径' }, doc: { en: 'Needed when the input has another number of channels than Filters, or the stride is 2.', zh: '当输入通道数与卷积核数量不同或步长为 2 时需要开启。' } },
    },
    build(p) {
      const g = new SubgraphBuilder();
      const conv = `Conv${dims}D`;
      const a = g.add('conv_a', conv, { filters: p.filters, kernelSize: p.kernelSize, strides: p.strides, padding: 'same', useBias: false });
      const bnA = g.add('bn_a', 'BatchNormalization', { ...COMPOSITE_BATCH_NORM }, a);
      const reluA = g.add('relu_a', 'Activation', { activation: 'relu' }, bnA);
      const b = g.add('conv_b', conv, { filters: p.filters, kernelSize: p.kernelSize, padding: 'same', useBias: false }, reluA);
      const bnB = g.add('bn_b', 'BatchNormalization', { ...COMPOSITE_BATCH_NORM }, b);
      const inputs = [{ block: a, port: 'in' }];
      let add: string;
      if (p.projection) {
        const s = g.add('shortcut', conv, { filters: p.filters, kernelSize: 1, strides: p.strides, padding: 'same', useBias: false });
        const bnS = g.add('bn_shortcut', 'BatchNormalization', { ...COMPOSITE_BATCH_NORM }, s);
        inputs.push({ block: s, port: 'in' });
        add = g.add('add', 'Add', {}, bnB, bnS);
      } else {
        add = g.add('add', 'Add', {}, bnB);
        inputs.push({ block: add, port: 'in' });
      }
      const out = g.add('relu_out', 'Activation', { activation: 'relu' }, add);
      return { blocks: g.blocks, links: g.links, inputs: { in: inputs }, outputs: { out: { block: out, port: 'out' } } };
    },
  });
}
