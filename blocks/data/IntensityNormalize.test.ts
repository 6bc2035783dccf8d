import { describe, expect, it } from 'vitest';
import { sampleShapes } from '../../src/data/sample-shapes';
import IntensityNormalize from './IntensityNormalize';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('IntensityNormalize', () => {
  it.each([{}, { mode: 'percentile' }, { mode: 'zscore', nonzero: true }])('keeps the shape: %j', (params) => {
    const input = datasetValue({ image: [8, 8, 8, 2] });
    expect(inferOk(IntensityNormalize, params, { data: input }).outputs.data).toEqual(input);
  });
  it.each([
    [{ mode: 'percentile', lower: 99, upper: 1 }, 'J304'],
    [{ upper: 101 }, 'J102'],
    [{ mode: 'minmax' }, 'J102'],
  ])('refuses %j', (params, code) => expect(inferCodes(IntensityNormalize, params, { data: datasetValue() })).toContain(code));
  it.each([
    ['zscore', (v: number[]) => Math.abs(v.reduce((a, b) => a + b, 0) / v.length) < 1e-5],
    ['percentile', (v: number[]) => Math.min(...v) === 0 && Math.max(...v) === 1],
  ])('runs %s on every image', async (mode, check) => {
    const set = sampleShapes({ count: 3, size: 8, seed: 1 });
    const out = await runBlock(IntensityNormalize, { mode, lower: 0, upper: 100 }, set);
    expectAsInferred(out, inferOk(IntensityNormalize, { mode }, { data: datasetValue({ image: [8, 8, 1], count: 3 }) }).outputs.data!);
    for (let i = 0; i < 3; i++) expect(check(Array.from(out.x.subarray(i * 64, (i + 1) * 64)))).toBe(true);
  });
});
