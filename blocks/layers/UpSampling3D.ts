import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { axes, intOrPerAxis, LABELS, requireSpatial, spatial } from './spatial-common';

/** Enlarges a volume by a whole factor per axis (nearest neighbour), with no weights. */
export default defineLayer({
  type: 'UpSampling3D',
  label: LABELS.UpSampling[3],
  doc: {
    en: 'Enlarges a volume by repeating each voxel (size 2 doubles depth, height and width). It has no weights, so it is a light way to grow the volume back in the decoder of a 3D U-Net for tumour segmentation or dose prediction: follow it with a Conv 3D. Use a per-axis size such as [1, 2, 2] to keep thick slices as they are.',
    zh: '通过重复每个体素来放大体数据（尺寸 2 使深、高、宽都加倍）。它没有权重，是在肿瘤分割或剂量预测的三维 U-Net 解码部分恢复尺寸的轻量方法：通常在后面接三维卷积。可按轴设置倍数，例如 [1, 2, 2]，以保持厚层切片方向不变。',
  },
  params: z.strictObject({
    size: intOrPerAxis(3, 2, 1, 16),
  }),
  paramText: {
    size: {
      label: { en: 'Factor', zh: '放大倍数' },
      doc: {
        en: 'How many times each voxel is repeated along depth, height and width.',
        zh: '每个体素在深、高、宽方向上重复的次数。',
      },
    },
  },
  shape(input, p, ctx) {
    const size = axes(p.size, 3);
    return requireSpatial(input, 3, 'UpSampling', ctx) ?? [null, ...spatial(input).map((d, i) => (d === null ? null : d * size[i]!)), input.at(-1) ?? null];
  },
  lower: (p) => ({ className: 'UpSampling3D', config: { size: axes(p.size, 3) } }),
  // Repeating voxels only copies values.
  cost: () => ({ params: 0, macs: 0 }),
});
