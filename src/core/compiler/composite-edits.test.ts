import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { compile } from './compile';
import { groupIntoComposite, inlineComposite } from './composite-edits';
import { parseDocument } from '../document/parse';

const template = () => parseDocument(readFileSync(new URL('../../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8')).document!;
const shapesOf = (r: ReturnType<typeof compile>) => JSON.stringify(r.outputs.dense);

describe('grouping blocks into a composite', () => {
  it('keeps the pipeline meaning: same output shape, same parameter count, one block in place of three', () => {
    const doc = template();
    const before = compile(doc, REGISTRY);
    const r = groupIntoComposite(doc, ['conv2', 'pool2', 'conv3'], REGISTRY, 'Middle stage');
    if ('error' in r) throw new Error(r.error);
    expect(r.doc.blocks).toHaveLength(doc.blocks.length - 2);
    expect(Object.keys(r.doc.composites)).toEqual(['MiddleStage']);
    expect(r.doc.composites.MiddleStage!.inputs).toEqual({ in: [{ block: 'conv2', port: 'in' }] });
    expect(r.doc.composites.MiddleStage!.outputs).toEqual({ out: { block: 'conv3', port: 'out' } });
    const after = compile(r.doc, REGISTRY);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(shapesOf(after)).toBe(shapesOf(before));
    expect(after.cost.params).toBe(before.cost.params);
    expect(after.cost.blocks[r.block!]!.params).toBe(before.cost.blocks.conv2!.params + before.cost.blocks.conv3!.params);
    // The grouped document survives saving and reading back.
    expect(parseDocument(JSON.stringify(r.doc)).document).toEqual(r.doc);
  });

  it('refuses an empty selection', () => {
    expect(groupIntoComposite(template(), [], REGISTRY)).toEqual({ error: 'Select the blocks to group first.' });
  });
});

describe('opening a composite into its blocks', () => {
  it('inlines a grouped composite back to an equivalent pipeline', () => {
    const doc = template();
    const grouped = groupIntoComposite(doc, ['conv2', 'pool2', 'conv3'], REGISTRY) as { doc: typeof doc; block: string };
    const r = inlineComposite(grouped.doc, grouped.block, REGISTRY);
    if ('error' in r) throw new Error(r.error);
    const after = compile(r.doc, REGISTRY);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.cost.params).toBe(compile(doc, REGISTRY).cost.params);
    expect(r.doc.blocks.map((b) => b.type).filter((t) => t === 'Conv2D')).toHaveLength(3);
  });

  it('inlines a library U-Net into editable blocks that compile to the same model', () => {
    const doc = parseDocument({
      format: 'jimu.pipeline',
      version: 2,
      blocks: [
        { id: 'x', type: 'ImageInput', params: { height: 16, width: 16, channels: 1 } },
        { id: 'unet', type: 'UNet2D', params: { depth: 2, baseFilters: 4 } },
      ],
      links: [{ from: { block: 'x', port: 'out' }, to: { block: 'unet', port: 'in' } }],
    }).document!;
    const r = inlineComposite(doc, 'unet', REGISTRY);
    if ('error' in r) throw new Error(r.error);
    const before = compile(doc, REGISTRY);
    const after = compile(r.doc, REGISTRY);
    expect(after.cost.params).toBe(before.cost.params);
    expect(r.doc.blocks.length).toBeGreaterThan(20);
    const head = r.doc.blocks.find((b) => b.id === 'unet_head')!;
    expect(after.outputs[head.id]!.out).toEqual(before.outputs.unet!.out && expect.objectContaining({ shape: [null, 16, 16, 1] }));
  });

  it('refuses a block that is not a composite', () => {
    expect(inlineComposite(template(), 'conv1', REGISTRY)).toEqual({ error: 'Conv 2D is not a composite block.' });
  });
});
