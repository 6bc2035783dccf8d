import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { activation, glorot, padding } from './common';
import { axes, checkDilation, convCost, intOrPerAxis, LABELS, PARAM_TEXT, product, requireSpatial, spatial, windowShape } from './spatial-common';

/** A 2D convolution over images: [batch, height, width, channels] → [batch, height', width', filters]. */
export default defineLayer({
  type: 'Conv2D',
  label: LABELS.Conv[2],
  doc: {
    en: 'Slides small learned filters over the image, so each output pixel summarises its neighbourhood: edges and textures in the first layers, lesions and anatomy deeper down. The basic building block of image networks, for fundus photos or single slices. Stack several with "relu", and use strides 2 or pooling to shrink the image as the number of filters grows.',
    zh: '用可学习的小卷积核在图像上滑动，使每个输出像素概括其邻域：浅层识别边缘和纹理，深层识别病灶和解剖结构。它是图像网络（如眼底照片或单张切片）的基本模块。通常叠加多层并使用 "relu"，随着卷积核数量增加，用步长 2 或池化缩小图像。',
  },
  params: z.strictObject({
    filters: z.number().int().min(1).max(4096).default(16).describe('whole number from 1 to 4096'),
    kernelSize: intOrPerAxis(2, 3, 1, 31),
    strides: intOrPerAxis(2, 1, 1, 16),
    padding,
    dilationRate: intOrPerAxis(2, 1, 1, 16),
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
    const strides = axes(p.strides, 2);
    const dilation = axes(p.dilationRate, 2);
    return (
      requireSpatial(input, 2, 'Conv', ctx) ??
      checkDilation(strides, dilation, ctx) ??
      windowShape(input, axes(p.kernelSize, 2), strides, p.padding, p.filters, dilation)
    );
  },
  lower: (p, ctx) => ({
    className: 'Conv2D',
    config: {
      filters: p.filters,
      kernelSize: axes(p.kernelSize, 2),
      strides: axes(p.strides, 2),
      padding: p.padding,
      dilationRate: axes(p.dilationRate, 2),
      activation: p.activation,
      useBias: p.useBias,
      kernelInitializer: glorot(ctx.seed),
    },
  }),
  cost: (p, { inputs, output }) =>
    convCost(axes(p.kernelSize, 2), inputs[0]?.at(-1) ?? 0, p.filters, p.useBias, product(spatial(output))),
});
