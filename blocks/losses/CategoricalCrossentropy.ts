import { z } from 'zod';
import { defineLoss, isSpatial, requireClasses } from './common';

/** Cross-entropy for one class out of several (softmax outputs). */
export default defineLoss({
  type: 'CategoricalCrossentropy',
  loss: 'categorical_crossentropy',
  label: { en: 'Categorical Cross-Entropy', zh: '多分类交叉熵' },
  doc: {
    en: 'Scores a choice of exactly one class out of several: the model gives one probability per class (end it with a softmax) and the labels are one-hot. Use it for grading (for example diabetic retinopathy grade 0–4), or per pixel for segmentation maps with a background channel.',
    zh: '为“多选一”的分类打分：模型为每个类别给出一个概率（以 softmax 结束），标签为独热编码。适用于分级（例如糖尿病视网膜病变 0–4 级），也可逐像素用于含背景通道的分割图。',
  },
  params: z.strictObject({}),
  check: (shape, _p, ctx) => requireClasses(shape, ctx),
  metrics: (shape) => (isSpatial(shape) ? ['dice'] : ['accuracy']),
});
