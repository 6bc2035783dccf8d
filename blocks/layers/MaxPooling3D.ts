import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { axes, intOrPerAxis, LABELS, optionalIntOrPerAxis, PARAM_TEXT, requireSpatial, windowShape } from './spatial-common';

/** Keeps the largest value of each window of a volume, channel by channel. */
export default defineLayer({
  type: 'MaxPooling3D',
  label: LABELS.MaxPooling[3],
  doc: {
    en: 'Shrinks a volume by keeping only the strongest response in each small cube (2×2×2 halves depth, height and width, leaving one eighth of the voxels). It makes 3D networks affordable, less sensitive to small shifts, and lets later layers see a larger region of the scan. It has no weights; place it after one or two 3D convolutions.',
    zh: '在每个小立方体中只保留最强的响应来缩小体数据（2×2×2 窗口使深、高、宽都减半，只剩八分之一的体素）。它让三维网络的计算量可以承受，减弱对微小位移的敏感性，并让后面的层看到扫描中更大的区域。它没有权重，通常放在一两层三维卷积之后。',
  },
  params: z.strictObject({
    poolSize: intOrPerAxis(3, 2, 1, 32),
    strides: optionalIntOrPerAxis(3, 1, 32),
    padding: z.enum(['valid', 'same']).default('valid').describe('"valid" drops an incomplete border, "same" keeps it'),
  }),
  paramText: { poolSize: PARAM_TEXT.poolSize, strides: PARAM_TEXT.poolStrides, padding: PARAM_TEXT.poolPadding },
  shape(input, p, ctx) {
    const pool = axes(p.poolSize, 3);
    const strides = axes(p.strides ?? p.poolSize, 3);
    return requireSpatial(input, 3, 'MaxPooling', ctx) ?? windowShape(input, pool, strides, p.padding, input.at(-1) ?? null);
  },
  lower: (p) => ({
    className: 'MaxPooling3D',
    config: { poolSize: axes(p.poolSize, 3), strides: axes(p.strides ?? p.poolSize, 3), padding: p.padding },
  }),
  // Taking a maximum only compares values: no multiply-adds.
  cost: () => ({ params: 0, macs: 0 }),
});
