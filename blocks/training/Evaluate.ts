import { z } from 'zod';
import { defineBlock, formatShape, port, sameShape, SLIDING_WINDOW_DEFAULTS, type ConvolutionalCheck, type Text } from '../../src/core';

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
    overlap: z.number().min(0).max(0.95).default(SLIDING_WINDOW_DEFAULTS.overlap).describe('a number from 0 to 0.95'),
    blend: z.enum(['gaussian', 'constant']).default(SLIDING_WINDOW_DEFAULTS.mode),
  }),
  paramText: {
    threshold: { label: { en: 'Decision threshold', zh: '判定阈值' } },
    overlap: {
      label: { en: 'Window overlap', zh: '窗口重叠比例' },
      doc: {
        en: 'Used when the test volumes are larger than the model input (a model trained on patches): the model predicts the whole volume window by window, each window the size of its input, and neighbouring windows share this share of their size. 0.5 (nnU-Net\'s choice) is more accurate; 0.25 is about 3× faster in 3D.',
        zh: '当测试体数据大于模型输入（在图块上训练的模型）时使用：模型逐个窗口地预测整个体数据，每个窗口与其输入同尺寸，相邻窗口按此比例重叠。0.5（nnU-Net 的选择）更准确；0.25 在三维中约快 3 倍。',
      },
    },
    blend: {
      label: { en: 'Window blending', zh: '窗口融合方式' },
      doc: {
        en: '"gaussian" trusts the centre of each window more than its border, where the model saw less context (nnU-Net, MONAI); "constant" takes the plain mean of overlapping windows.',
        zh: '"gaussian"（高斯）更信任每个窗口的中心而非边缘（边缘处模型看到的上下文较少），与 nnU-Net、MONAI 相同；"constant"（常数）取重叠窗口的简单平均。',
      },
    },
  },
  infer(inputs, p, ctx) {
    const { model, data } = inputs;
    if (!model.trainedBy) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: 'the model reaching it has not been trained', zh: '连接到它的模型尚未训练' },
            fix: { en: "Connect the Train block's output to Evaluate.", zh: '请把“训练”模块的输出连接到“评估”模块。' },
          }, 'model'),
        ],
      };
    }
    const input = model.inputShapes[0];
    const sliding: ReturnType<typeof ctx.fail>[] = [];
    if (input && !sameShape(input.slice(1), data.image)) {
      const subset = { en: 'test', zh: '测试' };
      const slidable = input.length === data.image.length + 1 && input.length >= 4 && input.at(-1) === data.image.at(-1) && input.slice(1, -1).every((d) => d !== null);
      if (!slidable) return { issues: [ctx.fail('J403', { subset, data: formatShape([null, ...data.image]), model: formatShape(input), input: 'input' }, 'data')] };
      // Volumes of another size (larger, or smaller and padded): a fully convolutional model predicts them by sliding windows.
      const why = slidingProblem(model.convolutional, model.outputShape, data.image, data.label);
      if (why) return { issues: [ctx.fail('J420', { subset, data: formatShape([null, ...data.image]), model: formatShape(input), why: why.why, fix: why.fix }, 'data')] };
      sliding.push({
        ...ctx.fail('J421', { data: data.image.slice(0, -1).join(' × '), window: input.slice(1, -1).join(' × '), overlap: Math.round(p.overlap * 100), blend: p.blend === 'gaussian' ? { en: 'Gaussian', zh: '高斯' } : { en: 'constant', zh: '常数' } }, 'data'),
        severity: 'info',
      });
    }
    const outputs = { report: { kind: 'report' as const, block: ctx.id, metrics: metricsFor(data.task) } };
    if (data.count === 0) {
      // Training still runs (the user may want the model), but the score would be empty: say so before training.
      const warning = ctx.fail('J406', {
        detail: { en: 'the data reaching it is empty (a Split with a test fraction of 0?), so there will be no score', zh: '到达它的数据为空（划分模块的测试比例为 0？），因此不会有得分' },
        fix: { en: 'Give the Split a test fraction above 0, for example 0.15, or connect other data.', zh: '请把划分模块的测试比例设为大于 0（例如 0.15），或连接其他数据。' },
      }, 'data');
      return { outputs, warnings: [warning, ...sliding] };
    }
    return { outputs, ...(sliding.length ? { warnings: sliding } : {}) };
  },
  evaluate: (p) => ({ threshold: p.threshold, slidingWindow: { overlap: p.overlap, mode: p.blend } }),
});

/** Why a model cannot slide over the test volumes (with how to fix it), or nothing when it can. */
function slidingProblem(check: ConvolutionalCheck | undefined, output: (number | null)[], image: number[], label: number[]): { why: Text; fix: Text } | null {
  if (!check) return { why: { en: 'its layers are not known', zh: '其网络层未知' }, fix: { en: 'Fix the problems of the model first.', zh: '请先修正模型中的问题。' } };
  if (!check.ok) {
    switch (check.reason) {
      case 'layer':
        return {
          why: { en: `${check.label.en} (${check.type}) looks at the whole input at once`, zh: `${check.label.zh}（${check.type}）一次查看整个输入` },
          fix: { en: 'Bring the test data to the model input size with a Resize or Crop/Pad block, or use a model made only of convolution, pooling, up-sampling, normalisation and merge layers (a U-Net).', zh: '请用"缩放"或"裁剪/填充"模块把测试数据调整为模型输入尺寸，或使用仅由卷积、池化、上采样、归一化和合并层构成的模型（如 U-Net）。' },
        };
      case 'divisor':
        return {
          why: { en: `${check.label.en} divides a size of ${check.size} by ${check.factor}, which leaves a remainder`, zh: `${check.label.zh}把尺寸 ${check.size} 除以 ${check.factor}，不能整除` },
          fix: { en: `Make the model input a multiple of ${check.divisor.join(' × ')} voxels (what its pooling needs), for example with the Random Patches size.`, zh: `请让模型输入为 ${check.divisor.join(' × ')} 体素的整数倍（其池化所需），例如通过"随机图块"的尺寸。` },
        };
      case 'output':
        return {
          why: { en: `its output ${formatShape(check.output)} is not one prediction per voxel of its input ${formatShape(check.input)}`, zh: `其输出 ${formatShape(check.output)} 不是对输入 ${formatShape(check.input)} 每个体素的预测` },
          fix: { en: 'Sliding windows need a dense model (segmentation, dose) whose output has the input size: use "same" padding; otherwise resize the test data to the model input.', zh: '滑动窗口需要输出与输入同尺寸的密集预测模型（分割、剂量）：请使用 "same" 填充；否则请把测试数据缩放到模型输入尺寸。' },
        };
    }
  }
  if (!sameShape(label.slice(0, -1), image.slice(0, -1)) || label.at(-1) !== output.at(-1)) {
    return {
      why: { en: `its labels ${formatShape([null, ...label])} are not one value per voxel of the volumes, with the model's ${output.at(-1)} output channels`, zh: `其标签 ${formatShape([null, ...label])} 不是体数据每个体素的值（模型输出 ${output.at(-1)} 个通道）` },
      fix: { en: 'Sliding windows score voxel-wise labels (masks, dose grids); for one label per volume, resize the test data to the model input.', zh: '滑动窗口用于按体素的标签（掩膜、剂量网格）；若每个体数据只有一个标签，请把测试数据缩放到模型输入尺寸。' },
    };
  }
  return null;
}

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
