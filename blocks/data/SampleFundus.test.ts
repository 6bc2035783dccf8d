import { describe, expect, it } from 'vitest';
import { sampleFundus } from '../../src/data/synthetic/fundus';
import SampleFundus from './SampleFundus';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('SampleFundus', () => {
  it.each([
    [{}, [64, 64, 3], 600],
    [{ count: 10, size: 32 }, [32, 32, 3], 10],
  ])('infers %j', (params, image, count) => {
    expect(inferOk(SampleFundus, params).outputs.data).toMatchObject({ image, label: [6], task: 'multilabel', count, labelNames: ['normal', 'diabetic_retinopathy', 'glaucoma', 'cataract', 'amd', 'myopia'] });
  });
  it.each([[{ count: 1 }], [{ size: 16 }], [{ prevalence: 1 }], [{ seed: -1 }]])('refuses %j', (params) => expect(inferCodes(SampleFundus, params)).toContain('J102'));
  it('runs as inferred, from the pipeline seed unless its own is set, without its drawing notes', async () => {
    const params = { count: 4, size: 32 };
    const set = await runBlock(SampleFundus, params, undefined, 'data', undefined, 9);
    expectAsInferred(set, inferOk(SampleFundus, params).outputs.data!);
    expect(set.x).toEqual(sampleFundus({ count: 4, size: 32, seed: 9 }).x);
    expect('signs' in set).toBe(false);
    expect((await runBlock(SampleFundus, { ...params, seed: 2 })).x).toEqual(sampleFundus({ count: 4, size: 32, seed: 2 }).x);
  });
});
