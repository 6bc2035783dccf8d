import { z } from 'zod';
import { defineBlock, port } from '../../src/core';

const dim = z.number().int().min(1).max(8192);

/** The model's entry point for 2D images. */
export default defineBlock({
  type: 'ImageInput',
  category: 'input',
  version: 1,
  label: { en: 'Image Input', zh: '图像输入' },
  doc: {
    en: 'Where a 2D model starts: images of height × width × channels (3 for colour photos, 1 for grey scans). Match it to the data, or add a Resize block to the data.',
    zh: '二维模型的起点：高 × 宽 × 通道 的图像（彩色照片为 3 通道，灰度图像为 1 通道）。请与数据一致，或在数据后加“缩放”模块。',
  },
  inputs: {},
  outputs: { out: port.tensor() },
  params: z.strictObject({
    height: dim.default(64).describe('whole number from 1 to 8192'),
    width: dim.default(64).describe('whole number from 1 to 8192'),
    channels: z.number().int().min(1).max(64).default(3).describe('whole number from 1 to 64'),
  }),
  paramText: {
    height: { label: { en: 'Height', zh: '高' } },
    width: { label: { en: 'Width', zh: '宽' } },
    channels: { label: { en: 'Channels', zh: '通道数' } },
  },
  infer: (_inputs, p) => ({ outputs: { out: { kind: 'tensor', shape: [null, p.height, p.width, p.channels] } } }),
  lower: (p) => ({ className: 'InputLayer', config: { batchInputShape: [null, p.height, p.width, p.channels], dtype: 'float32', sparse: false } }),
  cost: () => ({ params: 0, macs: 0 }),
});
