import { describe, expect, it } from 'vitest';
import { BLOCKS, REGISTRY } from '../../blocks';
import type { BlockDef } from './block';
import { migrationProblems, upgradeBlock, upgradeBlocks } from './block-migrations';
import { compile } from './compiler/compile';
import { makeRegistry } from './compiler/registry';
import { localize } from './diagnostics';
import { parseDocument, type BlockInstance, type PipelineDocument } from './document';

// Dense at a made-up version 3: v2 renamed `size` to `units`; v3 spelled the activation "linear"
// where v2 allowed "none".
const dense = REGISTRY.get('Dense')!;
const dense3: BlockDef = {
  ...dense,
  version: 3,
  migrations: [
    {
      to: 2,
      describe: '`size` is now `units`',
      up: ({ size, ...p }) => (size === undefined ? p : { ...p, units: size }),
    },
    {
      to: 3,
      describe: 'activation "none" is now "linear"',
      up: (p) => {
        if (p.activation === 'broken') throw new Error('the activation "broken" has no counterpart');
        return p.activation === 'none' ? { ...p, activation: 'linear' } : p;
      },
    },
  ],
};
const library = makeRegistry([...BLOCKS.filter((b) => b.type !== 'Dense'), dense3]);

const block = (params: Record<string, unknown>, version?: number): BlockInstance => ({ id: 'd', type: 'Dense', params, ...(version ? { version } : {}) });

describe('block parameter migrations', () => {
  it('every block in the library has one unbroken sequence of migrations up to its version', () => {
    expect(BLOCKS.flatMap(migrationProblems)).toEqual([]);
    expect(migrationProblems(dense3)).toEqual([]);
    expect(migrationProblems({ type: 'X', version: 3, migrations: [dense3.migrations![1]!] })).toEqual(['X: migration 1 goes to version 3, expected 2', 'X: version 3 needs 2 migration(s), has 1']);
  });

  it.each([
    ['no version (1): both steps', block({ size: 8, activation: 'none' }), { units: 8, activation: 'linear' }],
    ['version 2: only the second step', block({ units: 8, activation: 'none', size: 99 }, 2), { units: 8, activation: 'linear', size: 99 }],
    ['version 3: nothing to do', block({ units: 8, activation: 'none' }, 3), { units: 8, activation: 'none' }],
  ])('%s', (_name, b, params) => {
    const r = upgradeBlock(b, dense3);
    expect(r.diagnostics).toEqual([]);
    expect(r.block.params).toEqual(params);
    expect(r.block.version).toBe(3);
  });

  it('refuses a block saved by a newer Jimu, and one whose migration fails, leaving each as it was', () => {
    const newer = block({ units: 8 }, 4);
    const a = upgradeBlock(newer, dense3);
    expect(a.block).toBe(newer);
    expect(a.diagnostics.map((d) => [d.code, d.block])).toEqual([['J120', 'd']]);
    expect(a.diagnostics[0]!.message).toMatch(/version 4.*up to version 3/);
    const broken = block({ units: 8, activation: 'broken' }, 2);
    const b = upgradeBlock(broken, dense3);
    expect(b.block).toBe(broken);
    expect(b.diagnostics.map((d) => d.code)).toEqual(['J121']);
    expect(localize(b.diagnostics[0]!, 'zh').message).toContain('无法从版本 2 升级到版本 3');
    expect(b.diagnostics[0]!.message).toContain('has no counterpart');
  });

  it('upgrades the blocks of a document and of its own composites, and returns the same object when nothing changes', () => {
    const doc = parseDocument({
      format: 'jimu.pipeline',
      version: 2,
      blocks: [block({ size: 4 }), { id: 'c', type: 'Mine', params: {} }],
      composites: { Mine: { label: 'Mine', blocks: [{ id: 'inner', type: 'Dense', params: { size: 2 } }], inputs: { in: [{ block: 'inner', port: 'in' }] }, outputs: { out: { block: 'inner', port: 'out' } } } },
    }).document!;
    const r = upgradeBlocks(doc, library);
    expect(r.doc.blocks[0]).toEqual({ id: 'd', type: 'Dense', params: { units: 4 }, version: 3 });
    expect(r.doc.composites.Mine!.blocks[0]).toEqual({ id: 'inner', type: 'Dense', params: { units: 2 }, version: 3 });
    expect(r.doc.blocks[1]).toBe(doc.blocks[1]);
    const again = upgradeBlocks(r.doc, library);
    expect(again.doc).toBe(r.doc);
    // Against the real library (every block at version 1) nothing changes.
    expect(upgradeBlocks(doc, REGISTRY).doc).toBe(doc);
  });

  it('the compiler reads old parameters through the migrations', () => {
    const doc: Record<string, unknown> = {
      format: 'jimu.pipeline',
      version: 2,
      blocks: [
        { id: 'x', type: 'VectorInput', params: { features: 10 } },
        { id: 'd', type: 'Dense', params: { size: 3, activation: 'none' } },
      ],
      links: [{ from: { block: 'x', port: 'out' }, to: { block: 'd', port: 'in' } }],
    };
    const withMigrations = compile(doc, library);
    expect(withMigrations.diagnostics.filter((d) => d.block === 'd' && d.severity === 'error')).toEqual([]);
    expect(withMigrations.links[0]).toMatchObject({ shape: [null, 10] });
    // The same parameters without the migrations are refused: the test above is not vacuous.
    const without = compile(doc, REGISTRY);
    expect(without.diagnostics.filter((d) => d.block === 'd').map((d) => d.code)).toContain('J103');
  });

  it('a document keeps the version a block was saved with', () => {
    const doc = parseDocument({ format: 'jimu.pipeline', version: 2, blocks: [block({ units: 1 }, 7)] }).document as PipelineDocument;
    expect(doc.blocks[0]!.version).toBe(7);
    expect(parseDocument({ format: 'jimu.pipeline', version: 2, blocks: [{ id: 'd', type: 'Dense', params: {}, version: 0 }] }).diagnostics.map((d) => d.code)).toEqual(['J004']);
  });
});
