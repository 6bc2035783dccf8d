import { describe, expect, it } from 'vitest';
import { sampleGlioma } from '../../src/data/synthetic/glioma';
import SampleGlioma from './SampleGlioma';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('SampleGlioma', () => {
  it.each([
    [{}, 32, 120],
    [{ count: 3, size: 16 }, 16, 3],
  ])('infers %j', (params, s, count) => {
    expect(inferOk(SampleGlioma, params).outputs.data).toMatchObject({ image: [s, s, s, 4], label: [s, s, s, 4], task: 'segmentation', labelNames: ['background', 'necrosis', 'edema', 'enhancing'], count });
  });
  it.each([[{ size: 8 }, 'J102'], [{ count: 1 }, 'J102'], [{ extra: 1 }, 'J103']])('refuses %j', (params, code) => expect(inferCodes(SampleGlioma, params)).toContain(code));
  it('runs as inferred, from the pipeline seed unless its own is set', async () => {
    const params = { count: 2, size: 16 };
    const set = await runBlock(SampleGlioma, params, undefined, 'data', undefined, 11);
    expectAsInferred(set, inferOk(SampleGlioma, params).outputs.data!);
    expect(set.x).toEqual(sampleGlioma({ count: 2, size: 16, seed: 11 }).x);
    expect((await runBlock(SampleGlioma, { ...params, seed: 5 })).y).toEqual(sampleGlioma({ count: 2, size: 16, seed: 5 }).y);
  });
});
