/** Parameters and the spatial variant shared by the dropout blocks. */
import { z } from 'zod';
import { defineLayer, formatShape, LAYOUT, requireRank, type BlockDef, type Text } from '../../src/core';

/** Keras accepts 0 ≤ rate < 1: a rate of 1 would drop everything. */
export function rate(defaultValue: number) {
  return z.number().min(0).lt(1).default(defaultValue).describe('a fraction from 0 up to (not including) 1, e.g. 0.2');
}

export const rateText = {
  label: { en: 'Rate', zh: '丢弃比例' },
  doc: {
    en: 'The fraction dropped at random in each training step (0.2 drops one in five). Only during training; the model uses everything when it predicts.',
    zh: '每个训练步骤随机丢弃的比例（0.2 表示丢弃五分之一）。只在训练时生效；模型预测时使用全部特征。',
  },
} satisfies { label: Text; doc: Text };

export interface SpatialDropoutSpec {
  type: 'SpatialDropout2D' | 'SpatialDropout3D';
  label: Text;
  doc: Text;
}

/** Dropout of whole channels of an image (2D) or a volume (3D). */
export function spatialDropout(spec: SpatialDropoutSpec): BlockDef {
  const dims = spec.type === 'SpatialDropout2D' ? 2 : 3;
  return defineLayer({
    type: spec.type,
    label: spec.label,
    doc: spec.doc,
    params: z.strictObject({ rate: rate(0.2) }),
    paramText: { rate: rateText },
    shape(input, _p, ctx) {
      const fix: Text =
        input.length === (dims === 2 ? 5 : 4)
          ? { en: `This link carries ${dims === 2 ? 'a volume' : 'an image'}: use SpatialDropout${dims === 2 ? 3 : 2}D instead.`, zh: `这条连线传来的是${dims === 2 ? '体数据' : '图像'}：请改用 SpatialDropout${dims === 2 ? 3 : 2}D。` }
          : { en: `Spatial dropout drops whole channels of feature maps; for ${formatShape(input)} use Dropout instead.`, zh: `空间丢弃会丢弃整个通道的特征图；对于 ${formatShape(input)} 请改用“丢弃”（Dropout）。` };
      return requireRank(input, [dims + 2], ctx, dims === 2 ? LAYOUT.image : LAYOUT.volume, fix) ?? input;
    },
    lower: (p, ctx) => ({ className: spec.type, config: { rate: p.rate, seed: ctx.seed } }),
    cost: () => ({ params: 0, macs: 0 }),
  });
}
