import { z } from 'zod';
import { defineLoss } from './common';

/** Squared distance between prediction and target, for regression. */
export default defineLoss({
  type: 'MeanSquaredError',
  loss: 'mean_squared_error',
  label: { en: 'Mean Squared Error', zh: '均方误差' },
  doc: {
    en: 'Scores numbers: the average squared difference between prediction and target. Large errors count much more than small ones. Use it for regression such as brain age, or voxel by voxel for dose prediction; leave the last layer linear.',
    zh: '为数值预测打分：预测与目标之差的平方的平均值，大误差的权重远大于小误差。适用于脑龄等回归任务，或逐体素的剂量预测；最后一层保持线性激活。',
  },
  params: z.strictObject({}),
  check: () => null,
  metrics: () => ['mae'],
});
