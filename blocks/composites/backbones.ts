import { z } from 'zod';
import { defineComposite, SubgraphBuilder } from '../../src/core';
import { convUnit } from './conv-stages';

const stagesParams = (stages: number, base: number, max: number) =>
  z.strictObject({
    stages: z.number().int().min(1).max(7).default(stages).describe('whole number from 1 to 7'),
    baseFilters: z.number().int().min(1).max(256).default(base).describe('whole number from 1 to 256'),
    maxFilters: z.number().int().min(1).max(1024).default(max).describe('whole number from 1 to 1024'),
    batchNorm: z.boolean().default(true),
    dropout: z.number().min(0).max(0.9).default(0).describe('a fraction from 0 to 0.9'),
  });

const paramText = {
  stages: { label: { en: 'Stages', zh: '阶段数' }, doc: { en: 'Each stage halves the size; more stages see larger structures.', zh: '每个阶段尺寸减半；阶段越多，能看到的结构越大。' } },
  baseFilters: { label: { en: 'Filters in the first stage', zh: '第一阶段卷积核数量' } },
  maxFilters: { label: { en: 'Most filters in a stage', zh: '单阶段最多卷积核数量' } },
  batchNorm: { label: { en: 'Batch normalisation', zh: '批归一化' } },
  dropout: { label: { en: 'Dropout before the output', zh: '输出前的随机失活' } },
};

/**
 * A convolutional backbone: stages of convolution → (BN) → ReLU → 2× max pooling with doubling filters
 * (capped), then global average pooling to one feature vector per example.
 */
function backbone(dims: 2 | 3, p: z.output<ReturnType<typeof stagesParams>>) {
  const g = new SubgraphBuilder();
  let x: string | null = null;
  let first = '';
  for (let s = 0; s < p.stages; s++) {
    const filters = Math.min(p.maxFilters, p.baseFilters * 2 ** s);
    const unit = convUnit(g, `stage${s}`, dims, filters, 3, p.batchNorm, x);
    if (!first) first = `stage${s}_conv`;
    x = g.add(`pool${s}`, `MaxPooling${dims}D`, { poolSize: 2 }, unit);
  }
  let out = g.add('gap', `GlobalAveragePooling${dims}D`, {}, x!);
  if (p.dropout > 0) out = g.add('dropout', 'Dropout', { rate: p.dropout }, out);
  return { blocks: g.blocks, links: g.links, inputs: { in: [{ block: first, port: 'in' }] }, outputs: { out: { block: out, port: 'out' } } };
}

/** A small 2D CNN backbone for photographs such as fundus images. */
export const CnnBackbone2D = defineComposite({
  type: 'CnnBackbone2D',
  label: { en: 'CNN backbone 2D', zh: '二维卷积骨干网络' },
  doc: {
    en: 'Turns an image into a feature vector: stages of 3×3 convolution, batch normalisation, ReLU and 2×2 max pooling, with the filters doubling at each stage, then global average pooling. Put a Dense layer after it for the classes (sigmoid for several labels at once, as in fundus screening).',
    zh: '把图像变成特征向量：若干阶段的 3×3 卷积、批归一化、ReLU 和 2×2 最大池化，每阶段卷积核数量翻倍，最后全局平均池化。其后接全连接层输出类别（多标签时用 sigmoid，例如眼底筛查）。',
  },
  params: stagesParams(4, 16, 128),
  paramText,
  build: (p) => backbone(2, p),
});

/**
 * A small 3D backbone in the spirit of SFCN (Peng et al. 2021, brain age): 3D convolution stages with
 * pooling and a global average, for regression or classification of whole volumes.
 */
export const Sfcn3D = defineComposite({
  type: 'Sfcn3D',
  label: { en: 'SFCN 3D backbone', zh: 'SFCN 三维骨干网络' },
  doc: {
    en: 'A simple fully convolutional 3D network in the spirit of SFCN, which won the brain-age challenge PAC 2019: stages of 3×3×3 convolution, batch normalisation, ReLU and 2×2×2 max pooling, then a global average over the volume. Put a Dense layer with 1 unit after it to predict an age, or with one unit per class.',
    zh: '类似 SFCN（PAC 2019 脑龄预测挑战冠军）的简单全卷积三维网络：若干阶段的 3×3×3 卷积、批归一化、ReLU 和 2×2×2 最大池化，最后对整个体数据做全局平均。其后接 1 个单元的全连接层可预测年龄，或每类一个单元用于分类。',
  },
  params: stagesParams(5, 8, 64),
  paramText,
  build: (p) => backbone(3, p),
});
