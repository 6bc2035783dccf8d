import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import type { BlockDef } from '../block';
import { localize } from '../diagnostics';
import { compile } from './compile';

// J304 was once the catch-all for block checks, composites and Jimu's own bugs alike. A block whose check
// throws is a bug in Jimu, not in the pipeline: it has its own code (J309), and says to report it.
describe('a block check that throws', () => {
  it('is reported as J309 (internal error), the rest still checked', () => {
    const dense = REGISTRY.get('Dense')!;
    const broken: BlockDef = { ...dense, infer: () => { throw new Error('boom'); } };
    const registry = new Map(REGISTRY);
    registry.set('Dense', broken);
    const r = compile({
      format: 'jimu.pipeline', version: 1,
      blocks: [{ id: 'x', type: 'VectorInput', params: { features: 4 } }, { id: 'h', type: 'Dense', params: { units: 2 } }],
      links: [{ from: { block: 'x', port: 'out' }, to: { block: 'h', port: 'in' } }],
    }, registry);
    const d = r.diagnostics.find((x) => x.block === 'h')!;
    expect(d.code).toBe('J309');
    expect(d.message).toMatch(/could not check this block \(internal error: boom\)/);
    expect(localize(d, 'zh').hint).toMatch(/报告/);
    expect(r.links[0]).toMatchObject({ kind: 'tensor', shape: [null, 4] });
  });
});
