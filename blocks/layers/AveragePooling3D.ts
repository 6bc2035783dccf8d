import { z } from 'zod';
import { defineLayer, perExample } from '../../src/core';
import { axes, intOrPerAxis, LABELS, optionalIntOrPerAxis, PARAM_TEXT, product, requireSpatial, windowShape } from './spatial-common';

/** Averages each window of a volume, channel by channel. */
export default defineLayer({
  type: 'AveragePooling3D',
  label: LABELS.AveragePooling[3],
  doc: {
    en: 'Shrinks a volume by averaging each small cube (2×2×2 halves depth, height and width). Unlike max pooling it keeps the overall intensity of a region rather than its strongest voxel, which suits smooth quantities such as dose or tracer uptake. It has no weights.',
    zh: '对每个小立方体求平均来缩小体数据（2×2×2 窗口使深、高、宽都减半）。与最大池化不同，它保留区域的整体强度而不是最强的体素，适合剂量或示踪剂摄取等平滑变化的量。它没有权重。',
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
    return requireSpatial(input, 3, 'AveragePooling', ctx) ?? windowShape(input, pool, strides, p.padding, input.at(-1) ?? null);
  },
  lower: (p) => ({
    className: 'AveragePooling3D',
    config: { poolSize: axes(p.poolSize, 3), strides: axes(p.strides ?? p.poolSize, 3), padding: p.padding },
  }),
  // Averaging adds every value of the window once, for every output value.
  cost: (p, { output }) => ({ params: 0, macs: perExample(output) * product(axes(p.poolSize, 3)) }),
});
