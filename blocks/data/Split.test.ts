import { describe, expect, it } from 'vitest';
import { sampleShapes } from '../../src/data/sample-shapes';
import Split from './Split';
import { datasetValue, expectAsInferred, inferCodes, inferOk, runBlock } from './testing';

describe('Split: inference', () => {
  it('gives three datasets of the input shape, each marked with its subset', () => {
    const data = datasetValue({ count: 100 });
    const { outputs } = inferOk(Split, {}, { data });
    for (const subset of ['train', 'validation', 'test'] as const) {
      expect(outputs[subset]).toEqual({ ...data, subset, count: null });
    }
  });

  it('knows a subset with fraction 0 is empty', () => {
    expect(inferOk(Split, { train: 0.8, validation: 0.2, test: 0 }, { data: datasetValue() }).outputs.test!.count).toBe(0);
  });

  it.each([
    [{ train: 0.7, validation: 0.2, test: 0.2 }, 'J304'],
    [{ train: 0, validation: 0.5, test: 0.5 }, 'J304'],
    [{ train: 1.5 }, 'J102'],
    [{ stratify: 'yes' }, 'J102'],
    [{ fractions: [0.7, 0.3] }, 'J103'],
  ])('refuses %j', (params, code) => expect(inferCodes(Split, params, { data: datasetValue() })).toContain(code));
});

describe('Split: run', () => {
  const set = sampleShapes({ count: 40, size: 8, seed: 2 });
  const params = { train: 0.5, validation: 0.25, test: 0.25 };

  it('deals each example to exactly one output, in class proportions, the same way on every run', async () => {
    const inferred = inferOk(Split, params, { data: datasetValue({ image: [8, 8, 1], count: 40 }) }).outputs;
    const parts: Record<string, string[]> = {};
    for (const output of ['train', 'validation', 'test']) {
      const part = await runBlock(Split, params, set, output, undefined, 5);
      expectAsInferred(part, inferred[output]!);
      expect((await runBlock(Split, params, set, output, undefined, 5)).ids).toEqual(part.ids);
      parts[output] = part.ids;
      const rings = Array.from({ length: part.n }, (_, i) => part.y[2 * i + 1]!).reduce((a, b) => a + b, 0);
      expect(rings).toBe(part.n / 2);
    }
    expect([parts.train!.length, parts.validation!.length, parts.test!.length]).toEqual([20, 10, 10]);
    expect(new Set([...parts.train!, ...parts.validation!, ...parts.test!]).size).toBe(40);
  });

  it('uses its own seed when set, else the one it is given', async () => {
    const a = await runBlock(Split, params, set, 'test', undefined, 5);
    const b = await runBlock(Split, params, set, 'test', undefined, 6);
    const c = await runBlock(Split, { ...params, seed: 11 }, set, 'test', undefined, 5);
    const d = await runBlock(Split, { ...params, seed: 11 }, set, 'test', undefined, 6);
    expect(a.ids).not.toEqual(b.ids);
    expect(c.ids).toEqual(d.ids);
  });
});
