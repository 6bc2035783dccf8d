import { describe, expect, it } from 'vitest';
import { applyEdit, emptyDocument, linkKey, addBlockEdit, type Edit } from './edits';

const base = (() => {
  let d = emptyDocument();
  d = applyEdit(d, { type: 'add-block', id: 'in1', blockType: 'ImageInput', at: { x: 0, y: 0 } });
  d = applyEdit(d, { type: 'add-block', id: 'flat1', blockType: 'Flatten', at: { x: 200, y: 0 } });
  d = applyEdit(d, { type: 'add-block', id: 'dense1', blockType: 'Dense', at: { x: 400, y: 0.4 } });
  d = applyEdit(d, { type: 'connect', link: { from: { block: 'in1', port: 'out' }, to: { block: 'flat1', port: 'in' } } });
  d = applyEdit(d, { type: 'connect', link: { from: { block: 'flat1', port: 'out' }, to: { block: 'dense1', port: 'in' } } });
  return d;
})();

describe('applyEdit', () => {
  it('adds blocks with rounded positions and links them', () => {
    expect(base.blocks.map((b) => b.id)).toEqual(['in1', 'flat1', 'dense1']);
    expect(base.layout.dense1).toEqual({ x: 400, y: 0 });
    expect(base.links.map(linkKey)).toEqual(['in1.out->flat1.in', 'flat1.out->dense1.in']);
  });

  it.each<[string, Edit, (d: typeof base) => unknown, unknown]>([
    ['removing a block removes its links and position', { type: 'remove', blocks: ['flat1'], links: [] }, (d) => [d.blocks.length, d.links.length, 'flat1' in d.layout], [2, 0, false]],
    ['removing a link keeps the blocks', { type: 'remove', blocks: [], links: ['in1.out->flat1.in'] }, (d) => [d.blocks.length, d.links.map(linkKey)], [3, ['flat1.out->dense1.in']]],
    ['moving changes only the layout', { type: 'move', positions: { in1: { x: 5, y: 6 } } }, (d) => d.layout.in1, { x: 5, y: 6 }],
    ['setting a parameter', { type: 'set-param', block: 'dense1', param: 'units', value: 3 }, (d) => d.blocks[2]!.params, { units: 3 }],
    ['renaming, trimmed', { type: 'rename', block: 'dense1', name: '  Scores ' }, (d) => d.blocks[2]!.name, 'Scores'],
    ['an empty name removes the name', { type: 'rename', block: 'dense1', name: '' }, (d) => 'name' in d.blocks[2]!, false],
    ['a duplicate link is ignored', { type: 'connect', link: { from: { block: 'in1', port: 'out' }, to: { block: 'flat1', port: 'in' } } }, (d) => d.links.length, 2],
    ['a replacing link drops the old one into that port', { type: 'connect', replace: true, link: { from: { block: 'in1', port: 'out' }, to: { block: 'dense1', port: 'in' } } }, (d) => d.links.map(linkKey), ['in1.out->flat1.in', 'in1.out->dense1.in']],
    ['renaming the pipeline', { type: 'set-meta', name: 'Shapes' }, (d) => d.name, 'Shapes'],
  ])('%s', (_name, edit, read, expected) => {
    const before = JSON.stringify(base);
    expect(read(applyEdit(base, edit))).toEqual(expected);
    expect(JSON.stringify(base)).toBe(before); // never mutates
  });

  it('clearing a parameter goes back to its default', () => {
    const d = applyEdit(applyEdit(base, { type: 'set-param', block: 'dense1', param: 'units', value: 3 }), { type: 'set-param', block: 'dense1', param: 'units', value: undefined });
    expect(d.blocks[2]!.params).toEqual({});
  });

  it('shares what it does not change', () => {
    const moved = applyEdit(base, { type: 'move', positions: { in1: { x: 1, y: 1 } } });
    expect(moved.blocks).toBe(base.blocks);
    expect(moved.links).toBe(base.links);
  });

  it('returns the same document for edits that change nothing', () => {
    expect(applyEdit(base, { type: 'remove', blocks: [], links: [] })).toBe(base);
    expect(applyEdit(base, { type: 'move', positions: { nope: { x: 1, y: 1 } } })).toBe(base);
    expect(applyEdit(base, { type: 'set-param', block: 'nope', param: 'x', value: 1 })).toBe(base);
  });

  it('gives new blocks a free id', () => {
    expect(addBlockEdit(base, 'Dense', { x: 0, y: 0 }).id).toBe('dense2');
  });
});
