import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { LABELS, marginPairs, margins, requireSpatial, spatial } from './spatial-common';

/** Removes rows and columns from the borders of an image. */
export default defineLayer({
  type: 'Cropping2D',
  label: LABELS.Cropping[2],
  doc: {
    en: 'Cuts pixels off the borders of the image (1 removes one row or column on every side). Use it to make an encoder feature map the same size as the decoder one before concatenating them in a U-Net, or to drop a black frame around a fundus photo. It has no weights.',
    zh: '从图像边缘裁掉像素（取 1 时每边各去掉一行或一列）。用于在 U-Net 中拼接前使编码特征图与解码特征图尺寸一致，或去掉眼底照片周围的黑边。它没有权重。',
  },
  params: z.strictObject({
    cropping: margins(2, 1, 4096),
  }),
  paramText: {
    cropping: {
      label: { en: 'Crop', zh: '裁剪量' },
      doc: {
        en: 'Pixels removed from every side; or [height, width]; or [[top, bottom], [left, right]].',
        zh: '每边去掉的像素数；或 [高, 宽]；或 [[上, 下], [左, 右]]。',
      },
    },
  },
  shape(input, p, ctx) {
    const pairs = marginPairs(p.cropping, 2);
    return (
      requireSpatial(input, 2, 'Cropping', ctx) ??
      [null, ...spatial(input).map((d, i) => (d === null ? null : d - pairs[i]![0] - pairs[i]![1])), input.at(-1) ?? null]
    );
  },
  lower: (p) => ({ className: 'Cropping2D', config: { cropping: marginPairs(p.cropping, 2) } }),
  cost: () => ({ params: 0, macs: 0 }),
});
