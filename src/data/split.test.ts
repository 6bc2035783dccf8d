import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../core';
import { DataError } from './errors';
import { classIndices, selectExamples } from './example-set';
import { fractionsProblem, splitExamples, splitIndices, splitSubset, strataOf, SUBSETS, type SplitFractions } from './split';

const F = (train: number, validation: number, test: number): SplitFractions => ({ train, validation, test });

/** A classification set with the given class of each example and optional groups. */
function classSet(classes: number[], groups?: string[], k = 2): ExampleSet {
  const n = classes.length;
  const y = new Float32Array(n * k);
  classes.forEach((c, i) => (y[i * k + c] = 1));
  const ids = classes.map((_, i) => `e${i}`);
  return { x: Float32Array.from(classes.keys()), y, n, imageShape: [1, 1, 1], labelShape: [k], ids, groups: groups ?? ids, labelNames: ['a', 'b', 'c'].slice(0, k), task: 'multiclass' };
}

function expectPartition(parts: Record<string, number[]>, n: number) {
  const all = [...parts.train!, ...parts.validation!, ...parts.test!].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
}

describe('fractionsProblem', () => {
  it.each([
    [F(0.7, 0.15, 0.15), null],
    [F(1, 0, 0), null],
    [F(0.8, 0.2, 0), null],
    [F(0.7, 0.2, 0.2), /add up to 1\.1, not 1/],
    [F(0, 0.5, 0.5), /train fraction is 0/],
    [F(1.2, -0.2, 0), /train fraction is 1\.2/],
    [F(Number.NaN, 0.5, 0.5), /train fraction is NaN/],
  ])('%j → %s', (f, expected) => {
    const p = fractionsProblem(f);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toMatch(expected);
  });
});

describe('splitIndices', () => {
  it.each([
    { name: '100 balanced, 0.6 / 0.2 / 0.2', classes: [50, 50], f: F(0.6, 0.2, 0.2), sizes: [60, 20, 20], perClass: [[30, 10, 10], [30, 10, 10]] },
    { name: '100 balanced, 0.7 / 0.15 / 0.15', classes: [50, 50], f: F(0.7, 0.15, 0.15), sizes: [70, 15, 15], perClass: null },
    { name: '10 of a rare class reach every subset', classes: [90, 10], f: F(0.7, 0.15, 0.15), sizes: [70, 15, 15], perClass: null },
    { name: 'no test set', classes: [20, 20], f: F(0.75, 0.25, 0), sizes: [30, 10, 0], perClass: [[15, 5, 0], [15, 5, 0]] },
    { name: 'all training', classes: [3, 4], f: F(1, 0, 0), sizes: [7, 0, 0], perClass: null },
  ])('$name', ({ classes, f, sizes, perClass }) => {
    const labels = classes.flatMap((count, c) => new Array<number>(count).fill(c));
    const set = classSet(labels);
    const parts = splitIndices({ groups: set.groups, strata: strataOf(set), fractions: f, seed: 1 });
    expectPartition(parts, set.n);
    expect(SUBSETS.map((s) => parts[s].length)).toEqual(sizes);
    if (perClass) {
      for (const c of classes.keys()) expect(SUBSETS.map((s) => parts[s].filter((i) => labels[i] === c).length)).toEqual(perClass[c]);
    }
    for (const s of SUBSETS) if (f[s] > 0) for (const c of classes.keys()) expect(parts[s].some((i) => labels[i] === c)).toBe(true);
    for (const s of SUBSETS) expect(parts[s]).toEqual([...parts[s]].sort((a, b) => a - b));
  });

  it('never puts one patient in two subsets, and keeps roughly the fractions', () => {
    // 60 patients with 1 to 4 images each, classes per patient.
    const groups: string[] = [];
    const labels: number[] = [];
    for (let p = 0; p < 60; p++) {
      for (let k = 0; k <= p % 4; k++) {
        groups.push(`P${p}`);
        labels.push(p % 3 === 0 ? 1 : 0);
      }
    }
    const set = classSet(labels, groups);
    const parts = splitIndices({ groups, strata: strataOf(set), fractions: F(0.6, 0.2, 0.2), seed: 9 });
    expectPartition(parts, set.n);
    const side = new Map<string, string>();
    for (const s of SUBSETS) {
      for (const i of parts[s]) {
        expect(side.get(groups[i]!) ?? s).toBe(s);
        side.set(groups[i]!, s);
      }
      expect(Math.abs(parts[s].length / set.n - F(0.6, 0.2, 0.2)[s])).toBeLessThan(0.05);
    }
  });

  it('is reproducible from the seed and changes with it', () => {
    const set = classSet(Array.from({ length: 40 }, (_, i) => i % 2));
    const run = (seed: number) => splitIndices({ groups: set.groups, strata: strataOf(set), fractions: F(0.5, 0.25, 0.25), seed });
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('does not depend on the order of the examples, only on their groups and seed', () => {
    const groups = Array.from({ length: 30 }, (_, i) => `g${i}`);
    const a = splitIndices({ groups, fractions: F(0.6, 0.2, 0.2), seed: 5 });
    const reversed = [...groups].reverse();
    const b = splitIndices({ groups: reversed, fractions: F(0.6, 0.2, 0.2), seed: 5 });
    for (const s of SUBSETS) expect(new Set(b[s].map((i) => reversed[i]))).toEqual(new Set(a[s].map((i) => groups[i])));
  });

  it('refuses bad fractions with a hint', () => {
    expect(() => splitIndices({ groups: ['a'], fractions: F(0.5, 0.1, 0.1), seed: 1 })).toThrow(DataError);
    expect(() => splitIndices({ groups: ['a'], fractions: F(0.5, 0.1, 0.1), seed: 1 })).toThrow(/add up to 0\.7/);
  });
});

describe('strataOf', () => {
  it('uses the class for classification and nothing for regression', () => {
    expect(strataOf(classSet([0, 1, 1]))).toEqual([0, 1, 1]);
    expect(strataOf({ ...classSet([0, 1]), task: 'regression', labelShape: [1], y: Float32Array.from([3, 4]) })).toBeNull();
  });

  it('uses the rarest finding for multi-label data, so rare findings reach every subset', () => {
    // columns: common, rare; rows: [1,0], [1,1], [0,0]
    const set: ExampleSet = { ...classSet([0, 0, 0]), y: Float32Array.from([1, 0, 1, 1, 0, 0]), task: 'multilabel' };
    expect(strataOf(set)).toEqual([0, 1, -1]);
  });
});

describe('splitExamples and splitSubset', () => {
  const set = classSet(Array.from({ length: 20 }, (_, i) => i % 2));
  it('give the same subsets, with their examples and labels', () => {
    const all = splitExamples(set, F(0.6, 0.2, 0.2), { stratify: true, seed: 2 });
    for (const s of SUBSETS) {
      const one = splitSubset(set, s, F(0.6, 0.2, 0.2), { stratify: true, seed: 2 });
      expect(one.ids).toEqual(all[s].ids);
      expect(one.x).toEqual(all[s].x);
      expect(classIndices(one)).toEqual(one.ids.map((id) => Number(id.slice(1)) % 2));
    }
    expect(all.train.n + all.validation.n + all.test.n).toBe(20);
  });

  it('selectExamples copies rows in the order asked', () => {
    const out = selectExamples(set, [3, 1]);
    expect(Array.from(out.x)).toEqual([3, 1]);
    expect(out.ids).toEqual(['e3', 'e1']);
    expect(Array.from(out.y)).toEqual([0, 1, 0, 1]);
  });
});
