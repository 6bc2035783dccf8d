import { z } from 'zod';
import { defineLoss, probabilityMetrics } from './common';

/** Binary cross-entropy that down-weights the easy examples (Lin et al., 2017). */
export default defineLoss({
  type: 'FocalLoss',
  loss: 'focal',
  label: { en: 'Focal Loss', zh: 'Focal 损失' },
  doc: {
    en: 'Binary cross-entropy that turns down the examples the model already gets right, so training focuses on the rare, hard ones: useful when positives are scarce, such as small lesions in a whole-body PET scan. Outputs are probabilities (end with a sigmoid). Gamma 0 and alpha 0.5 give half the ordinary cross-entropy.',
    zh: '在二元交叉熵的基础上降低模型已判对样本的权重，使训练集中在少见的难样本上：适用于阳性样本稀少的情况，例如全身 PET 中的小病灶。输出为概率（以 sigmoid 结束）。gamma 为 0、alpha 为 0.5 时等于普通交叉熵的一半。',
  },
  params: z.strictObject({
    gamma: z.number().min(0).max(10).default(2).describe('a number from 0 to 10'),
    alpha: z.number().min(0).max(1).default(0.25).describe('a number from 0 to 1'),
  }),
  paramText: {
    gamma: {
      label: { en: 'Focus (gamma)', zh: '聚焦参数 gamma' },
      doc: { en: 'How strongly easy examples are turned down; 0 is plain cross-entropy, 2 is usual.', zh: '降低易分样本权重的强度；0 即普通交叉熵，常用 2。' },
    },
    alpha: {
      label: { en: 'Positive weight (alpha)', zh: '正样本权重 alpha' },
      doc: { en: 'Weight of positives; negatives get 1 − alpha.', zh: '正样本的权重；负样本的权重为 1 − alpha。' },
    },
  },
  check: () => null,
  metrics: probabilityMetrics,
});
