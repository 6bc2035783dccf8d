/**
 * Shape rules and messages shared by the merge blocks (Add, Multiply, Concatenate). A merge joins
 * branches of a network, and the commonest mistake is joining branches of different sizes, so the
 * messages name the dimensions that differ and the block that would make them fit.
 */
import { formatShape, LAYOUT, type BlockIssue, type InferContext, type Shape, type TensorValue, type Text } from '../../src/core';

const BATCH: Text = { en: 'batch', zh: '批' };
const FEATURES: Text = { en: 'features', zh: '特征' };
const CHANNELS: Text = { en: 'channels', zh: '通道' };
const DEPTH: Text = { en: 'depth', zh: '深' };
const HEIGHT: Text = { en: 'height', zh: '高' };
const WIDTH: Text = { en: 'width', zh: '宽' };

/** Names of the axes of the layouts Jimu uses, by rank. */
const AXES: Record<number, Text[]> = {
  2: [BATCH, FEATURES],
  4: [BATCH, HEIGHT, WIDTH, CHANNELS],
  5: [BATCH, DEPTH, HEIGHT, WIDTH, CHANNELS],
};

/** The name of axis `i` of a tensor of this rank ("height", or "dimension 2" for unusual layouts). */
export function axisName(rank: number, i: number): Text {
  return AXES[rank]?.[i] ?? { en: `dimension ${i}`, zh: `第 ${i} 维` };
}

/** True for the height, width and depth axes of an image or a volume. */
function isSpatial(rank: number, i: number): boolean {
  return (rank === 4 || rank === 5) && i > 0 && i < rank - 1;
}

/** "height and width", "depth, height and width". */
export function joinNames(names: Text[]): Text {
  const en = names.map((n) => n.en);
  return {
    en: en.length <= 1 ? (en[0] ?? '') : `${en.slice(0, -1).join(', ')} and ${en[en.length - 1]}`,
    zh: names.map((n) => n.zh).join('、'),
  };
}

function layoutOf(shape: Shape): Text {
  if (shape.length === 2) return LAYOUT.vector;
  if (shape.length === 4) return LAYOUT.image;
  if (shape.length === 5) return LAYOUT.volume;
  return { en: `a tensor with ${shape.length} dimensions ${formatShape(shape)}`, zh: `${shape.length} 维张量 ${formatShape(shape)}` };
}

/** The input shapes of a merge, or J305 when fewer than two branches are linked. */
export function mergeInputs(inputs: TensorValue[] | undefined, ctx: InferContext, type: string): Shape[] | BlockIssue {
  const shapes = (inputs ?? []).map((v) => v.shape);
  if (shapes.length >= 2) return shapes;
  return ctx.fail(
    'J305',
    {
      detail: {
        en: `${type} combines two or more branches, but ${shapes.length === 0 ? 'none is' : 'only one is'} linked to "in"`,
        zh: `${type} 用于合并两个或更多分支，但输入 "in" 上${shapes.length === 0 ? '没有连线' : '只连了一条线'}`,
      },
      fix: {
        en: 'Link a second branch into "in" (for example the skip connection of a residual or U-Net block), or remove this block.',
        zh: '请再把一个分支连到 "in"（例如残差块或 U-Net 的跳跃连接），或删除此模块。',
      },
    },
    'in',
  );
}

function rankIssue(a: Shape, b: Shape, ctx: InferContext): BlockIssue {
  return ctx.fail(
    'J302',
    {
      shapes: `${formatShape(a)} and ${formatShape(b)}`,
      detail: {
        en: `one branch is ${layoutOf(a).en} and the other ${layoutOf(b).en}`,
        zh: `一个分支是${layoutOf(a).zh}，另一个是${layoutOf(b).zh}`,
      },
      fix: {
        en: 'Bring both branches to the same layout first: Flatten or Global Average Pooling turns an image into a vector, Reshape changes the layout.',
        zh: '请先让两个分支的布局一致：“展平”或“全局平均池化”可把图像变成向量，“重塑”可改变布局。',
      },
    },
    'in',
  );
}

