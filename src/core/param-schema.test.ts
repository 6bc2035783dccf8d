import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { allowedText, numberBounds } from './param-schema';

// The allowed values are read from zod's public JSON Schema: each bound, inclusive or not, and each length.
describe('what a parameter schema allows, in words', () => {
  it.each([
    [z.number().positive(), 'a number greater than 0', '大于 0 的数'],
    [z.number().int().min(1).max(512).default(3), 'a whole number from 1 to 512', '介于 1 和 512 之间的整数'],
    [z.number().gt(0).lte(1), 'a number greater than 0 and at most 1', '大于 0 且不大于 1 的数'],
    [z.array(z.string()).min(1), 'a list of names separated by commas (at least 1)', '用逗号分隔的名称列表（至少 1 个）'],
    [z.array(z.number().int().positive()).min(2).max(3), 'a list of numbers, each a whole number greater than 0 (2 to 3)', '数字列表，每个为大于 0 的整数（2 到 3 个）'],
    [z.string().min(1), 'text that is not empty', '非空文本'],
    [z.number().int().min(0).nullable(), 'a whole number at least 0, or empty', '不小于 0 的整数，或留空'],
    [z.enum(['max', 'avg']), 'one of max, avg', '以下之一：max、avg'],
  ])('%#: %s', (schema, en, zh) => {
    expect(allowedText(schema)).toEqual({ en, zh });
  });

  it('keeps the tighter of two bounds, and an exclusive bound over an inclusive one at the same value', () => {
    expect(numberBounds(z.number().min(0).gt(0).max(5).max(3))).toEqual({ int: false, min: { value: 0, inclusive: false }, max: { value: 3, inclusive: true } });
    expect(numberBounds(z.number().int().min(2))).toMatchObject({ int: true, min: { value: 2, inclusive: true } });
  });

  it('names no bounds for a schema JSON Schema cannot state, instead of failing', () => {
    expect(allowedText(z.number().refine((n) => n % 2 === 0))).toEqual({ en: 'a number', zh: '数' });
    expect(allowedText(z.custom<string>(() => true))).toEqual({ en: 'a value this block accepts', zh: '该模块接受的值' });
  });
});
