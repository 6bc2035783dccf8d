import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { checkConnection } from './connection';
import { applyEdit, emptyDocument, type Edit } from './edits';

const add = (id: string, blockType: string, params?: Record<string, unknown>): Edit => ({ type: 'add-block', id, blockType, at: { x: 0, y: 0 }, ...(params ? { params } : {}) });
const link = (a: string, ap: string, b: string, bp: string) => ({ from: { block: a, port: ap }, to: { block: b, port: bp } });

const doc = [
  add('in1', 'ImageInput', { height: 8, width: 8, channels: 1 }),
  add('flat1', 'Flatten'),
  add('dense1', 'Dense', { units: 3, activation: 'softmax' }),
  add('dense2', 'Dense'),
  add('adam1', 'Adam'),
  add('loss1', 'CategoricalCrossentropy'),
  { type: 'connect', link: link('in1', 'out', 'flat1', 'in') },
  { type: 'connect', link: link('flat1', 'out', 'dense1', 'in') },
  { type: 'connect', link: link('dense1', 'out', 'dense2', 'in') },
].reduce((d, e) => applyEdit(d, e as Edit), emptyDocument());

describe('checkConnection', () => {
  it.each([
    ['a link between matching kinds and shapes', link('dense1', 'out', 'loss1', 'pred'), true, false],
    ['a second link into a taken single input, which replaces the first', link('flat1', 'out', 'dense2', 'in'), false, true],
  ])('accepts %s', (_name, l, _unused, replace) => {
    const r = checkConnection(doc, l, REGISTRY);
    expect(r).toEqual({ ok: true, replace });
  });

  it.each([
    ['wrong kinds', link('adam1', 'optimizer', 'dense2', 'in'), 'J203', /optimizer/],
    ['a loop', link('dense2', 'out', 'flat1', 'in'), 'J206', /loop/],
    ['a link to itself', link('dense2', 'out', 'dense2', 'in'), 'J206', /loop/],
    ['a shape that cannot fit', link('in1', 'out', 'loss1', 'pred'), 'J301', /needs/],
    ['the same link twice', link('in1', 'out', 'flat1', 'in'), 'J207', /twice/],
  ])('refuses %s, saying why', (_name, l, code, words) => {
    const r = checkConnection(doc, l, REGISTRY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.code).toBe(code);
    expect(r.reason.message).toMatch(words);
  });
});
