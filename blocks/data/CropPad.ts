import { z } from 'zod';
import { defineBlock, port } from '../../src/core';
import { cropPadExamples, hasSpatialLabel } from '../../src/data/volume-transforms';

const voxels = z.number().int().min(1).max(1024);

/** Crops and/or pads 3D volumes to one size, around their centre or around the mask. */
export default defineBlock({
  type: 'CropPad',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Crop / Pad', zh: '裁剪 / 填充' },
  doc: {
    en: 'Brings every scan to the size you give, in voxels along x, y and z, without changing its scale: larger scans are cropped, smaller ones padded. The window sits in the middle of the scan, or — for segmentation — in the middle of the mask, so a small tumour is not cut away. Images are padded with the value you give (empty: each image’s darkest value, such as air on CT); masks with background. The mask is cut and padded exactly like its image.',
    zh: '把每个扫描裁剪或填充到您给定的尺寸（x、y、z 方向的体素数），不改变比例：更大的扫描被裁剪，更小的被填充。窗口位于扫描中心，或者（用于分割时）位于掩膜中心，使小肿瘤不会被裁掉。图像用您给定的值填充（留空则用每个图像的最暗值，例如 CT 上的空气）；掩膜用背景填充。掩膜与图像以完全相同的方式裁剪和填充。',
  },
  inputs: { data: port.dataset({ label: { en: 'volumes', zh: '影像' } }) },
  outputs: { data: port.dataset({ label: { en: 'cropped or padded', zh: '裁剪或填充后' } }) },
  params: z.strictObject({
    size: z.tuple([voxels, voxels, voxels]).default([96, 96, 96]).describe('size x, y, z in voxels'),
    crop: z.enum(['centre', 'foreground']).default('centre').describe('centre or foreground'),
    pad: z.number().finite().nullable().default(null).describe('image padding value; empty for each image’s minimum'),
  }),
  paramText: {
    size: { label: { en: 'Size (voxels)', zh: '尺寸（体素）' }, doc: { en: 'x, y, z.', zh: 'x、y、z。' } },
    crop: { label: { en: 'Crop around', zh: '裁剪中心' }, doc: { en: 'The middle of the scan, or the middle of the mask (segmentation).', zh: '扫描的中心，或掩膜的中心（分割）。' } },
    pad: { label: { en: 'Pad images with', zh: '图像填充值' }, doc: { en: 'Empty: each image’s darkest value. Masks are always padded with background.', zh: '留空则用每个图像的最暗值。掩膜总是用背景填充。' } },
  },
  infer({ data }, p, ctx) {
    if (data.image.length !== 4) {
      return { issues: [ctx.fail('J306', { detail: { en: `crop / pad works on 3D volumes [depth, height, width, channels]; this data has [${data.image.join(', ')}]`, zh: `裁剪 / 填充只作用于三维体数据 [深, 高, 宽, 通道]；此数据为 [${data.image.join(', ')}]` }, fix: { en: 'Connect it after a volume source such as Volume Folder; for 2D images use Resize.', zh: '请把它接在“三维影像文件夹”等体数据源之后；二维图像请用“缩放”。' } })] };
    }
    const spatialLabel = hasSpatialLabel({ task: data.task, labelShape: data.label, imageShape: data.image });
    if (p.crop === 'foreground' && data.task !== 'segmentation') {
      return { issues: [ctx.fail('J304', { detail: { en: 'cropping around the mask needs segmentation masks, and this data has none', zh: '围绕掩膜裁剪需要分割掩膜，而此数据没有' }, fix: { en: 'Choose "centre".', zh: '请选择“中心”。' } })] };
    }
    const [x, y, z] = p.size;
    return { outputs: { data: { ...data, image: [z, y, x, data.image[3]!], label: spatialLabel ? [z, y, x, data.label[3]!] : data.label } } };
  },
  run: { perCase: () => 1, transform: (set, p) => cropPadExamples(set, p) },
});
