import { exampleSize, type ExampleSet } from '../core';
import { DataError } from './errors';
import { classIndices, selectExamples } from './example-set';
import { createRandom, shuffle } from './random';

export const SUBSETS = ['train', 'validation', 'test'] as const;
export type Subset = (typeof SUBSETS)[number];
export type SplitFractions = Record<Subset, number>;

/** Why fractions cannot split a set (in plain words), or null when they can. */
export function fractionsProblem(f: SplitFractions): string | null {
  for (const s of SUBSETS) {
    if (!Number.isFinite(f[s]) || f[s] < 0 || f[s] > 1) return `the ${s} fraction is ${f[s]}; each fraction is between 0 and 1`;
  }
  if (f.train <= 0) return 'the train fraction is 0; a model needs training data';
  const sum = f.train + f.validation + f.test;
  if (Math.abs(sum - 1) > 1e-6) return `the fractions add up to ${round(sum)}, not 1`;
  return null;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export interface SplitOptions {
  /** The group (patient) of each example: one group never lands in two subsets. */
  groups: readonly string[];
  /** A stratum (class) per example, to keep class proportions in every subset; null: no strata. */
  strata?: readonly (string | number)[] | null;
  fractions: SplitFractions;
  seed: number;
}

/**
 * Seeded train / validation / test indices (each ascending). Whole groups are dealt out: within each
 * stratum, groups are shuffled and each goes to the subset furthest below its share of that stratum
 * (ties go to the subset furthest below its share overall), so class proportions hold in every
 * subset and no patient is on two sides. A group with several classes counts in its most common one.
 */
export function splitIndices({ groups, strata, fractions, seed }: SplitOptions): Record<Subset, number[]> {
  const problem = fractionsProblem(fractions);
  if (problem) throw new DataError(`Cannot split the data: ${problem}.`, 'Set train, validation and test fractions that add up to 1, for example 0.7, 0.15 and 0.15.');
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  // Each group's stratum: its most common one (first seen on ties).
  const byStratum = new Map<string, string[]>();
  for (const [g, idx] of members) {
    let key = '';
    if (strata) {
      const counts = new Map<string, number>();
      let best = -1;
      for (const i of idx) {
        const k = String(strata[i]);
        const c = (counts.get(k) ?? 0) + 1;
        counts.set(k, c);
        if (c > best) {
          best = c;
          key = k;
        }
      }
    }
    const list = byStratum.get(key);
    if (list) list.push(g);
    else byStratum.set(key, [g]);
  }
  const random = createRandom(seed);
  const out: Record<Subset, number[]> = { train: [], validation: [], test: [] };
  const total = { train: 0, validation: 0, test: 0 };
  let dealt = 0;
  // Strata in a fixed order, and groups sorted before the shuffle, so the result depends only on the seed.
  for (const key of [...byStratum.keys()].sort()) {
    const order = shuffle([...byStratum.get(key)!].sort(), random);
    const inStratum = { train: 0, validation: 0, test: 0 };
    let seen = 0;
    for (const g of order) {
      const idx = members.get(g)!;
      seen += idx.length;
      dealt += idx.length;
      let pick: Subset = 'train';
      let bestLocal = -Infinity;
      let bestGlobal = -Infinity;
      for (const s of SUBSETS) {
        if (fractions[s] === 0) continue;
        const local = fractions[s] * seen - inStratum[s];
        const global = fractions[s] * dealt - total[s];
        if (local > bestLocal + 1e-9 || (Math.abs(local - bestLocal) <= 1e-9 && global > bestGlobal)) {
          pick = s;
          bestLocal = local;
          bestGlobal = global;
        }
      }
      inStratum[pick] += idx.length;
      total[pick] += idx.length;
      out[pick].push(...idx);
    }
  }
  for (const s of SUBSETS) out[s].sort((a, b) => a - b);
  return out;
}

/**
 * The stratum of each example when splitting `set`: the class for classification, the rarest label
 * present for multi-label (so rare diseases reach every subset), else null (no stratification).
 */
export function strataOf(set: ExampleSet): (string | number)[] | null {
  const classes = classIndices(set);
  if (classes) return classes;
  if (set.task !== 'multilabel') return null;
  const k = exampleSize(set.labelShape);
  const frequency = new Array<number>(k).fill(0);
  for (let i = 0; i < set.n * k; i++) if (set.y[i]! >= 0.5) frequency[i % k]!++;
  const out: number[] = [];
  for (let i = 0; i < set.n; i++) {
    let rarest = -1;
    for (let j = 0; j < k; j++) if (set.y[i * k + j]! >= 0.5 && (rarest < 0 || frequency[j]! < frequency[rarest]!)) rarest = j;
    out.push(rarest);
  }
  return out;
}

/** Splits a set into the three subsets (see `splitIndices`); stratified by class when asked. */
export function splitExamples(set: ExampleSet, fractions: SplitFractions, options: { stratify: boolean; seed: number }): Record<Subset, ExampleSet> {
  const parts = splitIndices({ groups: set.groups, strata: options.stratify ? strataOf(set) : null, fractions, seed: options.seed });
  return { train: selectExamples(set, parts.train), validation: selectExamples(set, parts.validation), test: selectExamples(set, parts.test) };
}

/** One subset of a split, computed on its own (the train and validation streams run separately). */
export function splitSubset(set: ExampleSet, subset: Subset, fractions: SplitFractions, options: { stratify: boolean; seed: number }): ExampleSet {
  const parts = splitIndices({ groups: set.groups, strata: options.stratify ? strataOf(set) : null, fractions, seed: options.seed });
  return selectExamples(set, parts[subset]);
}

/**
 * The indices of one subset chosen from what a set says about its examples (ids and patients), for data
 * read on demand; null when the split needs the labels (stratified classification), which are not known
 * before the cases are read. Gives the same indices as `splitSubset` on the whole set.
 */
export function splitSelection(meta: Pick<ExampleSet, 'groups' | 'task'>, subset: Subset, fractions: SplitFractions, options: { stratify: boolean; seed: number }): number[] | null {
  const needsLabels = options.stratify && (meta.task === 'multiclass' || meta.task === 'binary' || meta.task === 'multilabel');
  if (needsLabels) return null;
  return splitIndices({ groups: meta.groups, strata: null, fractions, seed: options.seed })[subset];
}
