import { z } from 'zod';
import { defineLoss, requireSpatial } from './common';

/** 1 − soft Dice overlap between predicted probabilities and the mask. */
export default defineLoss({
  type: 'SoftDice',
  loss: 'soft_dice',
  label: { en: 'Soft Dice Loss', zh: '软 Dice 损失' },
  doc: {
    en: 'Scores a segmentation by its overlap with the true mask: 1 − 2·|A∩B| / (|A| + |B|), computed on probabilities so it can be trained. Unlike cross-entropy it is not swamped by the background, which suits small structures such as tumours and lesions.',
    zh: '按预测与真实掩膜的重叠程度为分割打分：1 − 2·|A∩B| / (|A| + |B|)，在概率上计算以便训练。与交叉熵不同，它不会被大量背景淹没，适合肿瘤、病灶等小结构。',
  },
  params: z.strictObject({
    smooth: z.number().min(0).max(1e6).default(1).describe('a number ≥ 0 added to both sides of the ratio'),
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
    smooth: {
      label: { en: 'Smoothing', zh: '平滑项' },
      doc: { en: 'Added above and below the ratio, so empty masks score 0 loss and gradients stay calm.', zh: '加在分子和分母上，使空掩膜的损失为 0 并让梯度平稳。' },
    },
  },
  check: (shape, _p, ctx) => requireSpatial(shape, ctx),
  metrics: () => ['dice'],
});
