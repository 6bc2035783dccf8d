import { z } from 'zod';
import { defineLoss, requireSpatial } from './common';

/** A weighted sum of soft Dice and cross-entropy, the nnU-Net default. */
export default defineLoss({
  type: 'DiceCrossEntropy',
  loss: 'dice_cross_entropy',
  label: { en: 'Dice + Cross-Entropy', zh: 'Dice + 交叉熵' },
  doc: {
    en: 'Adds soft Dice (overlap, good for small structures) and cross-entropy (per voxel, steady gradients early in training), each with its weight. With one output channel it uses binary cross-entropy, with several categorical. The usual choice for BraTS and autoPET segmentation.',
    zh: '将软 Dice（重叠度，适合小结构）与交叉熵（逐体素，训练早期梯度稳定）按各自权重相加。单输出通道时使用二元交叉熵，多通道时使用多分类交叉熵。是 BraTS 和 autoPET 分割的常用选择。',
  },
  params: z.strictObject({
    diceWeight: z.number().min(0).max(1000).default(1).describe('a number ≥ 0'),
    crossEntropyWeight: z.number().min(0).max(1000).default(1).describe('a number ≥ 0'),
    smooth: z.number().min(0).max(1e6).default(1).describe('a number ≥ 0 added to both sides of the Dice ratio'),
    includeBackground: z.boolean().default(false),
  }),
  paramText: {
    includeBackground: {
      label: { en: 'Count the background', zh: '计入背景' },
      doc: {
        en: 'With several output channels, Dice is averaged over the channels, each on its own. Channel 0 is the background and is left out by default: it fills most of a scan, so its Dice is high whatever the model does and would hide the structures.',
        zh: '有多个输出通道时，Dice 按通道分别计算后取平均。通道 0 是背景，默认不计入：它占据扫描的大部分，无论模型好坏其 Dice 都很高，会掩盖目标结构。',
      },
    },
    diceWeight: { label: { en: 'Dice weight', zh: 'Dice 权重' } },
    crossEntropyWeight: { label: { en: 'Cross-entropy weight', zh: '交叉熵权重' } },
    smooth: { label: { en: 'Dice smoothing', zh: 'Dice 平滑项' } },
  },
  check: (shape, p, ctx) =>
    requireSpatial(shape, ctx) ??
    (p.diceWeight + p.crossEntropyWeight > 0
      ? null
      : ctx.fail('J304', {
          detail: { en: 'both weights are 0, so there is nothing to learn from', zh: '两个权重都为 0，模型无从学习' },
          fix: { en: 'Set at least one weight above 0 (1 and 1 is the usual choice).', zh: '请至少把一个权重设为大于 0（通常两者都设为 1）。' },
        })),
  metrics: () => ['dice'],
});
