import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { FUNDUS_LABELS, sampleFundus } from '../../src/data/synthetic/fundus';
import { SAMPLE_COUNT_TEXT, SAMPLE_SEED_TEXT, sampleParams } from './sample-params';

/** Synthetic colour fundus photos for multi-disease screening (ODIR-style multi-label). */
export default defineBlock({
  type: 'SampleFundus',
  category: 'data',
  version: 1,
  label: { en: 'Sample Fundus Photos (synthetic)', zh: '示例眼底照片（合成）' },
  doc: {
    en: 'SYNTHETIC colour fundus photos, made on the spot from a seed — no real patients. Each photo can show several diseases (multi-label, like the ODIR-5K challenge): glaucoma as a large optic cup (cup-to-disc ratio 0.6–0.85), diabetic retinopathy as dark red haemorrhages and yellow exudates, AMD as yellow drusen around the macula, cataract as a milky haze, pathological myopia as a pale crescent beside the disc and a tessellated fundus; "normal" when none is present. Labels: normal, diabetic_retinopathy, glaucoma, cataract, amd, myopia. Watch the mean AUC and the ODIR score.',
    zh: '由随机种子即时生成的合成彩色眼底照片——并非真实患者。每张照片可同时有多种疾病（多标签，与 ODIR-5K 挑战赛相同）：青光眼表现为视杯增大（杯盘比 0.6–0.85），糖尿病视网膜病变表现为暗红色出血和黄色渗出，年龄相关性黄斑变性表现为黄斑周围的黄色玻璃膜疣，白内障表现为乳白色雾状模糊，病理性近视表现为视盘旁的苍白弧形斑和豹纹状眼底；无任何疾病时标为“正常”。请关注平均 AUC 和 ODIR 分数。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'photos and labels', zh: '照片和标签' } }) },
  params: z.strictObject({
    ...sampleParams({ default: 600, max: 20_000 }, { default: 64, min: 32, max: 256 }),
    prevalence: z.number().min(0.05).max(0.9).default(0.3).describe('from 0.05 to 0.9'),
  }),
  paramText: {
    count: SAMPLE_COUNT_TEXT,
    size: { label: { en: 'Photo size (pixels)', zh: '照片尺寸（像素）' }, doc: { en: 'Photos are square, RGB: size × size × 3.', zh: '照片为正方形 RGB 图像：尺寸 × 尺寸 × 3。' } },
    seed: SAMPLE_SEED_TEXT,
    prevalence: { label: { en: 'Disease prevalence', zh: '患病率' }, doc: { en: 'Chance of each disease in a photo, independently.', zh: '每种疾病在一张照片中出现的概率（相互独立）。' } },
  },
  infer: (_inputs, p) => ({
    outputs: { data: { kind: 'dataset', image: [p.size, p.size, 3], label: [FUNDUS_LABELS.length], task: 'multilabel', labelNames: [...FUNDUS_LABELS], count: p.count, steps: [] } },
  }),
  run: {
    source: async (p, _io, ctx) => {
      const { signs: _signs, ...set } = sampleFundus({ count: p.count, size: p.size, seed: p.seed ?? ctx.seed, limit: ctx.limit, prevalence: p.prevalence });
      return set;
    },
  },
});