/** How to make two shapes agree on the axes where they differ. */
function fixFor(a: Shape, b: Shape, differ: number[]): Text {
  const rank = a.length;
  const parts: Text[] = [];
  const spatial = differ.filter((i) => isSpatial(rank, i));
  if (spatial.length) {
    const ratios = spatial.map((i) => Math.max(a[i]!, b[i]!) / Math.min(a[i]!, b[i]!));
    const k = ratios[0]!;
    const whole = Number.isInteger(k) && ratios.every((r) => r === k) && spatial.every((i) => (a[i]! > b[i]!) === (a[spatial[0]!]! > b[spatial[0]!]!));
    parts.push(
      whole
        ? {
            en: `Add a pooling block (pool size ${k}) to the larger branch or an upsampling block (size ${k}) to the smaller one so both branches have the same size.`,
            zh: `请在较大的分支上加池化模块（池化大小 ${k}），或在较小的分支上加上采样模块（倍数 ${k}），使两个分支大小一致。`,
          }
        : {
            en: 'Add a pooling, upsampling, cropping or padding block so both branches have the same size, or give both branches the same strides and padding.',
            zh: '请加入池化、上采样、裁剪或填充模块使两个分支大小一致，或让两个分支使用相同的步长和填充方式。',
          },
    );
  }
  const last = rank - 1;
  if (differ.includes(last) && rank >= 2) {
    const [small, big] = a[last]! < b[last]! ? [a[last]!, b[last]!] : [b[last]!, a[last]!];
    parts.push(
      rank === 2
        ? {
            en: `Add a Dense block with ${big} units to the branch with ${small} features so both have ${big}.`,
            zh: `请在有 ${small} 个特征的分支上加一个 ${big} 个单元的全连接层，使两者都为 ${big}。`,
          }
        : {
            en: `Add a convolution with kernel size 1 and ${big} filters to the branch with ${small} channels so both have ${big}.`,
            zh: `请在有 ${small} 个通道的分支上加一个卷积核大小为 1、${big} 个滤波器的卷积，使两者都为 ${big} 个通道。`,
          },
    );
  }
  const other = differ.filter((i) => !isSpatial(rank, i) && i !== last);
  if (other.length || parts.length === 0) {
    parts.push({ en: 'Use Reshape on one branch so the shapes match.', zh: '请对其中一个分支使用“重塑”使形状一致。' });
  }
  return { en: parts.map((p) => p.en).join(' '), zh: parts.map((p) => p.zh).join('') };
}

/**
 * Add and Multiply work position by position: the shapes must match, where a size of 1 is repeated
 * to fit (Keras' broadcasting rule; Multiply uses it to apply a one-channel attention map to every channel).
 */
export function elementwiseShape(shapes: Shape[], ctx: InferContext, type: string): Shape | BlockIssue {
  let out = shapes[0]!;
  for (const s of shapes.slice(1)) {
    if (s.length !== out.length) return rankIssue(out, s, ctx);
    const differ = out.map((_, i) => i).filter((i) => out[i] !== null && s[i] !== null && out[i] !== s[i] && out[i] !== 1 && s[i] !== 1);
    if (differ.length) {
      const names = joinNames(differ.map((i) => axisName(out.length, i)));
      return ctx.fail(
        'J302',
        {
          shapes: `${formatShape(out)} and ${formatShape(s)}`,
          detail: {
            en: `${type} works position by position, so the shapes must match (a size of 1 is repeated to fit), but these differ in ${names.en}`,
            zh: `${type} 逐位置计算，形状必须一致（大小为 1 的维度会被重复以匹配），但它们的${names.zh}不同`,
          },
          fix: fixFor(out, s, differ),
        },
        'in',
      );
    }
    out = out.map((d, i) => (d === null || s[i] === null ? null : Math.max(d, s[i]!)));
  }
  return out;
}

/** Concatenate: joins along `axis`; every other dimension must match. */
export function concatenateShape(shapes: Shape[], axis: number, ctx: InferContext): Shape | BlockIssue {
  const first = shapes[0]!;
  const rank = first.length;
  const a = axis < 0 ? rank + axis : axis;
  if (a < 1 || a >= rank) {
    return ctx.fail(
      'J304',
      {
        detail: {
          en: `axis ${axis} does not exist in ${formatShape(first)}${a === 0 ? ' (axis 0 is the batch, which cannot be joined)' : ''}`,
          zh: `${formatShape(first)} 中没有轴 ${axis}${a === 0 ? '（轴 0 是批维度，不能拼接）' : ''}`,
        },
        fix: {
          en: `Use -1 to join along the ${axisName(rank, rank - 1).en} (the usual choice), or an axis from 1 to ${rank - 1}.`,
          zh: `请使用 -1 沿${axisName(rank, rank - 1).zh}拼接（最常用），或使用 1 到 ${rank - 1} 之间的轴。`,
        },
      },
      'in',
    );
  }
  const along = axisName(rank, a);
  let total: number | null = 0;
  for (const s of shapes) {
    if (s.length !== rank) return rankIssue(first, s, ctx);
    const differ = first.map((_, i) => i).filter((i) => i !== a && first[i] !== null && s[i] !== null && first[i] !== s[i]);
    if (differ.length) {
      const names = joinNames(differ.map((i) => axisName(rank, i)));
      return ctx.fail(
        'J302',
        {
          shapes: `${formatShape(first)} and ${formatShape(s)}`,
          detail: {
            en: `Concatenate joins along the ${along.en}, so the other dimensions must match, but these differ in ${names.en}`,
            zh: `“拼接”沿${along.zh}合并，其余维度必须一致，但它们的${names.zh}不同`,
          },
          fix: fixFor(first, s, differ),
        },
        'in',
      );
    }
    total = total === null || s[a] === null ? null : total + s[a]!;
  }
  return first.map((d, i) => (i === a ? total : d));
}
