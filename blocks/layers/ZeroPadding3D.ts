import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { LABELS, marginPairs, margins, requireSpatial, spatial } from './spatial-common';

/** Adds slices, rows and columns of zeros around a volume. */
export default defineLayer({
  type: 'ZeroPadding3D',
  label: LABELS.ZeroPadding[3],
  doc: {
    en: 'Adds a border of zeros around the volume (1 adds one slice, row or column on every side). Use it to make sizes match before merging two branches of a 3D network, or to bring an odd size up to one that pooling halves evenly. It has no weights.',
    zh: '在体数据四周补一圈零（取 1 时每个面各加一层切片、一行或一列）。用于在合并三维网络的两个分支前对齐尺寸，或把奇数尺寸补到可被池化整除的大小。它没有权重。',
  },
  params: z.strictObject({
    padding: margins(3, 1, 256),
  }),
  paramText: {
    padding: {
      label: { en: 'Padding', zh: '补零量' },
      doc: {
        en: 'Voxels added on every side; or [depth, height, width]; or a [before, after] pair for each of the three axes.',
        zh: '每个面补充的体素数；或 [深, 高, 宽]；或三个方向各一对 [前, 后]。',
      },
    },
  },
  shape(input, p, ctx) {
    const pairs = marginPairs(p.padding, 3);
    return (
      requireSpatial(input, 3, 'ZeroPadding', ctx) ??
      [null, ...spatial(input).map((d, i) => (d === null ? null : d + pairs[i]![0] + pairs[i]![1])), input.at(-1) ?? null]
    );
  },
  lower: (p) => ({ className: 'ZeroPadding3D', config: { padding: marginPairs(p.padding, 3) } }),
  cost: () => ({ params: 0, macs: 0 }),
});
