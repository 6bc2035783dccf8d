import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { samplePetCt } from '../../src/data/synthetic/pet-ct';
import { SAMPLE_COUNT_TEXT, SAMPLE_SEED_TEXT, sampleParams, volumeSizeText } from './sample-params';

/** Synthetic whole-body PET/CT with lesions and physiological uptake (autoPET-style lesion segmentation). */
export default defineBlock({
  type: 'SamplePetCt',
  category: 'data',
  version: 1,
  label: { en: 'Sample PET/CT (synthetic)', zh: '示例 PET/CT（合成）' },
  doc: {
    en: 'SYNTHETIC whole-body PET/CT, made on the spot from a seed — no real patients. Two channels: PET (SUV / 10) and CT (HU / 1000). Each body has organs with normal, physiological uptake that are hot but are not disease (brain, heart, bladder; the liver mildly) and zero to four lesions, hot spots in the lungs, lymph-node regions or bones; some cases have none. The label is the lesion mask. Watch the foreground Dice and the false-positive volume (autoPET).',
    zh: '由随机种子即时生成的合成全身 PET/CT——并非真实患者。两个通道：PET（SUV / 10）和 CT（HU / 1000）。每个身体中都有生理性摄取的器官，它们很亮但并非病变（脑、心脏、膀胱；肝脏轻度摄取），以及零至四个病灶，即位于肺、淋巴结区域或骨骼中的高摄取灶；部分病例没有病灶。标签是病灶掩膜。请关注前景 Dice 和假阳性体积（autoPET）。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'PET/CT and lesion masks', zh: 'PET/CT 和病灶掩膜' } }) },
  params: z.strictObject(sampleParams({ default: 120, max: 2_000 }, { default: 32, min: 16, max: 96 })),
  paramText: { count: SAMPLE_COUNT_TEXT, size: volumeSizeText, seed: SAMPLE_SEED_TEXT },
  infer: (_inputs, p) => ({
    outputs: { data: { kind: 'dataset', image: [p.size, p.size, p.size, 2], label: [p.size, p.size, p.size, 1], task: 'segmentation', labelNames: ['lesion'], count: p.count, steps: [] } },
  }),
  run: { source: async (p, _io, ctx) => samplePetCt({ count: p.count, size: p.size, seed: p.seed ?? ctx.seed, limit: ctx.limit }) },
});
