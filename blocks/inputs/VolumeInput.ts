import { z } from 'zod';
import { defineBlock, port } from '../../src/core';

const dim = z.number().int().min(1).max(2048);

/** The model's entry point for 3D volumes. */
export default defineBlock({
  type: 'VolumeInput',
  category: 'input',
  version: 1,
  label: { en: 'Volume Input', zh: '体数据输入' },
  doc: {
    en: 'Where a 3D model starts: volumes of depth × height × width × channels (for example 4 channels for T1, T1ce, T2 and FLAIR MRI).',
    zh: '三维模型的起点：深 × 高 × 宽 × 通道 的体数据（例如 T1、T1ce、T2、FLAIR 四种 MRI 序列为 4 通道）。',
  },
  inputs: {},
  outputs: { out: port.tensor() },
  params: z.strictObject({
    depth: dim.default(32).describe('whole number from 1 to 2048'),
    height: dim.default(32).describe('whole number from 1 to 2048'),
    width: dim.default(32).describe('whole number from 1 to 2048'),
    channels: z.number().int().min(1).max(64).default(1).describe('whole number from 1 to 64'),
  }),
  paramText: {
    depth: { label: { en: 'Depth (slices)', zh: '深度（层数）' } },
    height: { label: { en: 'Height', zh: '高' } },
    width: { label: { en: 'Width', zh: '宽' } },
    channels: { label: { en: 'Channels', zh: '通道数' } },
  },
  infer: (_inputs, p) => ({ outputs: { out: { kind: 'tensor', shape: [null, p.depth, p.height, p.width, p.channels] } } }),
  lower: (p) => ({ className: 'InputLayer', config: { batchInputShape: [null, p.depth, p.height, p.width, p.channels], dtype: 'float32', sparse: false } }),
  cost: () => ({ params: 0, macs: 0 }),
});
