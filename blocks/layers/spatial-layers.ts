import { z } from 'zod';
import { deconvOutputLength, defineLayer, perExample, type BlockDef, type Text } from '../../src/core';
import { activation, glorot, padding } from './common';
import { axes, checkDilation, convCost, intOrPerAxis, LABELS, optionalIntOrPerAxis, PARAM_TEXT, product, requireSpatial, spatial, windowShape } from './spatial-common';

type Dims = 2 | 3;

/**
 * The 2D and 3D variants of the convolution and pooling blocks differ only in the number of spatial
 * axes and in their help text; each block file gives its text and calls one of these.
 */
export function convLayer(dims: Dims, doc: Text): BlockDef {
  return defineLayer({
    type: `Conv${dims}D`,
    label: LABELS.Conv[dims],
    doc,
    params: z.strictObject({
      filters: z.number().int().min(1).max(4096).default(16).describe('whole number from 1 to 4096'),
      kernelSize: intOrPerAxis(dims, 3, 1, 31),
      strides: intOrPerAxis(dims, 1, 1, 16),
      padding,
      dilationRate: intOrPerAxis(dims, 1, 1, 16),
      activation,
      useBias: z.boolean().default(true),
    }),
    paramText: {
      filters: PARAM_TEXT.filters,
      kernelSize: PARAM_TEXT.kernelSize,
      strides: PARAM_TEXT.strides,
      padding: PARAM_TEXT.padding,
      dilationRate: PARAM_TEXT.dilationRate,
      activation: PARAM_TEXT.activation,
      useBias: PARAM_TEXT.useBias,
    },
    shape(input, p, ctx) {
      const strides = axes(p.strides, dims);
      const dilation = axes(p.dilationRate, dims);
      return requireSpatial(input, dims, 'Conv', ctx) ?? checkDilation(strides, dilation, ctx) ?? windowShape(input, axes(p.kernelSize, dims), strides, p.padding, p.filters, dilation);
    },
    lower: (p, ctx) => ({
      className: `Conv${dims}D`,
      config: {
        filters: p.filters,
        kernelSize: axes(p.kernelSize, dims),
        strides: axes(p.strides, dims),
        padding: p.padding,
        dilationRate: axes(p.dilationRate, dims),
        activation: p.activation,
        useBias: p.useBias,
        kernelInitializer: glorot(ctx.seed),
      },
    }),
    cost: (p, { inputs, output }) => convCost(axes(p.kernelSize, dims), inputs[0]?.at(-1) ?? 0, p.filters, p.useBias, product(spatial(output))),
  });
}

export function convTransposeLayer(dims: Dims, doc: Text): BlockDef {
  return defineLayer({
    type: `Conv${dims}DTranspose`,
    label: LABELS.ConvTranspose[dims],
    doc,
    params: z.strictObject({
      filters: z.number().int().min(1).max(4096).default(16).describe('whole number from 1 to 4096'),
      kernelSize: intOrPerAxis(dims, 2, 1, 31),
      strides: intOrPerAxis(dims, 2, 1, 16),
      padding,
      activation,
      useBias: z.boolean().default(true),
    }),
    paramText: {
      filters: PARAM_TEXT.filters,
      kernelSize: PARAM_TEXT.kernelSize,
      strides: {
        label: PARAM_TEXT.strides.label,
        doc: { en: 'How much larger the output is along each axis: 2 doubles the size.', zh: '输出在每个方向放大的倍数：取 2 时尺寸加倍。' },
      },
      padding: {
        label: PARAM_TEXT.padding.label,
        doc: {
          en: '"same" makes the output exactly the input size times the strides; "valid" adds the kernel overhang at the border.',
          zh: '"same" 使输出正好为输入尺寸乘以步长；"valid" 会在边缘多出卷积核超出的部分。',
        },
      },
      activation: PARAM_TEXT.activation,
      useBias: PARAM_TEXT.useBias,
    },
    shape(input, p, ctx) {
      const kernel = axes(p.kernelSize, dims);
      const strides = axes(p.strides, dims);
      const space = spatial(input).map((d, i) => (d === null ? null : deconvOutputLength(d, kernel[i]!, strides[i]!, p.padding)));
      return requireSpatial(input, dims, 'ConvTranspose', ctx) ?? [null, ...space, p.filters];
    },
    lower: (p, ctx) => ({
      className: `Conv${dims}DTranspose`,
      config: {
        filters: p.filters,
        kernelSize: axes(p.kernelSize, dims),
        strides: axes(p.strides, dims),
        padding: p.padding,
        activation: p.activation,
        useBias: p.useBias,
        kernelInitializer: glorot(ctx.seed),
      },
    }),
    cost: (p, { inputs }) => convCost(axes(p.kernelSize, dims), inputs[0]?.at(-1) ?? 0, p.filters, p.useBias, product(spatial(inputs[0] ?? []))),
  });
}

export function poolingLayer(kind: 'MaxPooling' | 'AveragePooling', dims: Dims, doc: Text): BlockDef {
  return defineLayer({
    type: `${kind}${dims}D`,
    label: LABELS[kind][dims],
    doc,
    params: z.strictObject({
      poolSize: intOrPerAxis(dims, 2, 1, 32),
      strides: optionalIntOrPerAxis(dims, 1, 32),
      padding: z.enum(['valid', 'same']).default('valid').describe('"valid" drops an incomplete border, "same" keeps it'),
    }),
    paramText: { poolSize: PARAM_TEXT.poolSize, strides: PARAM_TEXT.poolStrides, padding: PARAM_TEXT.poolPadding },
    shape(input, p, ctx) {
      const pool = axes(p.poolSize, dims);
      const strides = axes(p.strides ?? p.poolSize, dims);
      return requireSpatial(input, dims, kind, ctx) ?? windowShape(input, pool, strides, p.padding, input.at(-1) ?? null);
    },
    lower: (p) => ({
      className: `${kind}${dims}D`,
      config: { poolSize: axes(p.poolSize, dims), strides: axes(p.strides ?? p.poolSize, dims), padding: p.padding },
    }),
    // Taking a maximum only compares values; averaging adds every value of the window once per output.
    cost: (p, { output }) => ({ params: 0, macs: kind === 'MaxPooling' ? 0 : perExample(output) * product(axes(p.poolSize, dims)) }),
  });
}
