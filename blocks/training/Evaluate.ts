import { z } from 'zod';
import { defineBlock, formatShape, port, sameShape } from '../../src/core';

/** Scores the trained model on held-out data. */
export default defineBlock({
  type: 'Evaluate',
  category: 'evaluation',
  version: 1,
  label: { en: 'Evaluate', zh: '评估' },
  doc: {
    en: 'Scores the trained model on data it never saw during training (the test split), with the metrics that fit the task: accuracy and AUC for classification, MAE for regression, Dice for segmentation.',
    zh: '在训练中从未见过的数据（测试集）上为已训练模型打分，使用与任务相符的指标：分类用准确率和 AUC，回归用 MAE，分割用 Dice。',
  },
  inputs: {
    model: port.model({ label: { en: 'trained model', zh: '已训练模型' } }),
    data: port.dataset({ label: { en: 'test data', zh: '测试数据' } }),
  },
  outputs: { report: port.report() },
  params: z.strictObject({
    threshold: z.number().min(0).max(1).default(0.5).describe('a number from 0 to 1'),
  }),
  paramText: { threshold: { label: { en: 'Decision threshold', zh: '判定阈值' } } },
  infer(inputs, _p, ctx) {
    const { model, data } = inputs;
    if (!model.trainedBy) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: 'the model reaching it has not been trained', zh: '连接到它的模型尚未训练' },
            fix: { en: "Connect the Train block's output to Evaluate.", zh: '请把"训练"模块的输出连接到"评估"模块。' },
          }, 'model'),
        ],
      };
    }
    const input = model.inputShapes[0];
    if (input && !sameShape(input.slice(1), data.image)) {
      return { issues: [ctx.fail('J403', { subset: { en: 'test', zh: '测试' }, data: formatShape([null, ...data.image]), model: formatShape(input), input: 'input' }, 'data')] };
    }
    return { outputs: { report: { kind: 'report', block: ctx.id, metrics: metricsFor(data.task) } } };
  },
  evaluate: (p) => ({ threshold: p.threshold }),
});

function metricsFor(task: string): string[] {
  switch (task) {
    case 'binary':
    case 'multiclass':
      return ['accuracy', 'auc', 'sensitivity', 'specificity', 'f1'];
    case 'multilabel':
      return ['auc', 'f1_micro', 'kappa'];
    case 'regression':
    case 'dense-regression':
      return ['mae', 'rmse', 'pearson_r'];
    case 'segmentation':
      return ['dice'];
    default:
      return [];
  }
}
