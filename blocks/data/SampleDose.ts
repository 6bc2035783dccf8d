import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { sampleDose } from '../../src/data/synthetic/dose';
import { SAMPLE_COUNT_TEXT, SAMPLE_SEED_TEXT, sampleParams, volumeSizeText } from './sample-params';

/** The synthetic cases' voxel spacing in mm (x, y, z): the dose falls off over millimetres. */
const DOSE_SPACING = [4, 4, 4] as const;

/** Synthetic CT + structures → dose (OpenKBP-style dense regression). */
export default defineBlock({
  type: 'SampleDose',
  category: 'data',
  version: 1,
  label: { en: 'Sample Radiotherapy Dose (synthetic)', zh: '示例放疗剂量（合成）' },
  doc: {
    en: 'SYNTHETIC radiotherapy cases, made on the spot from a seed — no real patients or plans. Inputs have four channels: CT (HU / 1000), the target (PTV) mask, and two organs at risk (spinal cord, parotid). The label is the dose grid in units of the prescription (1.0 = prescribed dose): it covers the target, falls off with distance from it, is lowered in and around the organs at risk, and is zero outside the body. Watch the dose score (mean absolute error inside the body, OpenKBP); 0.1 is 10 % of the prescription.',
    zh: '由随机种子即时生成的合成放疗病例——并非真实患者或计划。输入有四个通道：CT（HU / 1000）、靶区（PTV）掩膜和两个危及器官（脊髓、腮腺）。标签是以处方剂量为单位的剂量网格（1.0 = 处方剂量）：覆盖靶区，随离靶区的距离衰减，在危及器官内及其周围降低，体外为零。请关注剂量分数（体内平均绝对误差，OpenKBP）；0.1 即处方剂量的 10%。',
  },
  inputs: {},
  outputs: { data: port.dataset({ label: { en: 'CT, structures and dose', zh: 'CT、结构和剂量' } }) },
  params: z.strictObject(sampleParams({ default: 120, max: 2_000 }, { default: 32, min: 16, max: 96 })),
  paramText: { count: SAMPLE_COUNT_TEXT, size: volumeSizeText, seed: SAMPLE_SEED_TEXT },
  infer: (_inputs, p) => ({
    outputs: { data: { kind: 'dataset', image: [p.size, p.size, p.size, 4], label: [p.size, p.size, p.size, 1], task: 'dense-regression', labelNames: ['dose'], labelUnit: { en: 'fraction of the prescribed dose (1.0 = 100 %)', zh: '处方剂量的比例（1.0 = 100%）' }, count: p.count, steps: [], spacing: [...DOSE_SPACING] } },
  }),
  run: { source: async (p, _io, ctx) => ({ ...sampleDose({ count: p.count, size: p.size, seed: p.seed ?? ctx.seed, limit: ctx.limit, spacing: DOSE_SPACING[0] }), spacing: [...DOSE_SPACING] }) },
});
