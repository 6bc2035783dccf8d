import { z } from 'zod';
import { defineLayer, requireRank } from '../../src/core';
import { rate, rateText } from './dropout-common';


/** Any tensor with a batch and at least one more dimension. */
const ANY_RANK = [2, 3, 4, 5, 6, 7, 8];

/** Sets a random fraction of values to zero while training. */
export default defineLayer({
  type: 'Dropout',
  label: { en: 'Dropout', zh: '丢弃' },
  doc: {
    en: 'While training, sets a random fraction of the values to zero (and scales up the rest), so the network cannot rely on any one feature and overfits less — useful when there are few patients. Put it before the last Dense layers. Does nothing when the model predicts. After convolutions, Spatial Dropout works better.',
    zh: '训练时把随机一部分数值置零（并相应放大其余数值），使网络不能依赖某一个特征，从而减少过拟合——在病例较少时很有用。通常放在最后的全连接层之前。模型预测时不起作用。在卷积层之后，“空间丢弃”效果更好。',
  },
  params: z.strictObject({ rate: rate(0.5) }),
  paramText: { rate: rateText },
  shape(input, _p, ctx) {
    const bad = requireRank(input, ANY_RANK, ctx, { en: 'a tensor [batch, …]', zh: '张量 [batch, …]' }, {
      en: 'Connect the output of a layer to Dropout.',
      zh: '请把某一层的输出连接到“丢弃”模块。',
    });
    return bad ?? input;
  },
  lower: (p, ctx) => ({ className: 'Dropout', config: { rate: p.rate, seed: ctx.seed } }),
  cost: () => ({ params: 0, macs: 0 }),
});
