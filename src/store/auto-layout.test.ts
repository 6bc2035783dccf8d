import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { REGISTRY } from '../../blocks';
import { inlineComposite, parseDocument, type PipelineDocument } from '../core';
import { LAYOUT_BLOCK, layoutPositions, openedLayout } from './auto-layout';
import { applyEdit, emptyDocument, type Edit, type XY } from './edits';

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

describe('opening a composite into its blocks', () => {
  const template = JSON.parse(readFileSync(new URL('../../public/templates/glioma-segmentation.pipeline.json', import.meta.url), 'utf8')) as PipelineDocument;
  const doc = parseDocument(JSON.stringify(template)).document!;
  const r = inlineComposite(doc, 'unet', REGISTRY);
  if ('error' in r) throw new Error(r.error);
  const opened = r.doc.blocks.filter((b) => b.id.startsWith('unet_')).map((b) => b.id);
  const origin = doc.layout.unet!;
  const box = (p: XY) => ({ ...p, ...LAYOUT_BLOCK });
  const overlap = (a: XY, b: XY) => Math.abs(a.x - b.x) < LAYOUT_BLOCK.width && Math.abs(a.y - b.y) < LAYOUT_BLOCK.height;

  it('lays the U-Net out readably in its place and pushes the neighbours aside', async () => {
    expect(opened.length).toBeGreaterThan(30);
    const p = await openedLayout(r.doc, opened, box(origin));
    const all = Object.entries(p);
    expect(all.length).toBe(r.doc.blocks.length);
    for (const [i, [a, pa]] of all.entries()) for (const [b, pb] of all.slice(i + 1)) expect(overlap(pa, pb), `${a} on ${b}`).toBe(false);
    // In the composite's place: its top-left corner.
    expect(Math.min(...opened.map((id) => p[id]!.x))).toBe(origin.x);
    expect(Math.min(...opened.map((id) => p[id]!.y))).toBe(origin.y);
    // Rows, not one long line.
    const xs = opened.map((id) => p[id]!.x);
    const ys = opened.map((id) => p[id]!.y);
    const width = Math.max(...xs) - Math.min(...xs) + LAYOUT_BLOCK.width;
    const height = Math.max(...ys) - Math.min(...ys) + LAYOUT_BLOCK.height;
    expect(width / height).toBeLessThan(4);
    // Train, right of the U-Net, moved right past it; Input, left of it, stayed.
    expect(p.train!.x).toBeGreaterThan(Math.max(...xs));
    expect(p.input).toEqual(doc.layout.input);
  });

  it('tidies the opened pipeline into rows too (skip connections cross every cut)', async () => {
    const p = Object.values(await layoutPositions(r.doc));
    const width = Math.max(...p.map((q) => q.x)) - Math.min(...p.map((q) => q.x));
    const height = Math.max(...p.map((q) => q.y)) - Math.min(...p.map((q) => q.y));
    expect(width / Math.max(1, height)).toBeLessThan(4);
  });
});
