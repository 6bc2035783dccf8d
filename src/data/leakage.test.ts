import { describe, expect, it } from 'vitest';
import type { DataStep } from '../core';
import { sharedPatients, streamsShareData } from './leakage';

const step = (block: string, output = 'data'): DataStep => ({ block, type: 'X', params: {}, output });

describe('patient leakage', () => {
  it.each([
    [{ train: ['a', 'b', 'b'], validation: ['c'], test: ['d'] }, []],
    [{ train: ['a', 'b'], validation: ['b', 'c'], test: ['c', 'a'] }, [{ patient: 'a', subsets: ['train', 'test'] }, { patient: 'b', subsets: ['train', 'validation'] }, { patient: 'c', subsets: ['validation', 'test'] }]],
  ])('finds the patients in two subsets: %j', (groups, want) => {
    expect(sharedPatients(Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, { groups: g }])))).toEqual(want);
  });

  it.each([
    ['a split to two outputs', [step('src'), step('split', 'train')], [step('src'), step('split', 'validation')], false],
    ['the same output twice', [step('src'), step('split', 'train')], [step('src'), step('split', 'train')], true],
    ['one stream, no split', [step('src'), step('norm')], [step('src')], true],
    ['two sources', [step('a')], [step('b')], false],
    ['transforms after the split', [step('src'), step('split', 'train'), step('aug')], [step('src'), step('split', 'validation'), step('norm')], false],
  ])('streams from %s share data: %s', (_, a, b, want) => expect(streamsShareData(a, b)).toBe(want));
});

describe('the Train block warns of leakage before any file is read', () => {
  it.each([
    ['validation', []],
    ['train', ['J406']],
  ])('validation from the split output "%s" gives %j', async (port, codes) => {
    const { readFileSync } = await import('node:fs');
    const { compile } = await import('../core');
    const { REGISTRY } = await import('../../blocks');
    const doc = JSON.parse(readFileSync(new URL('../../public/templates/brain-age.pipeline.json', import.meta.url), 'utf8')) as { links: { from: { port: string }; to: { block: string; port: string } }[] };
    for (const l of doc.links) if (l.to.block === 'train' && l.to.port === 'validation') l.from.port = port;
    const r = compile(doc, REGISTRY);
    expect(r.diagnostics.filter((d) => d.block === 'train' && d.code === 'J406').map((d) => d.code)).toEqual(codes);
  });
});

describe('a split by patient leaves no leakage', () => {
  it.each([1, 2, 3, 4, 5])('seed %d: 40 patients with 1 to 4 scans each, stratified', async (seed) => {
    const { splitExamples } = await import('./split');
    const groups: string[] = [];
    const classes: number[] = [];
    for (let p = 0; p < 40; p++) {
      for (let s = 0; s <= p % 4; s++) {
        groups.push(`P${p}`);
        classes.push(p % 3);
      }
    }
    const n = groups.length;
    const y = new Float32Array(n * 3);
    classes.forEach((c, i) => (y[i * 3 + c] = 1));
    const set = { x: new Float32Array(n), y, n, imageShape: [1, 1, 1, 1], labelShape: [3], ids: groups.map((g, i) => `${g}-${i}`), groups, labelNames: ['a', 'b', 'c'], task: 'multiclass' as const };
    const parts = splitExamples(set, { train: 0.6, validation: 0.2, test: 0.2 }, { stratify: true, seed });
    expect(sharedPatients(parts)).toEqual([]);
    expect(parts.train.n + parts.validation.n + parts.test.n).toBe(n);
  });
});
