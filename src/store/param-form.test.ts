import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import Conv2D from '../../blocks/layers/Conv2D';
import { checkValue, fieldOf, formatValue, readText } from './param-form';

const p = (type: string, name: string) => (type === 'Conv2D' ? Conv2D : REGISTRY.get(type)!).params.shape[name] as never;

describe('parameter fields from zod schemas', () => {
  it.each([
    ['Dense', 'units', { kind: 'number', int: true, min: 1, max: 1_000_000, default: 16, nullable: false }],
    ['Dense', 'useBias', { kind: 'boolean', default: true }],
    ['Conv2D', 'kernelSize', { kind: 'numbers', default: 3, nullable: false }],
    ['Train', 'seed', { kind: 'number', nullable: true, default: null }],
  ])('%s.%s', (type, name, expected) => {
    expect(fieldOf(p(type, name))).toMatchObject(expected);
  });

  it('reads the options of a choice', () => {
    const f = fieldOf(p('Dense', 'activation'));
    expect(f.kind).toBe('enum');
    expect(f.kind === 'enum' && f.options).toContain('softmax');
  });

  it.each([
    ['Dense', 'units', '8', true, 8],
    ['Dense', 'units', '0', false, undefined],
    ['Dense', 'units', '2.5', false, undefined],
    ['Dense', 'units', 'many', false, undefined],
    ['Dense', 'units', '', true, undefined],
    ['Conv2D', 'kernelSize', '5', true, 5],
    ['Conv2D', 'kernelSize', '3, 5', true, [3, 5]],
    ['Conv2D', 'kernelSize', '3 × 5', true, [3, 5]],
    ['Conv2D', 'kernelSize', '3, 5, 7', false, undefined],
    ['Train', 'seed', '', true, null],
    ['Train', 'seed', '7', true, 7],
  ])('%s.%s: "%s" valid=%s', (type, name, text, ok, value) => {
    const schema = p(type, name);
    const r = checkValue(schema, readText(fieldOf(schema), text));
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value).toEqual(value);
    else expect(r.problem.length).toBeGreaterThan(3);
  });

  it.each([[[3, 3], '3, 3'], [null, ''], [0.001, '0.001'], ['same', 'same']])('writes %j as "%s"', (v, text) => {
    expect(formatValue(v)).toBe(text);
  });
});
