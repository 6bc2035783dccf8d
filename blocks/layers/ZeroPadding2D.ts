import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { LABELS, marginPairs, margins, requireSpatial, spatial } from './spatial-common';

/** Adds rows and columns of zeros around an image. */
export default defineLayer({
  type: 'ZeroPadding2D',
  label: LABELS.ZeroPadding[2],
  doc: {
    en: 'Adds a border of zeros around the image (1 adds one row or column on every side). Use it to make sizes match before merging two branches, or to keep the border when a "valid" convolution follows. It has no weights.',
    zh: '在图像四周补一圈零（取 1 时每边各加一行或一列）。用于在合并两个分支前对齐尺寸，或在后接 "valid" 卷积时保留边缘。它没有权重。',
  },
  params: z.strictObject({
    padding: margins(2, 1, 256),
  }),
  paramText: {
    padding: {
      label: { en: 'Padding', zh: '补零量' },
      doc: {
        en: 'Pixels added on every side; or [height, width]; or [[top, bottom], [left, right]].',
        zh: '每边补充的像素数；或 [高, 宽]；或 [[上, 下], [左, 右]]。',
      },
    },
  },
  shape(input, p, ctx) {
    const pairs = marginPairs(p.padding, 2);
    return (
      requireSpatial(input, 2, 'ZeroPadding', ctx) ??
      [null, ...spatial(input).map((d, i) => (d === null ? null : d + pairs[i]![0] + pairs[i]![1])), input.at(-1) ?? null]
    );
  },
  lower: (p) => ({ className: 'ZeroPadding2D', config: { padding: marginPairs(p.padding, 2) } }),
  cost: () => ({ params: 0, macs: 0 }),
});
