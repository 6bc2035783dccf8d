import { z } from 'zod';
import { defineComposite, formatShape, SubgraphBuilder, type BlockIssue, type InferContext, type PortValue, type Subgraph } from '../../src/core';
import { convUnit } from './conv-stages';

const params = (baseFilters: number) =>
  z.strictObject({
    depth: z.number().int().min(1).max(5).default(3).describe('whole number from 1 to 5'),
    baseFilters: z.number().int().min(1).max(256).default(baseFilters).describe('whole number from 1 to 256'),
    kernelSize: z.number().int().min(1).max(7).default(3).describe('whole number from 1 to 7'),
    batchNorm: z.boolean().default(true),
    outChannels: z.number().int().min(1).max(64).default(1).describe('whole number from 1 to 64: one per label (1 for a yes/no mask)'),
    finalActivation: z.enum(['sigmoid', 'softmax', 'linear']).default('sigmoid').describe('sigmoid, softmax or linear'),
  });

const paramText = {
  depth: { label: { en: 'Depth (levels)', zh: '深度（层级数）' }, doc: { en: 'Each level halves the size; the input size must divide by 2^depth.', zh: '每一层级尺寸减半；输入尺寸必须能被 2^深度 整除。' } },
  baseFilters: { label: { en: 'Filters at the top level', zh: '顶层卷积核数量' }, doc: { en: 'Doubles at each level down.', zh: '每向下一层级翻倍。' } },
  kernelSize: { label: { en: 'Kernel size', zh: '卷积核尺寸' } },
  batchNorm: { label: { en: 'Batch normalisation', zh: '批归一化' } },
  outChannels: { label: { en: 'Output channels', zh: '输出通道数' } },
  finalActivation: { label: { en: 'Final activation', zh: '输出激活函数' } },
};

type P = z.output<ReturnType<typeof params>>;

/** The U-Net of Ronneberger et al.: an encoder, a decoder, and skip connections between their levels. */
export function buildUNet(dims: 2 | 3, p: P): Subgraph {
  const g = new SubgraphBuilder();
  const skips: string[] = [];
  let x = '';
  let first = '';
  for (let level = 0; level <= p.depth; level++) {
    const filters = p.baseFilters * 2 ** level;
    const a = convUnit(g, `enc${level}a`, dims, filters, p.kernelSize, p.batchNorm, x === '' ? null : x);
    if (first === '') first = `enc${level}a_conv`;
    x = convUnit(g, `enc${level}b`, dims, filters, p.kernelSize, p.batchNorm, a);
    if (level < p.depth) {
      skips.push(x);
      x = g.add(`pool${level}`, `MaxPooling${dims}D`, { poolSize: 2 }, x);
    }
  }
  for (let level = p.depth - 1; level >= 0; level--) {
    const filters = p.baseFilters * 2 ** level;
    const up = g.add(`up${level}`, `Conv${dims}DTranspose`, { filters, kernelSize: 2, strides: 2, padding: 'same' }, x);
    const cat = g.add(`cat${level}`, 'Concatenate', {}, skips[level]!, up);
    const a = convUnit(g, `dec${level}a`, dims, filters, p.kernelSize, p.batchNorm, cat);
    x = convUnit(g, `dec${level}b`, dims, filters, p.kernelSize, p.batchNorm, a);
  }
  const head = g.add('head', `Conv${dims}D`, { filters: p.outChannels, kernelSize: 1, padding: 'same', activation: p.finalActivation }, x);
  return { blocks: g.blocks, links: g.links, inputs: { in: [{ block: first, port: 'in' }] }, outputs: { out: { block: head, port: 'out' } } };
}

/**
 * A U-Net halves its input `depth` times and concatenates each level with its way back up, so every
 * spatial size must divide by 2^depth. Said on the U-Net, with the deepest depth that fits (applied from
 * its inspector) or the data size that would.
 */
export function checkUNetInput(dims: 2 | 3, inputs: Record<string, PortValue | undefined>, p: P, ctx: InferContext): BlockIssue[] {
  const x = inputs.in;
  if (x?.kind !== 'tensor' || x.shape.length !== dims + 2) return [];
  const sizes = x.shape.slice(1, -1);
  if (sizes.some((s) => s === null)) return [];
  const factor = 2 ** p.depth;
  if (sizes.every((s) => s! % factor === 0)) return [];
  let best = 0;
  for (let d = p.depth - 1; d >= 1 && !best; d--) if (sizes.every((s) => s! % 2 ** d === 0)) best = d;
  const suggest = sizes.map((s) => Math.ceil(s! / factor) * factor).join(' × ');
  const axes = dims === 3 ? { en: 'depth, height and width', zh: '深、高、宽' } : { en: 'height and width', zh: '高和宽' };
  const data = { en: `make the data ${suggest} (a multiple of ${factor}) with a Resize or Crop / Pad block`, zh: `用“缩放”或“裁剪/填充”模块把数据变为 ${suggest}（${factor} 的倍数）` };
  const fix = best
    ? { en: `In its inspector, set Depth to ${best} (the deepest that fits ${sizes.join(' × ')}), or ${data.en}.`, zh: `请在它的检查器中把深度设为 ${best}（适合 ${sizes.join(' × ')} 的最大深度），或${data.zh}。` }
    : { en: `No depth fits ${sizes.join(' × ')} (it does not divide by 2): ${data.en}.`, zh: `没有适合 ${sizes.join(' × ')} 的深度（不能被 2 整除）：请${data.zh}。` };
  return [{ ...ctx.fail('J310', { depth: p.depth, factor, axes, actual: formatShape(x.shape), fix }, 'in'), ...(best ? { fix: { params: { depth: best } } } : {}) }];
}

export function unetBlock(dims: 2 | 3) {
  return defineComposite({
    type: `UNet${dims}D`,
    label: { en: `U-Net ${dims}D`, zh: `${dims === 2 ? '二' : '三'}维 U-Net` },
    doc: {
      en: `A whole ${dims}D U-Net for segmentation: an encoder that halves the ${dims === 2 ? 'image' : 'volume'} at each level while doubling the filters, a decoder that grows it back, and skip connections that carry fine detail across. Its output has the input's size with one channel per label. The input's ${dims === 2 ? 'height and width' : 'depth, height and width'} must divide by 2^depth. Open it to see and edit its inner blocks.`,
      zh: `完整的${dims === 2 ? '二' : '三'}维 U-Net 分割网络：编码器逐层将${dims === 2 ? '图像' : '体数据'}尺寸减半、卷积核数量加倍，解码器再逐层放大，跳跃连接把细节传到对应层级。输出与输入尺寸相同，每个标签一个通道。输入的${dims === 2 ? '高和宽' : '深、高、宽'}必须能被 2^深度 整除。`,
    },
    params: params(dims === 2 ? 16 : 8),
    paramText,
    build: (p) => buildUNet(dims, p),
    check: (inputs, p, ctx) => checkUNetInput(dims, inputs, p, ctx),
  });
}
