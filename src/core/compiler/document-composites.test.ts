import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { compile } from './compile';

// A user-made "conv + ReLU + pool" stage with the number of filters exposed, used twice.
const stage = {
  label: 'Conv stage',
  description: 'Convolution, ReLU and 2× pooling.',
  params: { width: { default: 8, targets: [{ block: 'conv', param: 'filters' }], label: 'Filters' } },
  blocks: [
    { id: 'conv', type: 'Conv2D', params: { kernelSize: 3, padding: 'same' } },
    { id: 'relu', type: 'Activation', params: { activation: 'relu' } },
    { id: 'pool', type: 'MaxPooling2D', params: { poolSize: 2 } },
  ],
  links: [
    { from: { block: 'conv', port: 'out' }, to: { block: 'relu', port: 'in' } },
    { from: { block: 'relu', port: 'out' }, to: { block: 'pool', port: 'in' } },
  ],
  inputs: { in: [{ block: 'conv', port: 'in' }] },
  outputs: { out: { block: 'pool', port: 'out' } },
};

const doc = (composites: Record<string, unknown>, secondParams: Record<string, unknown> = { width: 16 }) => ({
  format: 'jimu.pipeline',
  version: 2,
  blocks: [
    { id: 'x', type: 'ImageInput', params: { height: 32, width: 32, channels: 1 } },
    { id: 's1', type: 'ConvStage', params: {} },
    { id: 's2', type: 'ConvStage', params: secondParams },
  ],
  links: [
    { from: { block: 'x', port: 'out' }, to: { block: 's1', port: 'in' } },
    { from: { block: 's1', port: 'out' }, to: { block: 's2', port: 'in' } },
  ],
  composites,
});

describe('composites made in the document', () => {
  it('are used like library blocks, with exposed parameters set per use', () => {
    const r = compile(doc({ ConvStage: stage }), REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.outputs.s1!.out).toMatchObject({ shape: [null, 16, 16, 8] });
    expect(r.outputs.s2!.out).toMatchObject({ shape: [null, 8, 8, 16] });
    expect(r.cost.blocks.s1!.params).toBe(3 * 3 * 1 * 8 + 8);
    expect(r.cost.blocks.s2!.params).toBe(3 * 3 * 8 * 16 + 16);
  });

  it('may use each other', () => {
    const twice = {
      label: 'Two stages',
      blocks: [{ id: 'a', type: 'ConvStage' }, { id: 'b', type: 'ConvStage', params: { width: 4 } }],
      links: [{ from: { block: 'a', port: 'out' }, to: { block: 'b', port: 'in' } }],
      inputs: { in: [{ block: 'a', port: 'in' }] },
      outputs: { out: { block: 'b', port: 'out' } },
    };
    const d = doc({ ConvStage: stage, TwoStages: twice });
    d.blocks[2]!.type = 'TwoStages';
    d.blocks[2]!.params = {};
    const r = compile(d, REGISTRY);
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.outputs.s2!.out).toMatchObject({ shape: [null, 4, 4, 4] });
  });

  it.each([
    ['an unknown inner block', { ...stage, blocks: [{ id: 'conv', type: 'Conv9D' }, ...stage.blocks.slice(1)] }, /unknown type "Conv9D"/, 'composites.ConvStage.blocks[0]'],
    ['a port that is not there', { ...stage, outputs: { out: { block: 'pool', port: 'result' } } }, /"pool.result" is not an output port/, 'composites.ConvStage.outputs.out'],
    ['an exposed parameter that sets nothing', { ...stage, params: { width: { default: 8, targets: [{ block: 'conv', param: 'filterz' }] } } }, /"conv.filterz", which does not exist/, 'composites.ConvStage.params.width.targets[0]'],
  ])('report %s on the definition, and the blocks using it as unknown', (_name, def, message, path) => {
    const r = compile(doc({ ConvStage: def }), REGISTRY);
    const d = r.diagnostics.find((x) => x.code === 'J008')!;
    expect(d.message).toMatch(message);
    expect(d.path).toBe(path);
    expect(r.diagnostics.filter((x) => x.code === 'J101').map((x) => x.block)).toEqual(['s1', 's2']);
  });

  it('may not take a library block\'s name', () => {
    const r = compile(doc({ Conv2D: stage }), REGISTRY);
    expect(r.diagnostics.find((x) => x.code === 'J008')!.hint).toMatch(/MyConv2D/);
  });

  it('check the values given to exposed parameters by their default\'s type', () => {
    const r = compile(doc({ ConvStage: stage }, { width: 'wide' }), REGISTRY);
    expect(r.diagnostics.find((x) => x.code === 'J102')).toMatchObject({ block: 's2' });
  });

  it('report a loop between composites instead of recursing forever', () => {
    const a = { label: 'A', blocks: [{ id: 'b', type: 'B' }], inputs: { in: [{ block: 'b', port: 'in' }] }, outputs: { out: { block: 'b', port: 'out' } } };
    const b = { label: 'B', blocks: [{ id: 'a', type: 'A' }], inputs: { in: [{ block: 'a', port: 'in' }] }, outputs: { out: { block: 'a', port: 'out' } } };
    const r = compile({ format: 'jimu.pipeline', version: 2, blocks: [{ id: 'x', type: 'A' }], composites: { A: a, B: b } }, REGISTRY);
    expect(r.diagnostics.some((x) => x.code === 'J008' && /loop/.test(x.message))).toBe(true);
  });
});
