import { z } from 'zod';

/** Parameters every synthetic medical sample block shares: how many cases, how big, which seed. */
export function sampleParams(count: { default: number; max: number }, size: { default: number; min: number; max: number }) {
  return {
    count: z.number().int().min(2).max(count.max).default(count.default).describe(`whole number from 2 to ${count.max}`),
    size: z.number().int().min(size.min).max(size.max).default(size.default).describe(`whole number from ${size.min} to ${size.max}`),
    seed: z.number().int().min(0).max(2 ** 31 - 1).nullable().default(null).describe('empty to use the pipeline seed'),
  };
}

export const SAMPLE_SEED_TEXT = { label: { en: 'Seed', zh: '随机种子' }, doc: { en: 'Empty: follow the pipeline seed.', zh: '留空则使用流程的随机种子。' } };
export const SAMPLE_COUNT_TEXT = { label: { en: 'Number of cases', zh: '病例数量' }, doc: { en: 'Each case is a new synthetic patient.', zh: '每个病例都是一个新的合成患者。' } };
export const volumeSizeText = { label: { en: 'Volume size (voxels)', zh: '体积尺寸（体素）' }, doc: { en: 'Volumes are cubes: size × size × size voxels.', zh: '体积为立方体：尺寸 × 尺寸 × 尺寸个体素。' } };
