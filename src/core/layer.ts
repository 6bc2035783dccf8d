import type { z } from 'zod';
import type { BlockDef, Category, InferContext, LayerCost, LayerLowering, LowerContext } from './block';
import type { BlockIssue } from './diagnostics';
import { port, type TensorValue } from './ports';
import { formatShape, type Shape } from './shape';
import type { Text } from './text';

/** True when a value is an issue rather than a shape. */
export function isIssue(v: Shape | BlockIssue): v is BlockIssue {
  return !Array.isArray(v);
}

export interface LayerSpec<S extends z.ZodObject> {
  type: string;
  category?: Category;
  version?: number;
  label: Text;
  doc: Text;
  params: S;
  paramText?: { [K in keyof z.output<S>]?: { label: Text; doc?: Text } };
  /** Output shape for the input shape (batch first), or an issue made with `ctx.fail`. */
  shape(input: Shape, params: z.output<S>, ctx: InferContext): Shape | BlockIssue;
  lower(params: z.output<S>, ctx: LowerContext): LayerLowering;
  cost?(params: z.output<S>, io: { inputs: Shape[]; output: Shape }): LayerCost;
}

/** A layer with one tensor input `in` and one tensor output `out` — most layers. */
export function defineLayer<S extends z.ZodObject>(spec: LayerSpec<S>): BlockDef {
  const { shape, category, version, ...rest } = spec;
  const def: BlockDef = {
    ...(rest as unknown as Pick<BlockDef, 'type' | 'label' | 'doc' | 'params' | 'paramText' | 'lower' | 'cost'>),
    category: category ?? 'layer',
    version: version ?? 1,
    inputs: { in: port.tensor() },
    outputs: { out: port.tensor() },
    infer(inputs, params, ctx) {
      const input = inputs.in as TensorValue;
      const out = shape(input.shape, params as z.output<S>, ctx);
      if (isIssue(out)) return { issues: [out] };
      if (out.some((d) => d !== null && d <= 0)) {
        return {
          issues: [
            ctx.fail('J303', {
              label: ctx.label,
              actual: formatShape(input.shape),
              result: formatShape(out),
              fix: {
                en: 'Use a smaller kernel, stride or crop, "same" padding, or a larger input.',
                zh: '请使用更小的卷积核、步长或裁剪量，改用 "same" 填充，或增大输入尺寸。',
              },
            }, 'in'),
          ],
        };
      }
      return { outputs: { out: { kind: 'tensor', shape: out } } };
    },
  };
  return def;
}

/**
 * Checks a tensor's rank (batch included). On a mismatch returns the issue that says what the
 * block needs, what it got, and how to fix it.
 */
export function requireRank(
  shape: Shape,
  ranks: number[],
  ctx: InferContext,
  expected: Text,
  fix: Text,
  portName = 'in',
): BlockIssue | null {
  if (ranks.includes(shape.length)) return null;
  return ctx.fail('J301', { label: ctx.label, expected, actual: formatShape(shape), port: portName, fix }, portName);
}

/** Describes the expected layouts in words, used by rank errors. */
export const LAYOUT: Record<'vector' | 'image' | 'volume', Text> = {
  vector: { en: 'a vector [batch, features]', zh: '向量 [batch, 特征数]' },
  image: { en: 'an image [batch, height, width, channels]', zh: '图像 [batch, 高, 宽, 通道]' },
  volume: { en: 'a volume [batch, depth, height, width, channels]', zh: '体数据 [batch, 深, 高, 宽, 通道]' },
};

/** Product of the known dimensions after the batch. */
export function perExample(shape: Shape): number {
  return shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
}

/** Expands an int-or-tuple parameter to one value per spatial axis. */
export function perAxis(v: number | number[], n: number): number[] {
  return Array.isArray(v) ? v : Array.from({ length: n }, () => v);
}
