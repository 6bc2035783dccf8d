import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { normalizeExamples } from '../../src/data/normalize';

/** Puts image intensities on a common scale. */
export default defineBlock({
  type: 'Normalize',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Normalize', zh: '归一化' },
  doc: {
    en: 'Puts the brightness values of every image on a common scale, which helps a network learn. "Min–max" stretches each image to 0…1 (good for photos and X-rays). "Z-score" gives each image mean 0 and spread 1 (good for MRI, whose intensities have no fixed unit). "Scale and offset" applies one fixed rule to all images, value × scale + offset (for CT in Hounsfield units, for example scale 1/1000). Each channel (such as each MRI sequence) is treated on its own unless you turn that off.',
    zh: '把每张图像的亮度值调整到统一的范围，有助于网络学习。“最小–最大”把每张图像拉伸到 0…1（适合照片和 X 线片）。“Z 分数”使每张图像的均值为 0、标准差为 1（适合强度没有固定单位的 MRI）。“缩放和偏移”对所有图像使用同一规则：数值 × 缩放 + 偏移（例如以亨氏单位表示的 CT，可用缩放 1/1000）。默认每个通道（例如每个 MRI 序列）单独处理，也可关闭。',
  },
  inputs: { data: port.dataset({ label: { en: 'dataset', zh: '数据集' } }) },
  outputs: { data: port.dataset({ label: { en: 'normalized', zh: '归一化后' } }) },
  params: z.strictObject({
    mode: z.enum(['minmax', 'zscore', 'scale']).default('minmax').describe('minmax, zscore or scale'),
    perChannel: z.boolean().default(true),
    scale: z.number().finite().default(1).describe('a number; used by the scale mode'),
    offset: z.number().finite().default(0).describe('a number; used by the scale mode'),
  }),
  paramText: {
    mode: { label: { en: 'Method', zh: '方法' }, doc: { en: 'Min–max (0…1 per image), Z-score (mean 0, spread 1 per image), or a fixed scale and offset.', zh: '最小–最大（每张图像 0…1）、Z 分数（每张图像均值 0、标准差 1），或固定的缩放和偏移。' } },
    perChannel: { label: { en: 'Each channel on its own', zh: '各通道分别处理' } },
    scale: { label: { en: 'Scale', zh: '缩放' }, doc: { en: 'Only for "scale and offset".', zh: '仅用于"缩放和偏移"。' } },
    offset: { label: { en: 'Offset', zh: '偏移' }, doc: { en: 'Only for "scale and offset".', zh: '仅用于"缩放和偏移"。' } },
  },
  infer: ({ data }) => ({ outputs: { data: { ...data } } }),
  run: { perCase: () => 1, transform: (set, p) => normalizeExamples(set, p) },
});
