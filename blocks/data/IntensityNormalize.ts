import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { normalizeIntensity } from '../../src/data/volume-transforms';

const pct = z.number().min(0).max(100);

/** Z-score or percentile normalisation per scan and per channel (MRI, PET). */
export default defineBlock({
  type: 'IntensityNormalize',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Intensity Normalize', zh: '强度归一化' },
  doc: {
    en: 'Brings each scan’s brightness to a common scale, each channel (MRI sequence) on its own. "Z-score" gives mean 0 and spread 1 — the usual choice for MRI, whose values have no fixed unit. "Percentile" maps the lower percentile to 0 and the upper to 1 and clips outside, so a few very bright voxels do not squash the rest. "Non-zero voxels only" computes the statistics inside the head for skull-stripped brain scans and leaves the background at 0.',
    zh: '把每个扫描的亮度调整到统一尺度，每个通道（MRI 序列）单独处理。“Z 分数”使均值为 0、标准差为 1——MRI 的常用选择，因为其数值没有固定单位。“百分位”把下百分位映射为 0、上百分位映射为 1，并截断范围外的值，使少数极亮体素不会压缩其余部分。“仅非零体素”只在头部内计算统计量（适用于去颅骨的脑部扫描），背景保持为 0。',
  },
  inputs: { data: port.dataset({ label: { en: 'dataset', zh: '数据集' } }) },
  outputs: { data: port.dataset({ label: { en: 'normalized', zh: '归一化后' } }) },
  params: z.strictObject({
    mode: z.enum(['zscore', 'percentile']).default('zscore').describe('zscore or percentile'),
    lower: pct.default(0.5).describe('percentile from 0 to 100'),
    upper: pct.default(99.5).describe('percentile from 0 to 100'),
    nonzero: z.boolean().default(false),
  }),
  paramText: {
    mode: { label: { en: 'Method', zh: '方法' } },
    lower: { label: { en: 'Lower percentile', zh: '下百分位' }, doc: { en: 'Only for "percentile"; becomes 0.', zh: '仅用于"百分位"；映射为 0。' } },
    upper: { label: { en: 'Upper percentile', zh: '上百分位' }, doc: { en: 'Only for "percentile"; becomes 1.', zh: '仅用于"百分位"；映射为 1。' } },
    nonzero: { label: { en: 'Non-zero voxels only', zh: '仅非零体素' } },
  },
  infer({ data }, p, ctx) {
    if (p.mode === 'percentile' && p.lower >= p.upper) {
      return { issues: [ctx.fail('J304', { detail: { en: `the lower percentile (${p.lower}) is not below the upper (${p.upper})`, zh: `下百分位（${p.lower}）不小于上百分位（${p.upper}）` }, fix: { en: 'For example 0.5 and 99.5.', zh: '例如 0.5 和 99.5。' } })] };
    }
    return { outputs: { data: { ...data } } };
  },
  run: { perCase: () => 1, transform: (set, p) => normalizeIntensity(set, p) },
});
