import { describe, expect, it } from 'vitest';
import { applyEdit, emptyDocument } from '../store/edits';
import { documentKey } from './document-key';

const base = applyEdit(applyEdit(emptyDocument(), { type: 'add-block', id: 'd', blockType: 'Dense', at: { x: 0, y: 0 } }), { type: 'add-block', id: 'f', blockType: 'Flatten', at: { x: 0, y: 0 } });

describe('documentKey: whose training results are whose', () => {
  it.each([
    ['a parameter changes', applyEdit(base, { type: 'set-param', block: 'd', param: 'units', value: 3 })],
    ['blocks move', applyEdit(base, { type: 'move', positions: { d: { x: 50, y: 9 } } })],
    ['the pipeline is renamed', applyEdit(base, { type: 'set-meta', name: 'Mine' })],
    ['the same document is opened again', structuredClone(base)],
  ])('stays when %s', (_, doc) => expect(documentKey(doc)).toBe(documentKey(base)));

  it.each([
    ['a block is added', applyEdit(base, { type: 'add-block', id: 'x', blockType: 'Dropout', at: { x: 0, y: 0 } })],
    ['another document is opened', emptyDocument()],
    ['a block is another type', { ...base, blocks: base.blocks.map((b) => (b.id === 'd' ? { ...b, type: 'Dropout' } : b)) }],
  ])('changes when %s', (_, doc) => expect(documentKey(doc)).not.toBe(documentKey(base)));
});
