import { describe, expect, it } from 'vitest';
import type { PortValue } from '../core';
import { emptyDocument } from '../store/edits';
import { fileNameFor } from './files';
import { compactBytes, compactNumber, describeValue } from './format';

describe('formatting for the canvas', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1280, '1.28 k'],
    [197_000, '197 k'],
    [12_345_678, '12.3 M'],
    [2e9, '2.00 G'],
  ])('writes %d as %s', (n, text) => {
    expect(compactNumber(n)).toBe(text);
  });

  it.each([
    [512, '512 B'],
    [4096, '4.0 KiB'],
    [48 * 1024 * 1024, '48 MiB'],
  ])('writes %d bytes as %s', (n, text) => {
    expect(compactBytes(n)).toBe(text);
  });

  it.each<[string, PortValue | null, string]>([
    ['a tensor', { kind: 'tensor', shape: [null, 64, 64, 3] }, '[batch, 64, 64, 3]'],
    ['a dataset', { kind: 'dataset', image: [32, 32, 1], label: [2], task: 'multiclass', labelNames: [], count: null, steps: [] }, '[batch, 32, 32, 1] → [batch, 2]'],
    ['an optimizer', { kind: 'optimizer', spec: { type: 'Adam', params: {}, block: 'a' } }, 'Adam'],
    ['nothing', null, ''],
  ])('describes %s', (_name, v, text) => {
    expect(describeValue(v)).toBe(text);
  });
});

describe('file names', () => {
  it.each([
    ['Untitled pipeline', 'Untitled-pipeline.pipeline.json'],
    ['眼底 筛查/v2', '眼底-筛查-v2.pipeline.json'],
    ['../../etc', 'etc.pipeline.json'],
    ['   ', 'pipeline.pipeline.json'],
  ])('%s → %s', (name, file) => {
    expect(fileNameFor({ ...emptyDocument(), name })).toBe(file);
  });
});
