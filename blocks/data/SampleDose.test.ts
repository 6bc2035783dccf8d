import { describe, expect, it } from 'vitest';
import { sampleDose } from '../../src/data/synthetic/dose';
import SampleDose from './SampleDose';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('SampleDose', () => {
  it.each([
    [{}, 32, 120],
    [{ count: 3, size: 16 }, 16, 3],
  ])('infers %j', (params, s, count) => {
    expect(inferOk(SampleDose, params).outputs.data).toMatchObject({ image: [s, s, s, 4], label: [s, s, s, 1], task: 'dense-regression', labelNames: ['dose'], count });
  });
  it.each([[{ size: 8 }, 'J102'], [{ count: 1 }, 'J102'], [{ extra: 1 }, 'J103']])('refuses %j', (params, code) => expect(inferCodes(SampleDose, params)).toContain(code));
  it('runs as inferred, from the pipeline seed unless its own is set', async () => {
    const params = { count: 2, size: 16 };
    const set = await runBlock(SampleDose, params, undefined, 'data', undefined, 11);
    expectAsInferred(set, inferOk(SampleDose, params).outputs.data!);
    expect(set.x).toEqual(sampleDose({ count: 2, size: 16, seed: 11 }).x);
    expect((await runBlock(SampleDose, { ...params, seed: 5 })).y).toEqual(sampleDose({ count: 2, size: 16, seed: 5 }).y);
  });
});
