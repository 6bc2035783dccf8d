import { describe, expect, it } from 'vitest';
import { layoutPositions } from './auto-layout';
import { applyEdit, emptyDocument, type Edit } from './edits';

describe('automatic layout', () => {
  it('places blocks left to right along the links, without overlap', async () => {
    const doc = [
      { type: 'add-block', id: 'c', blockType: 'Dense', at: { x: 0, y: 0 } },
      { type: 'add-block', id: 'a', blockType: 'ImageInput', at: { x: 0, y: 0 } },
      { type: 'add-block', id: 'b', blockType: 'Flatten', at: { x: 0, y: 0 } },
      { type: 'connect', link: { from: { block: 'a', port: 'out' }, to: { block: 'b', port: 'in' } } },
      { type: 'connect', link: { from: { block: 'b', port: 'out' }, to: { block: 'c', port: 'in' } } },
    ].reduce((d, e) => applyEdit(d, e as Edit), emptyDocument());
    const p = await layoutPositions(doc);
    expect(Object.keys(p).sort()).toEqual(['a', 'b', 'c']);
    expect(p.a!.x).toBeLessThan(p.b!.x);
    expect(p.b!.x).toBeLessThan(p.c!.x);
  });

  it('wraps a long chain into rows, keeping blocks apart', async () => {
    const edits: Edit[] = [];
    for (let i = 0; i < 20; i++) {
      edits.push({ type: 'add-block', id: `d${i}`, blockType: 'Dense', at: { x: 0, y: 0 } });
      if (i) edits.push({ type: 'connect', link: { from: { block: `d${i - 1}`, port: 'out' }, to: { block: `d${i}`, port: 'in' } } });
    }
    const p = Object.values(await layoutPositions(edits.reduce(applyEdit, emptyDocument())));
    const width = Math.max(...p.map((q) => q.x)) - Math.min(...p.map((q) => q.x));
    expect(width).toBeLessThan(10 * 220);
    for (const a of p) for (const b of p) if (a !== b) expect(Math.abs(a.x - b.x) >= 220 || Math.abs(a.y - b.y) >= 110).toBe(true);
  });
});
