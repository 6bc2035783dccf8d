import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { hasSpatialLabel, resampledVolume, resampleExamples } from '../../src/data/volume-transforms';

const mm = z.number().positive().max(100);
const fmt = (s: readonly number[]) => s.map((v) => Number(v.toPrecision(4))).join(' × ');

/** Resamples 3D volumes to a voxel spacing in mm (images smooth, masks nearest). */
export default defineBlock({
  type: 'Resample',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Resample', zh: '重采样' },
  doc: {
    en: 'Brings every scan to the voxel spacing you give, in millimetres along x, y and z, keeping the same field of view: 2 mm voxels halve the size of a 1 mm scan, so a network sees the same anatomy at the same scale in every scan and trains faster. Images are interpolated smoothly; segmentation masks by nearest neighbour, so every voxel keeps one whole label. The data must record its spacing (Volume Folder with a voxel spacing, Sample Dose); for data that does not, enter the spacing it has under "Spacing when unknown". Follow it with Crop / Pad to fix the size.',
    zh: '把每个扫描重采样到您给定的体素间距（x、y、z 方向，单位毫米），视野保持不变：2 毫米体素会把 1 毫米扫描的尺寸减半，使网络在每个扫描中以相同比例看到相同的解剖结构，训练也更快。图像用平滑插值；分割掩膜用最近邻，使每个体素保持一个完整的标签。数据需要记录其体素间距（设置了体素间距的“三维影像文件夹”、示例剂量数据）；对于没有记录的数据，请在“未知时的间距”中填写其间距。之后可接“裁剪 / 填充”固定尺寸。',
  },
  inputs: { data: port.dataset({ label: { en: 'volumes', zh: '影像' } }) },
  outputs: { data: port.dataset({ label: { en: 'resampled', zh: '重采样后' } }) },
  params: z.strictObject({
    spacing: z.tuple([mm, mm, mm]).default([1, 1, 1]).describe('target voxel spacing x, y, z in mm'),
    assume: z.tuple([mm, mm, mm]).nullable().default(null).describe('spacing x, y, z in mm of data that records none; empty to require one'),
  }),
  paramText: {
    spacing: { label: { en: 'Voxel spacing (mm)', zh: '体素间距（毫米）' }, doc: { en: 'x, y, z after resampling.', zh: '重采样后的 x、y、z。' } },
    assume: {
      label: { en: 'Spacing when unknown (mm)', zh: '未知时的间距（毫米）' },
      doc: { en: 'Only for data that records no spacing (most synthetic samples): the x, y, z spacing it has. Empty: such data is refused.', zh: '仅用于没有记录间距的数据（多数合成示例）：其 x、y、z 间距。留空则拒绝此类数据。' },
    },
  },
  infer({ data }, p, ctx) {
    if (data.image.length !== 4) {
      return { issues: [ctx.fail('J306', { detail: { en: `resampling works on 3D volumes [depth, height, width, channels]; this data has [${data.image.join(', ')}]`, zh: `重采样只作用于三维体数据 [深, 高, 宽, 通道]；此数据为 [${data.image.join(', ')}]` }, fix: { en: 'Connect it after a volume source such as Volume Folder; for 2D images use Resize.', zh: '请把它接在“三维影像文件夹”等体数据源之后；二维图像请用“缩放”。' } })] };
    }
    const from = data.spacing ?? p.assume;
    if (!from) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: 'the voxel spacing of this data is not known before it is read, so the size after resampling cannot be checked', zh: '读取之前不知道此数据的体素间距，因此无法检查重采样后的尺寸' },
            fix: {
              en: 'Give the Volume Folder block a voxel spacing (an empty spacing keeps each file’s own, which may differ), or enter the spacing of these volumes under "Spacing when unknown".',
              zh: '请为“三维影像文件夹”模块设置体素间距（留空会保留每个文件各自的间距，可能各不相同），或在“未知时的间距”中填写这些影像的间距。',
            },
          }),
        ],
      };
    }
    const { spatial, spacing } = resampledVolume(data.image, from, p.spacing);
    const spatialLabel = hasSpatialLabel({ task: data.task, labelShape: data.label, imageShape: data.image });
    const warnings = data.spacing && p.assume && data.spacing.some((s, a) => Math.abs(s - p.assume![a]!) > 1e-6)
      ? [ctx.fail('J406', { detail: { en: `the data records a spacing of ${fmt(data.spacing)} mm, which is used instead of "Spacing when unknown" (${fmt(p.assume)} mm)`, zh: `数据记录的间距为 ${fmt(data.spacing)} 毫米，将使用它而不是“未知时的间距”（${fmt(p.assume)} 毫米）` }, fix: { en: 'Clear "Spacing when unknown".', zh: '请清空“未知时的间距”。' } })]
      : [];
    return {
      outputs: { data: { ...data, image: [...spatial, data.image[3]!], label: spatialLabel ? [...spatial, data.label[3]!] : data.label, spacing } },
      ...(warnings.length ? { warnings } : {}),
    };
  },
  run: { perCase: () => 1, transform: (set, p) => resampleExamples(set, { spacing: p.spacing, assume: p.assume }) },
});
