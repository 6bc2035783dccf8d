import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { GLIOMA_LABELS, sampleGlioma } from '../../src/data/synthetic/glioma';
import { SAMPLE_COUNT_TEXT, SAMPLE_SEED_TEXT, sampleParams, volumeSizeText } from './sample-params';

/** Synthetic four-modality brain MRI with a three-part glioma (BraTS-style segmentation). */
export default defineBlock({
  type: 'SampleGlioma',
  category: 'data',
  version: 1,
  label: { en: 'Sample Glioma MRI (synthetic)', zh: '示例胶质瘤 MRI（合成）' },
  doc: {
    en: 'SYNTHETIC brain MRI in four channels (T1, T1ce, T2, FLAIR), made on the spot from a seed — no real patients. Each brain has a glioma with the three BraTS sub-regions, each looking as it does in real scans: a necrotic core (dark on T1ce), an enhancing rim (bright on T1ce) and surrounding edema (bright on T2 and FLAIR). Labels are one-hot maps: background, necrosis, edema, enhancing. Watch the Dice of the whole tumour, tumour core and enhancing tumour.',
    zh: '由随机种子即时生成的四通道合成脑部 MRI（T1、T1ce、T2、FLAIR）——并非真实患者。每个大脑中有一个胶质瘤，含 BraTS 的三个亚区，外观与真实影像一致：坏死核心（T1ce 上呈暗色）、强化边缘（T1ce 上呈亮色）以及周围水肿（T2 和 FLAIR 上呈亮色）。标签为独热编码图：背景、坏死、水肿、强化。请关注全肿瘤、肿瘤核心和强化肿瘤的 Dice。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'volumes and label maps', zh: '体积和标签图' } }) },
  params: z.strictObject(sampleParams({ default: 120, max: 2_000 }, { default: 32, min: 16, max: 96 })),
  paramText: { count: SAMPLE_COUNT_TEXT, size: volumeSizeText, seed: SAMPLE_SEED_TEXT },
  infer: (_inputs, p) => ({
    outputs: { data: { kind: 'dataset', image: [p.size, p.size, p.size, 4], label: [p.size, p.size, p.size, GLIOMA_LABELS.length], task: 'segmentation', labelNames: [...GLIOMA_LABELS], count: p.count, steps: [] } },
  }),
  run: { source: async (p, _io, ctx) => sampleGlioma({ count: p.count, size: p.size, seed: p.seed ?? ctx.seed, limit: ctx.limit }) },
});
