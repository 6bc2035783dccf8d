import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { augmentExamples } from '../../src/data/volume-transforms';

/** Random flips, rotations, zoom, intensity changes and noise — on the training data only. */
export default defineBlock({
  type: 'Augment',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Augment', zh: '数据增强' },
  doc: {
    en: 'Makes the training data more varied with small random changes: mirror flips, small in-plane rotations and zooms, brighter or darker images and a little noise, so the network learns the anatomy rather than the particular scans. Every training epoch draws new changes (from the pipeline seed and the epoch number, so a run can be repeated exactly); the steps before this block run only once. Masks are moved with their image. It only changes the training part of a split — validation and test data pass through untouched, so scores stay honest — and can stand before or after the Split block.',
    zh: '用小的随机变化让训练数据更加多样：镜像翻转、平面内小角度旋转和缩放、亮度变化和少量噪声，使网络学习解剖结构而不是记住具体扫描。每个训练轮次都会重新抽取变化（由流程的随机种子和轮次编号决定，因此训练可以完全复现）；此模块之前的步骤只运行一次。掩膜随图像一起变换。它只改变划分后的训练部分——验证和测试数据原样通过，评分因此可信——可放在“划分数据集”模块之前或之后。',
  },
  inputs: { data: port.dataset({ label: { en: 'dataset', zh: '数据集' } }) },
  outputs: { data: port.dataset({ label: { en: 'augmented', zh: '增强后' } }) },
  params: z.strictObject({
    flipX: z.boolean().default(true),
    flipY: z.boolean().default(false),
    flipZ: z.boolean().default(false),
    rotate: z.number().min(0).max(45).default(10).describe('largest rotation in degrees, 0 to 45'),
    scale: z.number().min(0).max(0.5).default(0.1).describe('largest zoom, 0 to 0.5 (0.1 = ±10 %)'),
    intensity: z.number().min(0).max(0.5).default(0.1).describe('largest brightness change, 0 to 0.5'),
    noise: z.number().min(0).max(0.5).default(0.02).describe('noise strength, 0 to 0.5'),
  }),
  paramText: {
    flipX: { label: { en: 'Flip left–right', zh: '左右翻转' } },
    flipY: { label: { en: 'Flip front–back', zh: '前后翻转' } },
    flipZ: { label: { en: 'Flip top–bottom', zh: '上下翻转' } },
    rotate: { label: { en: 'Rotation (degrees)', zh: '旋转（度）' } },
    scale: { label: { en: 'Zoom', zh: '缩放' } },
    intensity: { label: { en: 'Brightness', zh: '亮度' } },
    noise: { label: { en: 'Noise', zh: '噪声' } },
  },
  infer({ data }, _p, ctx) {
    if (data.subset === 'validation' || data.subset === 'test') {
      const sub = data.subset === 'validation' ? { en: 'validation', zh: '验证' } : { en: 'test', zh: '测试' };
      return {
        outputs: { data: { ...data } },
        warnings: [ctx.fail('J406', { detail: { en: `this block receives ${sub.en} data, which is never augmented`, zh: `该模块接收的是${sub.zh}数据，不会被增强` }, fix: { en: 'Connect it to the training output of the Split block instead.', zh: '请改为连接到“划分数据集”模块的训练集输出。' } })],
      };
    }
    return { outputs: { data: { ...data } } };
  },
  run: {
    perEpoch: true,
    // Each example draws its changes from the seed and its id, so a case read alone is changed the same way.
    perCase: () => 1,
    transform: (set, p, ctx) => {
      if (ctx.subset !== 'train') return set;
      const flip = ([['x', p.flipX], ['y', p.flipY], ['z', p.flipZ]] as const).filter(([, on]) => on).map(([a]) => a);
      return augmentExamples(set, { flip, rotate: p.rotate, scale: p.scale, intensity: p.intensity, noise: p.noise, seed: ctx.seed });
    },
  },
});
