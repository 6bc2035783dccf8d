import { z } from 'zod';
import { streamsShareData } from '../../src/data/leakage';
import { defineBlock, formatShape, port, sameShape } from '../../src/core';

const MONITORS = ['val_loss', 'val_acc', 'val_auc', 'val_dice', 'val_mae', 'loss'] as const;

/** Trains the model it is given, with the optimizer and data it is given. */
export default defineBlock({
  type: 'Train',
  category: 'training',
  version: 1,
  label: { en: 'Train', zh: '训练' },
  doc: {
    en: 'Trains the model: it shows the training data to the model epoch after epoch, measures it on the validation data after each epoch, can stop early when the monitored score stops improving, and keeps the weights of the best epoch.',
    zh: '训练模型：逐轮把训练数据送入模型，每轮结束后在验证数据上评估；当监控指标不再改善时可提前停止，并保留最佳一轮的权重。',
  },
  inputs: {
    model: port.model({ label: { en: 'model', zh: '模型' } }),
    optimizer: port.optimizer({ label: { en: 'optimizer', zh: '优化器' } }),
    train: port.dataset({ label: { en: 'training data', zh: '训练数据' } }),
    validation: port.dataset({ optional: true, label: { en: 'validation data', zh: '验证数据' } }),
  },
  outputs: { model: port.model({ label: { en: 'trained model', zh: '已训练模型' } }) },
  params: z.strictObject({
    epochs: z.number().int().min(1).max(10_000).default(10).describe('whole number from 1 to 10000'),
    batchSize: z.number().int().min(1).max(4096).default(32).describe('whole number from 1 to 4096'),
    shuffle: z.boolean().default(true),
    seed: z.number().int().min(0).max(2 ** 31 - 1).nullable().default(null).describe('empty to use the pipeline seed'),
    earlyStopping: z.boolean().default(false),
    patience: z.number().int().min(1).max(1000).default(5).describe('epochs without improvement before stopping'),
    minDelta: z.number().min(0).default(0),
    monitor: z.enum(MONITORS).default('val_loss').describe(`one of ${MONITORS.join(', ')}`),
    keepBest: z.boolean().default(true),
  }),
  paramText: {
    epochs: { label: { en: 'Epochs', zh: '训练轮数' } },
    batchSize: { label: { en: 'Batch size', zh: '批大小' } },
    shuffle: { label: { en: 'Shuffle each epoch', zh: '每轮打乱' } },
    seed: { label: { en: 'Seed', zh: '随机种子' } },
    earlyStopping: { label: { en: 'Stop early', zh: '提前停止' } },
    patience: { label: { en: 'Patience (epochs)', zh: '耐心轮数' } },
    minDelta: { label: { en: 'Smallest improvement', zh: '最小改善量' } },
    monitor: { label: { en: 'Monitor', zh: '监控指标' } },
    keepBest: { label: { en: 'Keep best epoch', zh: '保留最佳轮次' } },
  },
  infer(inputs, p, ctx) {
    const { model, train, validation } = inputs;
    const issues = [];
    const input = model.inputShapes[0];
    if (model.inputShapes.length !== 1) issues.push(ctx.fail('J408', { count: model.inputShapes.length }, 'model'));
    for (const [subset, data, portName] of [['training', train, 'train'], ['validation', validation, 'validation']] as const) {
      if (!data || !input) continue;
      const sub = { en: subset, zh: subset === 'training' ? '训练' : '验证' };
      if (!sameShape(input.slice(1), data.image)) {
        issues.push(ctx.fail('J403', { subset: sub, data: formatShape([null, ...data.image]), model: formatShape(input), input: 'input' }, portName));
      }
      if (!sameShape(model.outputShape.slice(1), data.label)) {
        issues.push(
          ctx.fail('J404', {
            subset: sub,
            data: formatShape([null, ...data.label]),
            model: formatShape(model.outputShape),
            fix: {
              en: `Make the last layer produce ${formatShape([null, ...data.label])}: for ${data.label.length === 1 ? `${data.label[0]} classes, a Dense layer with ${data.label[0]} units` : 'segmentation, a 1×1 convolution with one filter per label'}.`,
              zh: `请让最后一层输出 ${formatShape([null, ...data.label])}：${data.label.length === 1 ? `${data.label[0]} 个类别时用 ${data.label[0]} 个单元的全连接层` : '分割任务用每个标签一个卷积核的 1×1 卷积'}。`,
            },
          }, portName),
        );
      }
    }
    if (p.monitor.startsWith('val_') && !validation && p.earlyStopping) {
      issues.push(
        ctx.fail('J304', {
          detail: { en: `early stopping watches "${p.monitor}", but no validation data is connected`, zh: `提前停止监控 "${p.monitor}"，但没有连接验证数据` },
          fix: { en: 'Connect validation data, or monitor "loss".', zh: '请连接验证数据，或改为监控 “loss”。' },
        }, 'validation'),
      );
    }
    if (issues.length) return { issues };
    // The runtime logs acc for accuracy metrics; anything the loss block does not measure cannot be watched.
    const logged = new Set(['loss', ...model.metrics.map((m) => (m.endsWith('accuracy') ? 'acc' : m))]);
    const watched = p.monitor.replace(/^val_/, '');
    const leaks = train && validation && streamsShareData(train.steps, validation.steps);
    const leakWarning = leaks
      ? [
          ctx.fail('J406', {
            detail: { en: 'the training and the validation data come from the same source with no split between them, so the same patients are in both', zh: '训练数据和验证数据来自同一数据源且中间没有划分，因此同一批病人同时出现在两者中' },
            fix: { en: 'Add a Split block and connect its training output to "train" and its validation output to "validation".', zh: '请添加“划分数据集”模块，把它的训练集输出连接到“train”，验证集输出连接到“validation”。' },
          }, 'validation'),
        ]
      : [];
    const warnings = logged.has(watched)
      ? leakWarning
      : [
          ...leakWarning,
          ctx.fail('J406', {
            detail: { en: `it monitors "${p.monitor}", but this model only measures ${[...logged].join(', ')}`, zh: `它监控 "${p.monitor}"，但此模型只计算 ${[...logged].join('、')}` },
            fix: { en: `Monitor val_loss or one of: ${[...logged].map((m) => `val_${m}`).join(', ')}. Until then Jimu watches the loss.`, zh: `请改为监控 val_loss 或 ${[...logged].map((m) => `val_${m}`).join('、')}。在此之前 Jimu 将监控损失。` },
          }),
        ];
    return { outputs: { model: { ...model, trainedBy: ctx.id } }, warnings };
  },
  train: (p) => {
    const mode = p.monitor.endsWith('loss') || p.monitor.endsWith('mae') ? 'min' : 'max';
    return {
      epochs: p.epochs,
      batchSize: p.batchSize,
      shuffle: p.shuffle,
      seed: p.seed,
      earlyStopping: p.earlyStopping ? { monitor: p.monitor, mode, patience: p.patience, minDelta: p.minDelta } : null,
      keepBest: p.keepBest,
      monitor: p.monitor,
      monitorMode: mode,
    };
  },
});
