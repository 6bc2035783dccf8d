import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { axes, intOrPerAxis, LABELS, optionalIntOrPerAxis, PARAM_TEXT, requireSpatial, windowShape } from './spatial-common';

/** Keeps the largest value of each window of an image, channel by channel. */
export default defineLayer({
  type: 'MaxPooling2D',
  label: LABELS.MaxPooling[2],
  doc: {
    en: 'Shrinks an image by keeping only the strongest response in each small window (2×2 halves the height and width). It makes the network cheaper and less sensitive to small shifts, and lets later layers see a larger part of the image. It has no weights; place it after one or two convolutions.',
    zh: '在每个小窗口中只保留最强的响应来缩小图像（2×2 窗口使高和宽减半）。它能降低计算量、减弱对微小位移的敏感性，并让后面的层看到更大的范围。它没有权重，通常放在一两层卷积之后。',
  },
  params: z.strictObject({
    poolSize: intOrPerAxis(2, 2, 1, 32),
    strides: optionalIntOrPerAxis(2, 1, 32),
    padding: z.enum(['valid', 'same']).default('valid').describe('"valid" drops an incomplete border, "same" keeps it'),
  }),
  paramText: { poolSize: PARAM_TEXT.poolSize, strides: PARAM_TEXT.poolStrides, padding: PARAM_TEXT.poolPadding },
  shape(input, p, ctx) {
    const pool = axes(p.poolSize, 2);
    const strides = axes(p.strides ?? p.poolSize, 2);
    return requireSpatial(input, 2, 'MaxPooling', ctx) ?? windowShape(input, pool, strides, p.padding, input.at(-1) ?? null);
  },
  lower: (p) => ({
    className: 'MaxPooling2D',
    config: { poolSize: axes(p.poolSize, 2), strides: axes(p.strides ?? p.poolSize, 2), padding: p.padding },
  }),
  // Taking a maximum only compares values: no multiply-adds.
  cost: () => ({ params: 0, macs: 0 }),
});
