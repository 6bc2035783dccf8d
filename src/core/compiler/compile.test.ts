import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { localize } from '../diagnostics';
import { compile } from './compile';

type B = { id: string; type: string; params?: Record<string, unknown> };
const doc = (blocks: B[], links: [string, string][] = []) => ({
  format: 'jimu.pipeline',
  version: 1,
  blocks,
  links: links.map(([from, to]) => {
    const [fb, fp = 'out'] = from.split('.');
    const [tb, tp = 'in'] = to.split('.');
    return { from: { block: fb, port: fp }, to: { block: tb, port: tp } };
  }),
});

const mlp: B[] = [
  { id: 'x', type: 'VectorInput', params: { features: 10 } },
  { id: 'h', type: 'Dense', params: { units: 32, activation: 'relu' } },
  { id: 'y', type: 'Dense', params: { units: 3, activation: 'softmax' } },
];

describe('compile', () => {
  it('infers a shape for every link and counts parameters and multiply-adds', () => {
    const r = compile(doc(mlp, [['x', 'h'], ['h', 'y']]), REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.links).toEqual([
      { kind: 'tensor', shape: [null, 10], source: { block: 'x', port: 'out' } },
      { kind: 'tensor', shape: [null, 32], source: { block: 'h', port: 'out' } },
    ].map(({ source: _s, ...v }) => expect.objectContaining(v)));
    expect(r.cost.blocks.h).toEqual({ params: 10 * 32 + 32, macs: 320, activations: 32 });
    expect(r.cost.blocks.y).toEqual({ params: 32 * 3 + 3, macs: 96, activations: 3 });
  });

  it('says that a pipeline without a Train block has no plan yet', () => {
    const r = compile(doc(mlp, [['x', 'h'], ['h', 'y']]), REGISTRY);
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'J401', severity: 'info' }]);
  });

  it.each([
    ['an unknown block type, with a suggestion', doc([{ id: 'd', type: 'Dens' }]), 'J101', 'd', /Did you mean Dense/],
    ['an unknown parameter', doc([{ id: 'd', type: 'Dense', params: { unit: 3 } }]), 'J103', 'd', /units, activation, useBias/],
    ['a parameter out of range', doc([{ id: 'd', type: 'Dense', params: { units: -1 } }]), 'J102', 'd', /whole number/],
    ['a link to a missing block', doc(mlp, [['x', 'ghost']]), 'J201', undefined, /add the block back/],
    ['a link from an input port', doc(mlp, [['x.nope', 'h']]), 'J202', 'x', /out/],
    ['a missing input', doc(mlp, [['x', 'h']]), 'J204', 'y', /tensor/],
    ['two links into one port', doc(mlp, [['x', 'h'], ['x', 'y'], ['h', 'y']]), 'J205', 'y', /Add or Concatenate/],
    ['the same link twice', doc(mlp, [['x', 'h'], ['x', 'h'], ['h', 'y']]), 'J207', 'h', /Delete one/],
    ['a loop', doc(mlp, [['x', 'h'], ['h', 'y'], ['y', 'h']]), 'J206', undefined, /Remove one of the links/],
    ['a shape that does not fit', doc([{ id: 'i', type: 'ImageInput' }, { id: 'd', type: 'Dense' }], [['i', 'd']]), 'J301', 'd', /Flatten/],
  ])('reports %s', (_name, input, code, block, hint) => {
    const r = compile(input, REGISTRY);
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    if (block) expect(d!.block).toBe(block);
    expect(d!.hint).toMatch(hint);
    expect(r.plan).toBeUndefined();
  });

  it('names the blocks of a loop in order', () => {
    const r = compile(doc(mlp, [['x', 'h'], ['h', 'y'], ['y', 'h']]), REGISTRY);
    expect(r.diagnostics.find((d) => d.code === 'J206')!.message).toMatch(/Dense \(h\) → Dense \(y\) → Dense \(h\)|Dense \(y\) → Dense \(h\) → Dense \(y\)/);
  });

  it('does not repeat an upstream error downstream', () => {
    const r = compile(doc([{ id: 'i', type: 'ImageInput' }, { id: 'd', type: 'Dense' }, { id: 'e', type: 'Dense' }], [['i', 'd'], ['d', 'e']]), REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.block)).toEqual(['d']);
  });

  it('speaks Chinese too', () => {
    const r = compile(doc([{ id: 'i', type: 'ImageInput' }, { id: 'd', type: 'Dense' }], [['i', 'd']]), REGISTRY);
    const d = r.diagnostics.find((x) => x.code === 'J301')!;
    const zh = localize(d, 'zh');
    expect(zh.message).toContain('全连接层');
    expect(zh.hint).toContain('展平');
  });

  it('never throws on garbage', () => {
    for (const input of [null, 42, 'nope', '{', [], { format: 'jimu.pipeline', version: 1, blocks: [{ id: 'a', type: 'Dense', params: [] }] }]) {
      expect(() => compile(input, REGISTRY)).not.toThrow();
      expect(compile(input, REGISTRY).diagnostics.length).toBeGreaterThan(0);
    }
  });
});
