import { z } from 'zod';
import { defineLayer, perExample } from '../../src/core';
import { axes, intOrPerAxis, LABELS, optionalIntOrPerAxis, PARAM_TEXT, product, requireSpatial, windowShape } from './spatial-common';

/** Averages each window of an image, channel by channel. */
export default defineLayer({
  type: 'AveragePooling2D',
  label: LABELS.AveragePooling[2],
  doc: {
    en: 'Shrinks an image by averaging each small window (2×2 halves the height and width). Unlike max pooling it keeps the overall brightness of a region rather than its strongest spot, which suits smooth, diffuse findings. It has no weights.',
    zh: '对每个小窗口求平均来缩小图像（2×2 窗口使高和宽减半）。与最大池化不同，它保留区域的整体亮度而不是最强的一点，适合平滑、弥散的表现。它没有权重。',
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
    return requireSpatial(input, 2, 'AveragePooling', ctx) ?? windowShape(input, pool, strides, p.padding, input.at(-1) ?? null);
  },
  lower: (p) => ({
    className: 'AveragePooling2D',
    config: { poolSize: axes(p.poolSize, 2), strides: axes(p.strides ?? p.poolSize, 2), padding: p.padding },
  }),
  // Averaging adds every value of the window once, for every output value.
  cost: (p, { output }) => ({ params: 0, macs: perExample(output) * product(axes(p.poolSize, 2)) }),
});
