import { describe, expect, it } from 'vitest';
import { sampleShapes } from '../../src/data/sample-shapes';
import Normalize from './Normalize';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('Normalize', () => {
  it.each([{}, { mode: 'zscore' }, { mode: 'scale', scale: 0.001, offset: 1, perChannel: false }])('keeps the shape: %j', (params) => {
    const input = datasetValue({ image: [8, 8, 4], subset: 'train' });
    expect(inferOk(Normalize, params, { data: input }).outputs.data).toEqual(input);
  });

  it.each([
    [{ mode: 'percentile' }, 'J102'],
    [{ scale: Number.POSITIVE_INFINITY }, 'J102'],
    [{ scale: '2' }, 'J102'],
  ])('refuses %j', (params, code) => expect(inferCodes(Normalize, params, { data: datasetValue() })).toContain(code));

  it.each([
    ['minmax', (v: number[]) => Math.min(...v) === 0 && Math.max(...v) === 1],
    ['zscore', (v: number[]) => Math.abs(v.reduce((a, b) => a + b, 0) / v.length) < 1e-5],
  ])('runs %s on every image', async (mode, check) => {
    const set = sampleShapes({ count: 4, size: 8, seed: 1 });
    const out = await runBlock(Normalize, { mode }, set);
    expectAsInferred(out, inferOk(Normalize, { mode }, { data: datasetValue({ image: [8, 8, 1], count: 4 }) }).outputs.data!);
    for (let i = 0; i < 4; i++) expect(check(Array.from(out.x.subarray(i * 64, (i + 1) * 64)))).toBe(true);
  });
});
