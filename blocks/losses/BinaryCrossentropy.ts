import { z } from 'zod';
import { defineLoss, probabilityMetrics } from './common';

/** Cross-entropy for yes/no answers, one or many per example (sigmoid outputs). */
export default defineLoss({
  type: 'BinaryCrossentropy',
  loss: 'binary_crossentropy',
  label: { en: 'Binary Cross-Entropy', zh: '二元交叉熵' },
  doc: {
    en: 'Scores yes/no predictions: each output is a probability between 0 and 1 (end the model with a sigmoid), and the loss grows sharply when the model is confidently wrong. Use it for one disease present or absent, for several diseases that can occur together (multi-label fundus screening), or for a foreground mask.',
    zh: '为是/否类预测打分：每个输出都是 0 到 1 之间的概率（模型以 sigmoid 结束），模型越是自信地判断错误，损失越大。适用于某种疾病有无、可同时出现的多种疾病（多标签眼底筛查）或前景掩膜。',
  },
  params: z.strictObject({}),
  check: () => null,
  metrics: probabilityMetrics,
});
