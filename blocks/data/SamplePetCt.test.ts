import { describe, expect, it } from 'vitest';
import { samplePetCt } from '../../src/data/synthetic/pet-ct';
import SamplePetCt from './SamplePetCt';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('SamplePetCt', () => {
  it.each([
    [{}, 32, 120],
    [{ count: 3, size: 16 }, 16, 3],
  ])('infers %j', (params, s, count) => {
    expect(inferOk(SamplePetCt, params).outputs.data).toMatchObject({ image: [s, s, s, 2], label: [s, s, s, 1], task: 'segmentation', labelNames: ['lesion'], count });
  });
  it.each([[{ size: 8 }, 'J102'], [{ count: 1 }, 'J102'], [{ extra: 1 }, 'J103']])('refuses %j', (params, code) => expect(inferCodes(SamplePetCt, params)).toContain(code));
  it('runs as inferred, from the pipeline seed unless its own is set', async () => {
    const params = { count: 2, size: 16 };
    const set = await runBlock(SamplePetCt, params, undefined, 'data', undefined, 11);
    expectAsInferred(set, inferOk(SamplePetCt, params).outputs.data!);
    expect(set.x).toEqual(samplePetCt({ count: 2, size: 16, seed: 11 }).x);
    expect((await runBlock(SamplePetCt, { ...params, seed: 5 })).y).toEqual(samplePetCt({ count: 2, size: 16, seed: 5 }).y);
  });
});
