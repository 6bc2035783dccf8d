import { z } from 'zod';
import { deconvOutputLength, defineLayer } from '../../src/core';
import { activation, glorot, padding } from './common';
import { axes, convCost, intOrPerAxis, LABELS, PARAM_TEXT, product, requireSpatial, spatial } from './spatial-common';

/** A transposed ("up-") convolution over images: each input pixel paints a learned patch of the output. */
export default defineLayer({
  type: 'Conv2DTranspose',
  label: LABELS.ConvTranspose[2],
  doc: {
    en: 'Enlarges an image with learned filters: each input pixel paints a small learned patch into a bigger output. With kernel size 2 and strides 2 it doubles the height and width, as in the decoder ("up") path of a U-Net for segmentation. Up-sampling followed by a Conv 2D is a simpler alternative that avoids checkerboard artefacts.',
    zh: '用可学习的卷积核放大图像：每个输入像素在更大的输出上"绘制"一小块学到的图案。卷积核尺寸 2、步长 2 时高和宽加倍，常用于分割 U-Net 的解码（上采样）路径。"上采样 + 二维卷积"是更简单的替代方案，可避免棋盘格伪影。',
  },
  params: z.strictObject({
    filters: z.number().int().min(1).max(4096).default(16).describe('whole number from 1 to 4096'),
    kernelSize: intOrPerAxis(2, 2, 1, 31),
    strides: intOrPerAxis(2, 2, 1, 16),
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
    const kernel = axes(p.kernelSize, 2);
    const strides = axes(p.strides, 2);
    const space = spatial(input).map((d, i) => (d === null ? null : deconvOutputLength(d, kernel[i]!, strides[i]!, p.padding)));
    return requireSpatial(input, 2, 'ConvTranspose', ctx) ?? [null, ...space, p.filters];
  },
  lower: (p, ctx) => ({
    className: 'Conv2DTranspose',
    config: {
      filters: p.filters,
      kernelSize: axes(p.kernelSize, 2),
      strides: axes(p.strides, 2),
      padding: p.padding,
      activation: p.activation,
      useBias: p.useBias,
      kernelInitializer: glorot(ctx.seed),
    },
  }),
  cost: (p, { inputs }) =>
    convCost(axes(p.kernelSize, 2), inputs[0]?.at(-1) ?? 0, p.filters, p.useBias, product(spatial(inputs[0] ?? []))),
});
