import { z } from 'zod';
import { defineBlock, formatShape, port } from '../../src/core';
import { resizedSpacing, resizeExamples } from '../../src/data/resize';

const dim = z.number().int().min(1).max(4096);

/** Brings every image (or volume) of a dataset to one size. */
export default defineBlock({
  type: 'Resize',
  category: 'preprocessing',
  version: 1,
  label: { en: 'Resize', zh: '缩放' },
  doc: {
    en: 'Brings every image to the size the model expects (height × width; for 3D volumes also depth), channel by channel. Smaller images train much faster; 64 × 64 to 256 × 256 is usual for 2D. "Linear" blends neighbouring pixels smoothly; choose "Area" to shrink large photos by more than about half, so fine detail is averaged rather than skipped. Segmentation masks are resized with it, always by nearest neighbour, so a pixel never gets a blend of two labels.',
    zh: '把每张图像缩放到模型需要的尺寸（高 × 宽；三维体数据还包括深度），各通道分别处理。较小的图像训练快得多；二维图像常用 64 × 64 到 256 × 256。“线性”会平滑地混合相邻像素；把大照片缩小到一半以下时请选“区域”，细节会被平均而不是被跳过。分割掩膜会随之缩放，且总是用最近邻方法，因此一个像素不会混合两个标签。',
  },
  inputs: { data: port.dataset({ label: { en: 'dataset', zh: '数据集' } }) },
  outputs: { data: port.dataset({ label: { en: 'resized', zh: '缩放后' } }) },
  params: z.strictObject({
    height: dim.default(64).describe('whole number from 1 to 4096'),
    width: dim.default(64).describe('whole number from 1 to 4096'),
    depth: dim.nullable().default(null).describe('empty to keep the number of slices; only for 3D volumes'),
    method: z.enum(['linear', 'area', 'nearest']).default('linear').describe('linear, area or nearest'),
  }),
  paramText: {
    height: { label: { en: 'Height', zh: '高' } },
    width: { label: { en: 'Width', zh: '宽' } },
    depth: { label: { en: 'Depth (slices)', zh: '深度（层数）' }, doc: { en: '3D volumes only; empty keeps the number of slices.', zh: '仅用于三维体数据；留空则保持层数不变。' } },
    method: {
      label: { en: 'Method', zh: '插值方法' },
      doc: { en: 'Linear (smooth), Area (for shrinking a lot) or Nearest (copies pixels).', zh: '线性（平滑）、区域（大幅缩小时使用）或最近邻（直接复制像素）。' },
    },
  },
  infer({ data }, p, ctx) {
    const rank = data.image.length;
    if (rank !== 3 && rank !== 4) {
      return {
        issues: [
          ctx.fail('J301', {
            expected: { en: 'images [height, width, channels] or volumes [depth, height, width, channels]', zh: '图像 [高, 宽, 通道] 或体数据 [深, 高, 宽, 通道]' },
            actual: formatShape(data.image),
            fix: { en: 'Resize works on images and volumes; connect it to an image dataset.', zh: '缩放只作用于图像和体数据；请把它连接到图像数据集。' },
          }, 'data'),
        ],
      };
    }
    if (rank === 3 && p.depth !== null) {
      return {
        issues: [
          ctx.fail('J304', {
            detail: { en: `depth is set to ${p.depth}, but the images are 2D ${formatShape(data.image)}`, zh: `设置了深度 ${p.depth}，但图像是二维的 ${formatShape(data.image)}` },
            fix: { en: 'Clear Depth: it is only for 3D volumes.', zh: '请清空深度：它只用于三维体数据。' },
          }),
        ],
      };
    }
    const size = spatialSize(data.image, p);
    const channels = data.image[rank - 1]!;
    const spatialLabel = (data.task === 'segmentation' || data.task === 'dense-regression') && data.label.length === rank;
    return {
      outputs: {
        data: { ...data, image: [...size, channels], label: spatialLabel ? [...size, data.label[rank - 1]!] : data.label, ...(data.spacing ? { spacing: resizedSpacing(data.spacing, data.image, [...size, channels]) } : {}) },
      },
    };
  },
  run: { perCase: () => 1, transform: (set, p) => resizeExamples(set, spatialSize(set.imageShape, p), p.method) },
});

function spatialSize(image: readonly number[], p: { height: number; width: number; depth: number | null }): number[] {
  return image.length === 4 ? [p.depth ?? image[0]!, p.height, p.width] : [p.height, p.width];
}
