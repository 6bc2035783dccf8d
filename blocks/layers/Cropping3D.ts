import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { LABELS, marginPairs, margins, requireSpatial, spatial } from './spatial-common';

/** Removes slices, rows and columns from the borders of a volume. */
export default defineLayer({
  type: 'Cropping3D',
  label: LABELS.Cropping[3],
  doc: {
    en: 'Cuts voxels off the borders of the volume (1 removes one slice, row or column on every side). Use it to make an encoder feature map the same size as the decoder one before concatenating them in a 3D U-Net, or to trim empty space around the body. It has no weights.',
    zh: '从体数据边缘裁掉体素（取 1 时每个面各去掉一层切片、一行或一列）。用于在三维 U-Net 中拼接前使编码特征图与解码特征图尺寸一致，或裁掉身体周围的空白区域。它没有权重。',
  },
  params: z.strictObject({
    cropping: margins(3, 1, 4096),
  }),
  paramText: {
    cropping: {
      label: { en: 'Crop', zh: '裁剪量' },
      doc: {
        en: 'Voxels removed from every side; or [depth, height, width]; or a [before, after] pair for each of the three axes.',
        zh: '每个面去掉的体素数；或 [深, 高, 宽]；或三个方向各一对 [前, 后]。',
      },
    },
  },
  shape(input, p, ctx) {
    const pairs = marginPairs(p.cropping, 3);
    return (
      requireSpatial(input, 3, 'Cropping', ctx) ??
      [null, ...spatial(input).map((d, i) => (d === null ? null : d - pairs[i]![0] - pairs[i]![1])), input.at(-1) ?? null]
    );
  },
  lower: (p) => ({ className: 'Cropping3D', config: { cropping: marginPairs(p.cropping, 3) } }),
  cost: () => ({ params: 0, macs: 0 }),
});
