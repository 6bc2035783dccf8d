import { z } from 'zod';
import { defineBlock, port } from '../../src/core';

/** The model's entry point for a list of numbers per example (clinical variables, features). */
export default defineBlock({
  type: 'VectorInput',
  category: 'input',
  version: 1,
  label: { en: 'Vector Input', zh: '向量输入' },
  doc: {
    en: 'Where a model of plain numbers starts: one list of features per example, such as age, sex and lab values.',
    zh: '数值模型的起点：每个样本一组特征，例如年龄、性别和化验值。',
  },
  inputs: {},
  outputs: { out: port.tensor() },
  params: z.strictObject({
    features: z.number().int().min(1).max(1_000_000).default(16).describe('whole number from 1 to 1000000'),
  }),
  paramText: { features: { label: { en: 'Features', zh: '特征数' } } },
  infer: (_inputs, p) => ({ outputs: { out: { kind: 'tensor', shape: [null, p.features] } } }),
  lower: (p) => ({ className: 'InputLayer', config: { batchInputShape: [null, p.features], dtype: 'float32', sparse: false } }),
  cost: () => ({ params: 0, macs: 0 }),
});
