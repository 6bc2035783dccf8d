import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { hasSpatialLabel, samplePatches } from '../../src/data/volume-transforms';

const voxels = z.number().int().min(1).max(1024);

/** Random patches from each volume, oversampling the foreground of segmentation masks. */
export default defineBlock({
  type: 'PatchSample',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Random Patches', zh: '随机图块' },
  doc: {
    en: 'Cuts several smaller random boxes (patches) out of each scan, so a 3D network fits in memory and sees more variety. For segmentation, a share of the patches is centred on the mask (a tumour, a lesion) — otherwise most patches would show only background and the network would learn to answer "nothing". The mask is cut at exactly the same place as the image. Every training epoch draws new patch positions (from the pipeline seed and the epoch number, so a run can be repeated exactly); the steps before this block run only once. Validation and test data keep the same patches in every epoch, so scores stay comparable. The same seed gives the same patches.',
    zh: '从每个扫描中切出若干较小的随机立方块（图块），使三维网络能放入内存并看到更多变化。对于分割，一部分图块以掩膜（肿瘤、病灶）为中心——否则大多数图块只有背景，网络会学会回答“没有”。掩膜与图像在完全相同的位置切取。每个训练轮次都会重新抽取图块位置（由流程的随机种子和轮次编号决定，因此训练可以完全复现）；此模块之前的步骤只运行一次。验证和测试数据在每个轮次中保持相同的图块，评分因此可比。相同的随机种子得到相同的图块。',
  },
  inputs: { data: port.dataset({ label: { en: 'volumes', zh: '影像' } }) },
  outputs: { data: port.dataset({ label: { en: 'patches', zh: '图块' } }) },
  params: z.strictObject({
    size: z.tuple([voxels, voxels, voxels]).default([64, 64, 64]).describe('patch size x, y, z in voxels'),
    perVolume: z.number().int().min(1).max(256).default(4).describe('patches per scan'),
    foreground: z.number().min(0).max(1).default(0.5).describe('share of patches centred on the mask, 0 to 1'),
    perRead: z.number().int().min(1).max(256).default(1).describe('patches of one scan kept together per read, 1 to patches per scan'),
  }),
  paramText: {
    size: { label: { en: 'Patch size (voxels)', zh: '图块尺寸（体素）' }, doc: { en: 'x, y, z.', zh: 'x、y、z。' } },
    perVolume: { label: { en: 'Patches per scan', zh: '每个扫描的图块数' } },
    foreground: { label: { en: 'Centred on the mask', zh: '以掩膜为中心的比例' }, doc: { en: 'For segmentation: 0.5 centres half of the patches on the mask.', zh: '用于分割：0.5 表示一半图块以掩膜为中心。' } },
    perRead: {
      label: { en: 'Patches per scan per read', zh: '每次读取的图块数' },
      doc: {
        en: 'For datasets read from disk as training goes (larger than memory): how many patches of one scan training takes from one read of it, one after another. 1 mixes every patch with every other (each scan may be read once per patch); the number of patches per scan reads each scan once per epoch. Each batch still mixes several scans when it holds more patches than this.',
        zh: '用于训练时从磁盘逐个读取的数据集（大于内存）：每读取一次扫描，训练连续使用其中多少个图块。1 表示所有图块完全打乱（每个图块都可能重新读取一次扫描）；等于"每个扫描的图块数"时，每轮每个扫描只读取一次。当一批的图块数多于此数时，一批中仍混合多个扫描。',
      },
    },
  },
  infer({ data }, p, ctx) {
    const [x, y, z] = p.size;
    if (data.image.length !== 4 || z > data.image[0]! || y > data.image[1]! || x > data.image[2]!) {
      return { issues: [ctx.fail('J304', { detail: { en: `patches of ${x} × ${y} × ${z} do not fit in volumes of [${data.image.join(', ')}] (z, y, x, channels)`, zh: `${x} × ${y} × ${z} 的图块放不进 [${data.image.join(', ')}]（z、y、x、通道）的影像` }, fix: { en: 'Choose a smaller patch, or a larger volume size in the source.', zh: '请选择更小的图块，或在数据源中设置更大的影像尺寸。' } })] };
    }
    const image = [z, y, x, data.image[3]!];
    const spatial = hasSpatialLabel({ task: data.task, labelShape: data.label, imageShape: data.image });
    return { outputs: { data: { ...data, image, label: spatial ? [z, y, x, data.label[3]!] : data.label, count: data.count === null ? null : data.count * p.perVolume } } };
  },
  run: {
    // Training draws new positions each epoch (ctx.seed then depends on the epoch); validation and test streams run it once, with the step's own seed.
    perEpoch: true,
    // Each scan's patches come from the seed and the scan's id, so a scan read alone gets the same ones.
    perCase: (p) => p.perVolume,
    transform: (set, p, ctx) => samplePatches(set, { size: [p.size[2], p.size[1], p.size[0]], perExample: p.perVolume, foreground: p.foreground, seed: ctx.seed, ...(ctx.subset === 'train' ? { perRead: p.perRead } : {}) }),
  },
});
