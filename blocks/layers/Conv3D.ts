import { z } from 'zod';
import { defineLayer } from '../../src/core';
import { activation, glorot, padding } from './common';
import { axes, checkDilation, convCost, intOrPerAxis, LABELS, PARAM_TEXT, product, requireSpatial, spatial, windowShape } from './spatial-common';

/** A 3D convolution over volumes: [batch, depth, height, width, channels] → [batch, depth', height', width', filters]. */
export default defineLayer({
  type: 'Conv3D',
  label: LABELS.Conv[3],
  doc: {
    en: 'Slides small learned 3D filters through the whole volume, so each output voxel summarises a small cube around it across neighbouring slices too. The basic building block for MRI, CT and PET networks (brain age, tumour segmentation, dose prediction). 3D filters cost much more memory than 2D ones: start with few filters (8–16) and small volumes, and use strides 2 or pooling to shrink the volume.',
    zh: '用可学习的三维小卷积核在整个体数据中滑动，使每个输出体素概括其周围的小立方体（包括相邻切片）。它是 MRI、CT 和 PET 网络（脑龄预测、肿瘤分割、剂量预测）的基本模块。三维卷积比二维卷积占用多得多的内存：请从较少的卷积核（8–16 个）和较小的体数据开始，并用步长 2 或池化缩小体数据。',
  },
  params: z.strictObject({
    filters: z.number().int().min(1).max(4096).default(16).describe('whole number from 1 to 4096'),
    kernelSize: intOrPerAxis(3, 3, 1, 31),
    strides: intOrPerAxis(3, 1, 1, 16),
    padding,
    dilationRate: intOrPerAxis(3, 1, 1, 16),
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
    const strides = axes(p.strides, 3);
    const dilation = axes(p.dilationRate, 3);
    return (
      requireSpatial(input, 3, 'Conv', ctx) ??
      checkDilation(strides, dilation, ctx) ??
      windowShape(input, axes(p.kernelSize, 3), strides, p.padding, p.filters, dilation)
    );
  },
  lower: (p, ctx) => ({
    className: 'Conv3D',
    config: {
      filters: p.filters,
      kernelSize: axes(p.kernelSize, 3),
      strides: axes(p.strides, 3),
      padding: p.padding,
      dilationRate: axes(p.dilationRate, 3),
      activation: p.activation,
      useBias: p.useBias,
      kernelInitializer: glorot(ctx.seed),
    },
  }),
  cost: (p, { inputs, output }) =>
    convCost(axes(p.kernelSize, 3), inputs[0]?.at(-1) ?? 0, p.filters, p.useBias, product(spatial(output))),
});
