import { z } from 'zod';
import { defineLayer, formatShape, requireRank } from '../../src/core';

/** Activations offered as a separate block; `leaky_relu` becomes Keras' LeakyReLU layer. */
export const ACTIVATION_FUNCTIONS = ['relu', 'leaky_relu', 'elu', 'gelu', 'swish', 'sigmoid', 'softmax', 'tanh'] as const;

/** Applies a non-linear function to every value. */
export default defineLayer({
  type: 'Activation',
  label: { en: 'Activation', zh: '激活函数' },
  doc: {
    en: 'Applies a non-linear function to every value; without one, stacked layers collapse into a single linear map. relu is the usual choice between layers (leaky_relu, elu, gelu and swish are smoother variants); at the end, sigmoid gives independent probabilities (multi-label, binary masks), softmax gives probabilities that sum to 1 over the last axis (one class per image or per voxel).',
    zh: '对每个数值施加非线性函数；没有它，多层堆叠只相当于一个线性变换。层与层之间通常用 relu（leaky_relu、elu、gelu、swish 是更平滑的变体）；在网络末端，sigmoid 给出相互独立的概率（多标签、二值掩膜），softmax 给出沿最后一维和为 1 的概率（每幅图像或每个体素一个类别）。',
  },
  params: z.strictObject({
    activation: z.enum(ACTIVATION_FUNCTIONS).default('relu').describe(`one of ${ACTIVATION_FUNCTIONS.join(', ')}`),
    alpha: z.number().min(0).max(1).default(0.3).describe('a number from 0 to 1, e.g. 0.3'),
  }),
  paramText: {
    activation: { label: { en: 'Function', zh: '函数' } },
    alpha: {
      label: { en: 'Negative slope (leaky_relu)', zh: '负半轴斜率（leaky_relu）' },
      doc: {
        en: 'Only for leaky_relu: how much of a negative value passes (0.3 keeps 30%).',
        zh: '仅用于 leaky_relu：负值保留的比例（0.3 表示保留 30%）。',
      },
    },
  },
  shape(input, _p, ctx) {
    const bad = requireRank(input, [2, 3, 4, 5, 6, 7, 8], ctx, { en: 'a tensor [batch, …]', zh: '张量 [batch, …]' }, {
      en: `Connect the output of a layer to Activation, not ${formatShape(input)}.`,
      zh: `请把某一层的输出连接到“激活函数”，而不是 ${formatShape(input)}。`,
    });
    return bad ?? input;
  },
  lower: (p) =>
    p.activation === 'leaky_relu'
      ? { className: 'LeakyReLU', config: { alpha: p.alpha } }
      : { className: 'Activation', config: { activation: p.activation } },
  // Non-linear functions are not multiply-adds.
  cost: () => ({ params: 0, macs: 0 }),
});
