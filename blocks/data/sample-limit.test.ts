import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../../src/core';
import { runSteps } from '../../src/data/run-steps';
import { REGISTRY } from '../index';
import SampleBrainAge from './SampleBrainAge';
import SampleDose from './SampleDose';
import SampleFundus from './SampleFundus';
import SampleGlioma from './SampleGlioma';
import SamplePetCt from './SamplePetCt';
import SampleShapes from './SampleShapes';

const io = { readFile: () => Promise.reject(new Error('no files')), listFiles: () => Promise.reject(new Error('no files')) };

/** The first `k` examples of a set. */
function head(set: ExampleSet, k: number) {
  const xs = set.x.length / set.n;
  const ys = set.y.length / set.n;
  return { x: set.x.slice(0, k * xs), y: set.y.slice(0, k * ys), ids: set.ids.slice(0, k), groups: set.groups.slice(0, k) };
}

// Small sizes keep this fast; every sample source draws its examples one after another from one seed.
const cases = [
  { block: SampleShapes, params: { count: 12, size: 8, seed: 3 } },
  { block: SampleFundus, params: { count: 12, size: 32, seed: 3, prevalence: 0.3 } },
  { block: SampleBrainAge, params: { count: 12, size: 16, seed: 3, minAge: 20, maxAge: 90 } },
  { block: SampleGlioma, params: { count: 12, size: 16, seed: 3 } },
  { block: SampleDose, params: { count: 12, size: 16, seed: 3 } },
  { block: SamplePetCt, params: { count: 12, size: 16, seed: 3 } },
];

describe('sample sources honour ctx.limit', () => {
  it.each(cases)('$block.type makes only the first examples, the very ones of the full set', async ({ block, params }) => {
    const p = block.params.parse(params);
    const run = block.run as { source: (p: unknown, io: unknown, ctx: { seed: number; limit?: number }) => Promise<ExampleSet> };
    const full = await run.source(p, io, { seed: 1 });
    expect(full.n).toBe(12);
    for (const k of [1, 3]) {
      const some = await run.source(p, io, { seed: 1, limit: k });
      expect(some.n).toBe(k);
      expect({ x: some.x, y: some.y, ids: some.ids, groups: some.groups }).toEqual(head(full, k));
      expect(some.imageShape).toEqual(full.imageShape);
    }
    // A limit above the count makes the whole set.
    expect((await run.source(p, io, { seed: 1, limit: 50 })).n).toBe(12);
  });
});

describe('runSteps with a limit', () => {
  it('passes it to the source only, and the stream then holds those examples', async () => {
    const steps = [
      { block: 'data', type: 'SampleShapes', params: SampleShapes.params.parse({ count: 40, size: 8 }), output: 'data' },
      { block: 'norm', type: 'Normalize', params: REGISTRY.get('Normalize')!.params.parse({ mode: 'minmax' }) as Record<string, unknown>, output: 'data' },
    ];
    const full = await runSteps(steps.slice(0, 1), REGISTRY, io, 42);
    const one = await runSteps(steps.slice(0, 1), REGISTRY, io, 42, { limit: 1 });
    expect(one.n).toBe(1);
    expect(one.x).toEqual(full.x.slice(0, 64));
    expect(one.ids).toEqual(full.ids.slice(0, 1));
    expect((await runSteps(steps, REGISTRY, io, 42, { limit: 2 })).n).toBe(2);
    expect((await runSteps(steps, REGISTRY, io, 42)).n).toBe(40);
  });
});
