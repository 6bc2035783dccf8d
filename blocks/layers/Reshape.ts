import { z } from 'zod';
import { defineLayer, elementsPerExample, formatShape } from '../../src/core';

/** Sizes as the user writes them, -1 included: `[8, -1, 4]`. */
function written(target: number[]): string {
  return `[${target.join(', ')}]`;
}

/** Rearranges the values of each example into a new shape with the same number of values. */
export default defineLayer({
  type: 'Reshape',
  label: { en: 'Reshape', zh: '重塑' },
  doc: {
    en: 'Rearranges the values of each example into a new shape, without changing them: [batch, 4096] can become [batch, 8, 8, 64]. The sizes must multiply to the same number of values; write -1 for one size and it is worked out. The batch is not part of the target shape.',
    zh: '把每个样本的数值重新排列成新的形状，数值本身不变：[batch, 4096] 可以变成 [batch, 8, 8, 64]。各维大小之积必须等于原来的数值个数；某一维可写 -1，由系统自动计算。目标形状不包含批维度。',
  },
  params: z.strictObject({
    targetShape: z
      .array(z.number().int().min(-1).max(1_000_000))
      .min(1)
      .max(7)
      .refine((t) => !t.includes(0), { message: 'sizes must be positive whole numbers (or -1 for one size)', params: { zh: '尺寸必须是正整数（或有一个为 -1）' } })
      .refine((t) => t.filter((d) => d === -1).length <= 1, { message: 'only one size can be -1', params: { zh: '只能有一个尺寸为 -1' } })
      .default([-1])
      .describe('a list of sizes without the batch, e.g. [8, 8, 64]; one of them may be -1'),
  }),
  paramText: {
    targetShape: {
      label: { en: 'Target shape', zh: '目标形状' },
      doc: {
        en: 'The new shape without the batch, e.g. [8, 8, 64]. One size may be -1: it is computed from the others.',
        zh: '不含批维度的新形状，例如 [8, 8, 64]。可以有一维写 -1，由其余维度自动算出。',
      },
    },
  },
  shape(input, p, ctx) {
    const n = elementsPerExample(input);
    const target = p.targetShape;
    const free = target.indexOf(-1);
    if (n === null) return [null, ...target.map((d) => (d === -1 ? null : d))];
    const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
    if (free >= 0 ? n % known === 0 : n === known) return [null, ...target.map((d) => (d === -1 ? n / known : d))];
    const fix = {
      en: `Choose sizes whose product is ${n}, for example [${n}], or write -1 for one size so it is worked out.`,
      zh: `请选择乘积为 ${n} 的各维大小，例如 [${n}]，或把某一维写成 -1 让系统自动计算。`,
    };
    return ctx.fail('J304', {
      detail:
        free >= 0
          ? {
              en: `${formatShape(input)} holds ${n} values per example, which cannot be arranged as ${written(target)}: ${n} is not a multiple of ${known}`,
              zh: `${formatShape(input)} 每个样本有 ${n} 个数值，无法排列成 ${written(target)}：${n} 不是 ${known} 的倍数`,
            }
          : {
              en: `${formatShape(input)} holds ${n} values per example, but the target shape ${written(target)} holds ${known}`,
              zh: `${formatShape(input)} 每个样本有 ${n} 个数值，而目标形状 ${written(target)} 有 ${known} 个`,
            },
      fix,
    }, 'in');
  },
  // tfjs leaves a -1 unknown in the symbolic shape (it counts the batch as an unknown size), and a
  // following Dense then cannot be built; so the plan writes the size that inference worked out.
  lower: (p, ctx) => {
    const resolved = ctx.outputShape.slice(1);
    return { className: 'Reshape', config: { targetShape: resolved.every((d) => d !== null) ? resolved : p.targetShape } };
  },
  cost: () => ({ params: 0, macs: 0 }),
});
