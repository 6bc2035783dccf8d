import { describe, expect, it } from 'vitest';
import { sampleBrainAge } from '../../src/data/synthetic/brain-age';
import SampleBrainAge from './SampleBrainAge';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('SampleBrainAge', () => {
  it.each([
    [{}, [32, 32, 32, 1], 300],
    [{ count: 5, size: 16 }, [16, 16, 16, 1], 5],
  ])('infers %j', (params, image, count) => {
    expect(inferOk(SampleBrainAge, params).outputs.data).toMatchObject({ image, label: [1], task: 'regression', labelNames: ['age'], count });
  });
  it.each([
    [{ size: 8 }, 'J102'],
    [{ minAge: 60, maxAge: 40 }, 'J304'],
    [{ colour: 1 }, 'J103'],
  ])('refuses %j', (params, code) => expect(inferCodes(SampleBrainAge, params)).toContain(code));
  it('runs as inferred, with ages in the chosen range', async () => {
    const params = { count: 4, size: 16, minAge: 30, maxAge: 40 };
    const set = await runBlock(SampleBrainAge, params, undefined, 'data', undefined, 4);
    expectAsInferred(set, inferOk(SampleBrainAge, params).outputs.data!);
    expect(set.x).toEqual(sampleBrainAge({ count: 4, size: 16, seed: 4, minAge: 30, maxAge: 40 }).x);
    for (const age of set.y) expect(age >= 30 && age < 40).toBe(true);
  });
});
