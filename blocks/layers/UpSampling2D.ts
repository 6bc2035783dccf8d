import { z } from 'zod';
import { defineLayer, perExample } from '../../src/core';
import { axes, intOrPerAxis, LABELS, requireSpatial, spatial } from './spatial-common';

/** Enlarges an image by a whole factor per axis, with no weights. */
export default defineLayer({
  type: 'UpSampling2D',
  label: LABELS.UpSampling[2],
  doc: {
    en: 'Enlarges an image by repeating each pixel (size 2 doubles the height and width), or by smooth bilinear interpolation. It has no weights. In the decoder of a segmentation U-Net, follow it with a Conv 2D and concatenate the matching encoder features so the mask regains fine detail.',
    zh: '通过重复每个像素（尺寸 2 使高和宽加倍）或平滑的双线性插值来放大图像。它没有权重。在分割 U-Net 的解码部分，通常在它后面接二维卷积，并与对应的编码特征拼接，使分割结果恢复细节。',
  },
  params: z.strictObject({
    size: intOrPerAxis(2, 2, 1, 16),
    interpolation: z.enum(['nearest', 'bilinear']).default('nearest').describe('"nearest" repeats pixels, "bilinear" blends neighbours'),
  }),
  paramText: {
    size: {
      label: { en: 'Factor', zh: '放大倍数' },
      doc: { en: 'How many times larger the output is along height and width.', zh: '输出在高和宽方向上放大的倍数。' },
    },
    interpolation: {
      label: { en: 'Interpolation', zh: '插值方式' },
      doc: {
        en: '"nearest" repeats each pixel, keeping label edges sharp; "bilinear" blends neighbouring pixels for a smoother result.',
        zh: '"nearest" 重复每个像素，保持边界清晰；"bilinear" 混合相邻像素，结果更平滑。',
      },
    },
  },
  shape(input, p, ctx) {
    const size = axes(p.size, 2);
    return requireSpatial(input, 2, 'UpSampling', ctx) ?? [null, ...spatial(input).map((d, i) => (d === null ? null : d * size[i]!)), input.at(-1) ?? null];
  },
  lower: (p) => ({ className: 'UpSampling2D', config: { size: axes(p.size, 2), interpolation: p.interpolation } }),
  // Nearest neighbour only copies values; bilinear blends four input values into each output value.
  cost: (p, { output }) => ({ params: 0, macs: p.interpolation === 'bilinear' ? 4 * perExample(output) : 0 }),
});
