import { z } from 'zod';
import { defineLoss } from './common';

/** Absolute distance between prediction and target, for regression robust to outliers. */
export default defineLoss({
  type: 'MeanAbsoluteError',
  loss: 'mean_absolute_error',
  label: { en: 'Mean Absolute Error', zh: '平均绝对误差' },
  doc: {
    en: 'Scores numbers: the average absolute difference between prediction and target, in the units of the target (years, Gy). A few wild labels pull it less than squared error. It is the score of brain-age and dose challenges; leave the last layer linear.',
    zh: '为数值预测打分：预测与目标之差的绝对值的平均，单位与目标相同（岁、Gy）。少数异常标签对它的影响小于均方误差。它是脑龄与剂量挑战赛的评分方式；最后一层保持线性激活。',
  },
  params: z.strictObject({}),
  check: () => null,
  metrics: () => ['mae'],
});
