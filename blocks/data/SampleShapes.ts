import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { SAMPLE_SHAPE_CLASSES, sampleShapes } from '../../src/data/sample-shapes';

/** A built-in teaching dataset: discs and rings, made on the spot from a seed. */
export default defineBlock({
  type: 'SampleShapes',
  category: 'data',
  version: 1,
  label: { en: 'Sample Shapes', zh: '示例形状' },
  doc: {
    en: 'A small practice dataset that needs no files: grey images of a bright filled disc or a ring, at random places and sizes, with varying brightness and noise. The task is to tell disc from ring (two classes). Use it to try out a pipeline before loading your own scans: a small convolutional network should reach over 90 % accuracy. The same seed always makes the same images.',
    zh: '无需任何文件的小型练习数据集：灰度图像中有一个明亮的实心圆盘或一个圆环，位置、大小、亮度和噪声各不相同。任务是区分圆盘和圆环（两类）。在载入自己的影像之前，可用它试运行流程：一个小型卷积网络应能达到 90% 以上的准确率。相同的随机种子总会生成相同的图像。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'images and labels', zh: '图像和标签' } }) },
  params: z.strictObject({
    count: z.number().int().min(2).max(10_000).default(600).describe('whole number from 2 to 10000'),
    size: z.number().int().min(8).max(128).default(32).describe('whole number from 8 to 128'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).nullable().default(null).describe('empty to use the pipeline seed'),
  }),
  paramText: {
    count: { label: { en: 'Number of images', zh: '图像数量' }, doc: { en: 'Half discs, half rings.', zh: '圆盘和圆环各占一半。' } },
    size: { label: { en: 'Image size (pixels)', zh: '图像尺寸（像素）' }, doc: { en: 'Images are square: size × size, one grey channel.', zh: '图像为正方形：尺寸 × 尺寸，单个灰度通道。' } },
    seed: { label: { en: 'Seed', zh: '随机种子' }, doc: { en: 'Empty: follow the pipeline seed.', zh: '留空则使用流程的随机种子。' } },
  },
  infer: (_inputs, p) => ({
    outputs: {
      data: { kind: 'dataset', image: [p.size, p.size, 1], label: [2], task: 'multiclass', labelNames: [...SAMPLE_SHAPE_CLASSES], count: p.count, steps: [] },
    },
  }),
  run: { source: async (p, _io, ctx) => sampleShapes({ count: p.count, size: p.size, seed: p.seed ?? ctx.seed, limit: ctx.limit }) },
});
