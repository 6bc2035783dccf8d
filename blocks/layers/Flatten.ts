import { z } from 'zod';
import { defineLayer, elementsPerExample, formatShape, requireRank } from '../../src/core';

/** Lays every value of an image or volume out in one long vector. */
export default defineLayer({
  type: 'Flatten',
  label: { en: 'Flatten', zh: '展平' },
  doc: {
    en: 'Lays all values of each example out in one long vector: [batch, 8, 8, 64] becomes [batch, 4096]. Needed before Dense layers. It keeps where each value was, but the following Dense layer then has many weights; Global Average Pooling is often the leaner choice.',
    zh: '把每个样本的所有数值排成一个长向量：[batch, 8, 8, 64] 变为 [batch, 4096]。全连接层之前需要它。它保留了每个数值的位置信息，但后面的全连接层权重会很多；“全局平均池化”通常更精简。',
  },
  params: z.strictObject({}),
  shape(input, _p, ctx) {
    const bad = requireRank(input, [3, 4, 5, 6, 7, 8], ctx, { en: 'an image, a volume or another tensor with at least 2 dimensions after the batch', zh: '图像、体数据或批维度之后至少有 2 维的张量' }, {
      en: `${formatShape(input)} is already a vector: remove Flatten.`,
      zh: `${formatShape(input)} 已经是向量：请删除“展平”模块。`,
    });
    if (bad) return bad;
    const n = elementsPerExample(input);
    if (n === null) {
      return ctx.fail('J304', {
        detail: { en: `the size of ${formatShape(input)} is not fixed, so the length of the vector is unknown`, zh: `${formatShape(input)} 的尺寸不固定，无法确定向量长度` },
        fix: { en: 'Use Global Average Pooling instead; it works with any size.', zh: '请改用“全局平均池化”，它适用于任意尺寸。' },
      }, 'in');
    }
    return [null, n];
  },
  lower: () => ({ className: 'Flatten', config: {} }),
  cost: () => ({ params: 0, macs: 0 }),
});
