import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { localize, paramProblem } from '../core';
import { fieldOf, formatValue, readText, splitNumbers, splitWords } from './param-form';

const def = (type: string) => REGISTRY.get(type)!;
const p = (type: string, name: string) => def(type).params.shape[name] as never;
const where = { block: 'b', label: { en: 'B', zh: 'B' } };

describe('parameter fields from zod schemas', () => {
  it.each([
    ['Dense', 'units', { kind: 'number', int: true, min: 1, max: 1_000_000, default: 16, nullable: false }],
    ['Dense', 'useBias', { kind: 'boolean', default: true }],
    ['Conv2D', 'kernelSize', { kind: 'numbers', default: 3, nullable: false, single: true }],
    ['VolumeFolder', 'size', { kind: 'numbers', default: [96, 96, 96], single: false }],
    ['VolumeFolder', 'modalities', { kind: 'words', default: ['image'] }],
    ['VolumeFolder', 'classes', { kind: 'words', default: [] }],
    ['ImageFolder', 'labelColumns', { kind: 'words' }],
    ['Resample', 'assume', { kind: 'numbers', nullable: true, single: false }],
    ['Train', 'seed', { kind: 'number', nullable: true, default: null }],
    ['CropPad', 'pad', { kind: 'number', int: false, nullable: true, default: null }],
    ['ImageFolder', 'channels', { kind: 'json', default: 3 }],
  ])('%s.%s', (type, name, expected) => {
    expect(fieldOf(p(type, name))).toMatchObject(expected);
  });

  it('reads the options of a choice', () => {
    const f = fieldOf(p('Dense', 'activation'));
    expect(f.kind).toBe('enum');
    expect(f.kind === 'enum' && f.options).toContain('softmax');
  });

  // What a person types → the value written to the document, and whether the block's schema accepts it.
  it.each([
    ['Dense', 'units', '8', true, 8],
    ['Dense', 'units', '0', false, 0],
    ['Dense', 'units', '2.5', false, 2.5],
    ['Dense', 'units', 'many', false, 'many'],
    ['Dense', 'units', '', true, undefined],
    ['Conv2D', 'kernelSize', '5', true, 5],
    ['Conv2D', 'kernelSize', '3, 5', true, [3, 5]],
    ['Conv2D', 'kernelSize', '3 × 5', true, [3, 5]],
    ['Conv2D', 'kernelSize', '3x5', true, [3, 5]],
    ['Conv2D', 'kernelSize', '[3, 5]', true, [3, 5]],
    ['Conv2D', 'kernelSize', '3, 5, 7', false, [3, 5, 7]],
    ['VolumeFolder', 'size', '64 x 64 x 32', true, [64, 64, 32]],
    ['VolumeFolder', 'size', '64×64×32', true, [64, 64, 32]],
    ['VolumeFolder', 'size', '64X64X32', true, [64, 64, 32]],
    ['VolumeFolder', 'size', '64, 64, 32', true, [64, 64, 32]],
    ['VolumeFolder', 'size', '64，64，32', true, [64, 64, 32]],
    ['VolumeFolder', 'size', '64 64 32', true, [64, 64, 32]],
    ['VolumeFolder', 'size', '64', false, [64]],
    ['VolumeFolder', 'spacing', '1.5 x 1.5 x 2', true, [1.5, 1.5, 2]],
    ['VolumeFolder', 'spacing', '', true, undefined],
    ['VolumeFolder', 'modalities', 't1', true, ['t1']],
    ['VolumeFolder', 'modalities', '["t1"]', true, ['t1']],
    ['VolumeFolder', 'modalities', 't1, t1ce, t2, flair', true, ['t1', 't1ce', 't2', 'flair']],
    ['VolumeFolder', 'modalities', 't1，t1ce、flair', true, ['t1', 't1ce', 'flair']],
    ['VolumeFolder', 'modalities', 'T1 weighted, FLAIR', true, ['T1 weighted', 'FLAIR']],
    ['VolumeFolder', 'classes', 'exudate, box', true, ['exudate', 'box']],
    ['VolumeFolder', 'classes', 'background, oedema, 4x4 box', true, ['background', 'oedema', '4x4 box']],
    ['VolumeFolder', 'classes', '背景，水肿、肿瘤', true, ['背景', '水肿', '肿瘤']],
    ['VolumeFolder', 'classes', 'young,, old,', true, ['young', 'old']],
    ['ImageFolder', 'labelColumns', 'max_axis', true, ['max_axis']],
    ['Train', 'seed', '', true, null],
    ['Train', 'seed', '7', true, 7],
  ])('%s.%s: "%s" valid=%s', (type, name, text, ok, value) => {
    const read = readText(fieldOf(p(type, name)), text);
    expect(read).toEqual(value);
    const problem = read === undefined ? null : paramProblem(def(type), name, read, where);
    expect(problem === null).toBe(ok);
    if (problem) expect(problem.code).toBe('J102');
  });

  it.each([
    ['64 x 64', ['64', '64']],
    ['64x64', ['64', '64']],
    ['-1 x 8', ['-1', '8']],
    ['0.5×0.5', ['0.5', '0.5']],
    ['box', ['box']],
    ['1e3 x 2', ['1e3', '2']],
  ])('splits the numbers "%s"', (text, parts) => expect(splitNumbers(text)).toEqual(parts));

  it.each([
    ['exudate, box', ['exudate', 'box']],
    ['maxilla', ['maxilla']],
    ['a；b; c', ['a', 'b', 'c']],
  ])('splits the words "%s"', (text, parts) => expect(splitWords(text)).toEqual(parts));

  it.each([[[3, 3], '3, 3'], [null, ''], [0.001, '0.001'], ['same', 'same'], [['t1', 'flair'], 't1, flair']])('writes %j as "%s"', (v, text) => {
    expect(formatValue(v)).toBe(text);
  });

  it('reads back what it writes, for every list parameter of every block', () => {
    for (const [type, d] of REGISTRY.entries()) {
      for (const [name, schema] of Object.entries(d.params.shape)) {
        const field = fieldOf(schema as never);
        if (field.kind !== 'words' && field.kind !== 'numbers') continue;
        if (field.default === undefined || field.default === null) continue;
        // Empty text means "the default", so an empty default list reads back as itself too.
        expect(readText(field, formatValue(field.default)) ?? field.default, `${type}.${name}`).toEqual(field.default);
      }
    }
  });

  it('names the parameter, the value and the allowed range in both languages', () => {
    const d = paramProblem(def('Conv2D'), 'filters', 0, { block: 'c', label: { en: 'Conv 2D (c)', zh: '二维卷积（c）' } })!;
    expect(localize(d, 'en')).toEqual({ message: 'Conv 2D (c): Filters cannot be "0".', hint: 'Filters must be a whole number from 1 to 4096. Change it in the inspector or the Code view.' });
    expect(localize(d, 'zh')).toEqual({ message: '二维卷积（c）：卷积核数量不能为“0”。', hint: '卷积核数量应为介于 1 和 4096 之间的整数。请在属性面板或代码视图中修改。' });
  });
});

describe('the form reads parameter schemas through public zod API', () => {
  it("never touches zod's private internals (_zod), which may change in any release", () => {
    const source = readFileSync(new URL('./param-form.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/_zod|\._def\b/);
  });

  it('gives every parameter of every block a field whose default is the schema default', () => {
    for (const [type, def] of REGISTRY) {
      for (const [name, schema] of Object.entries(def.params.shape)) {
        const parsed = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
        const f = fieldOf(schema as never);
        if (parsed.success && parsed.data !== undefined) expect(f.default, `${type}.${name}`).toEqual(parsed.data);
      }
    }
  });
});
