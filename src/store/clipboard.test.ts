import { describe, expect, it } from 'vitest';
import { copyFragment, parseFragment, pasteEdit } from './clipboard';
import { applyEdit, emptyDocument, linkKey } from './edits';

const doc = [
  { type: 'add-block', id: 'in1', blockType: 'ImageInput', at: { x: 0, y: 0 } },
  { type: 'add-block', id: 'flat1', blockType: 'Flatten', at: { x: 200, y: 0 } },
  { type: 'add-block', id: 'dense1', blockType: 'Dense', at: { x: 400, y: 0 }, params: { units: 3 } },
  { type: 'connect', link: { from: { block: 'in1', port: 'out' }, to: { block: 'flat1', port: 'in' } } },
  { type: 'connect', link: { from: { block: 'flat1', port: 'out' }, to: { block: 'dense1', port: 'in' } } },
].reduce((d, e) => applyEdit(d, e as Parameters<typeof applyEdit>[1]), emptyDocument());

describe('copy and paste', () => {
  it('copies the chosen blocks and only the links between them', () => {
    const f = copyFragment(doc, ['flat1', 'dense1'])!;
    expect(f.blocks.map((b) => b.id)).toEqual(['flat1', 'dense1']);
    expect(f.links.map(linkKey)).toEqual(['flat1.out->dense1.in']);
  });

  it('copies nothing when nothing is chosen', () => {
    expect(copyFragment(doc, [])).toBeNull();
  });

  it('pastes with fresh ids, renamed links and an offset, as one edit', () => {
    const f = parseFragment(JSON.stringify(copyFragment(doc, ['flat1', 'dense1'])))!;
    const { edit, ids } = pasteEdit(doc, f, { x: 40, y: 40 });
    expect(ids).toEqual(['flatten1', 'dense2']);
    const next = applyEdit(doc, edit);
    expect(next.blocks).toHaveLength(5);
    expect(next.links.map(linkKey)).toContain('flatten1.out->dense2.in');
    expect(next.layout.dense2).toEqual({ x: 440, y: 40 });
    expect(next.blocks.find((b) => b.id === 'dense2')!.params).toEqual({ units: 3 });
  });

  it('pastes into another document', () => {
    const f = copyFragment(doc, ['in1', 'flat1'])!;
    const { edit } = pasteEdit(emptyDocument(), f, { x: 0, y: 0 });
    expect(applyEdit(emptyDocument(), edit).links.map(linkKey)).toEqual(['imageinput1.out->flatten1.in']);
  });

  it.each([['not JSON', 'hello'], ['a pipeline', '{"format":"jimu.pipeline","version":1}'], ['a bad block id', '{"format":"jimu.fragment","version":1,"blocks":[{"id":"1 x","type":"Dense","params":{}}],"links":[],"layout":{}}']])(
    'refuses clipboard text that is %s',
    (_name, text) => {
      expect(parseFragment(text)).toBeNull();
    },
  );
});
