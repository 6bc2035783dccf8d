import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { sampleBrainAge } from '../../src/data/synthetic/brain-age';
import { SAMPLE_COUNT_TEXT, SAMPLE_SEED_TEXT, sampleParams, volumeSizeText } from './sample-params';

/** Synthetic T1 brain volumes labelled with age (brain-age regression). */
export default defineBlock({
  type: 'SampleBrainAge',
  category: 'data',
  version: 1,
  label: { en: 'Sample Brain MRI by Age (synthetic)', zh: '示例脑龄 MRI（合成）' },
  doc: {
    en: 'SYNTHETIC T1-weighted brain volumes, made on the spot from a seed — no real patients. Each head is a person aged 20 to 90: with age the ventricles widen, the cortex thins and the brain shrinks away from the skull, as in real ageing, while head size, contrast and noise vary. The label is the age in years (regression). Watch the MAE (PAC 2019 reached about 3 years on real scans) and the Spearman correlation between the brain-age gap and age.',
    zh: '由随机种子即时生成的合成 T1 加权脑部体积——并非真实患者。每个头部代表一名 20 至 90 岁的人：随着年龄增长，脑室扩大、皮层变薄、脑组织与颅骨之间的间隙增宽，与真实的衰老一致；头部大小、对比度和噪声因人而异。标签是以年为单位的年龄（回归）。请关注平均绝对误差（MAE）以及脑龄差与年龄之间的 Spearman 相关系数。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'volumes and ages', zh: '体积和年龄' } }) },
  params: z.strictObject({
    ...sampleParams({ default: 300, max: 5_000 }, { default: 32, min: 16, max: 96 }),
    minAge: z.number().min(0).max(100).default(20).describe('years, 0 to 100'),
    maxAge: z.number().min(1).max(110).default(90).describe('years, 1 to 110'),
  }),
  paramText: {
    count: SAMPLE_COUNT_TEXT,
    size: volumeSizeText,
    seed: SAMPLE_SEED_TEXT,
    minAge: { label: { en: 'Youngest age', zh: '最小年龄' } },
    maxAge: { label: { en: 'Oldest age', zh: '最大年龄' } },
  },
  infer: (_inputs, p, ctx) => {
    if (p.maxAge <= p.minAge) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: `the oldest age (${p.maxAge}) is not above the youngest (${p.minAge})`, zh: `最大年龄（${p.maxAge}）不大于最小年龄（${p.minAge}）` },
            fix: { en: 'Make the oldest age larger than the youngest, e.g. 20 to 90.', zh: '请让最大年龄大于最小年龄，例如 20 至 90。' },
          }),
        ],
      };
    }
    return { outputs: { data: { kind: 'dataset', image: [p.size, p.size, p.size, 1], label: [1], task: 'regression', labelNames: ['age'], labelUnit: { en: 'years', zh: '岁' }, count: p.count, steps: [] } } };
  },
  run: {
    source: async (p, _io, ctx) => {
      const { signs: _signs, ...set } = sampleBrainAge({ count: p.count, size: p.size, seed: p.seed ?? ctx.seed, limit: ctx.limit, minAge: p.minAge, maxAge: p.maxAge });
      return set;
    },
  },
});
