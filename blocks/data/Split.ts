import { z } from 'zod';
import { defineBlock, port, type DatasetValue } from '../../src/core';
import { fractionsProblem, splitSelection, splitSubset, SUBSETS, type Subset } from '../../src/data/split';

const fraction = z.number().min(0).max(1);

/** Deals a dataset out into training, validation and test subsets, by patient and by class. */
export default defineBlock({
  type: 'Split',
  category: 'data',
  version: 1,
  label: { en: 'Split', zh: '划分数据集' },
  doc: {
    en: 'Divides a dataset into three parts: training data the model learns from, validation data that checks it after every epoch, and test data kept aside for the final score. All images of one patient go to the same part, so the model is never tested on a patient it has already seen. With "Keep class proportions" on, each part has about the same share of every class (for multi-label data, of every finding). The same seed always gives the same split.',
    zh: '把数据集分为三部分：模型从中学习的训练集、每轮训练后用于检查的验证集，以及留作最终评分的测试集。同一病人的所有图像总在同一部分，因此模型不会在已经见过的病人身上接受测试。打开“保持类别比例”后，每部分中各类别（多标签数据则为各项发现）的比例大致相同。相同的随机种子总会得到相同的划分。',
  },
  inputs: { data: port.dataset({ label: { en: 'dataset', zh: '数据集' } }) },
  outputs: {
    train: port.dataset({ label: { en: 'training', zh: '训练集' } }),
    validation: port.dataset({ label: { en: 'validation', zh: '验证集' } }),
    test: port.dataset({ label: { en: 'test', zh: '测试集' } }),
  },
  params: z.strictObject({
    train: fraction.default(0.7).describe('a fraction from 0 to 1'),
    validation: fraction.default(0.15).describe('a fraction from 0 to 1'),
    test: fraction.default(0.15).describe('a fraction from 0 to 1'),
    stratify: z.boolean().default(true),
    seed: z.number().int().min(0).max(2 ** 31 - 1).nullable().default(null).describe('empty to use the pipeline seed'),
  }),
  paramText: {
    train: { label: { en: 'Training fraction', zh: '训练集比例' }, doc: { en: 'For example 0.7 for 70 %.', zh: '例如 0.7 表示 70%。' } },
    validation: { label: { en: 'Validation fraction', zh: '验证集比例' } },
    test: { label: { en: 'Test fraction', zh: '测试集比例' }, doc: { en: 'The three fractions add up to 1.', zh: '三个比例之和为 1。' } },
    stratify: { label: { en: 'Keep class proportions', zh: '保持类别比例' } },
    seed: { label: { en: 'Seed', zh: '随机种子' }, doc: { en: 'Empty: follow the pipeline seed.', zh: '留空则使用流程的随机种子。' } },
  },
  infer({ data }, p, ctx) {
    const problem = fractionsProblem(p);
    if (problem) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: problem, zh: `比例设置有误（${problem}）` },
            fix: { en: 'Set training, validation and test fractions that add up to 1, for example 0.7, 0.15 and 0.15.', zh: '请设置三个相加为 1 的比例，例如 0.7、0.15 和 0.15。' },
          }),
        ],
      };
    }
    const part = (subset: Subset): DatasetValue => ({ ...data, subset, count: p[subset] === 0 ? 0 : null });
    return { outputs: { train: part('train'), validation: part('validation'), test: part('test') } };
  },
  run: {
    transform: (set, p, ctx) => {
      const subset = SUBSETS.find((s) => s === ctx.output);
      if (!subset) throw new Error(`Split has no output "${ctx.output}"`);
      return splitSubset(set, subset, p, { stratify: p.stratify, seed: p.seed ?? ctx.seed });
    },
    select: (meta, p, ctx) => {
      const subset = SUBSETS.find((s) => s === ctx.output);
      if (!subset) throw new Error(`Split has no output "${ctx.output}"`);
      return splitSelection(meta, subset, p, { stratify: p.stratify, seed: p.seed ?? ctx.seed });
    },
  },
});
