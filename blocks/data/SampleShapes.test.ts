import { describe, expect, it } from 'vitest';
import { sampleShapes } from '../../src/data/sample-shapes';
import SampleShapes from './SampleShapes';
import { expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('SampleShapes', () => {
  it.each([
    { params: {}, image: [32, 32, 1], count: 600 },
    { params: { count: 10, size: 16 }, image: [16, 16, 1], count: 10 },
    { params: { count: 3, size: 8, seed: 5 }, image: [8, 8, 1], count: 3 },
  ])('infers $params', ({ params, image, count }) => {
    const { data } = inferOk(SampleShapes, params).outputs;
    expect(data).toEqual({ kind: 'dataset', image, label: [2], task: 'multiclass', labelNames: ['disc', 'ring'], count, steps: [] });
  });

  it.each([
    [{ count: 1 }, 'J102'],
    [{ size: 4 }, 'J102'],
    [{ size: 16.5 }, 'J102'],
    [{ seed: -1 }, 'J102'],
    [{ colour: true }, 'J103'],
  ])('refuses %j', (params, code) => expect(inferCodes(SampleShapes, params)).toContain(code));

  it('runs as inferred, from the pipeline seed unless its own is set', async () => {
    const params = { count: 6, size: 8 };
    const set = await runBlock(SampleShapes, params, undefined, 'data', undefined, 77);
    expectAsInferred(set, inferOk(SampleShapes, params).outputs.data!);
    expect(set.x).toEqual(sampleShapes({ count: 6, size: 8, seed: 77 }).x);
    const own = await runBlock(SampleShapes, { ...params, seed: 3 }, undefined, 'data', undefined, 77);
    expect(own.x).toEqual(sampleShapes({ count: 6, size: 8, seed: 3 }).x);
  });
});
