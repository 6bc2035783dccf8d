import type { CaseSet, CaseSource, DataIO, DataStep, Example, ExampleSet, Registry } from '../../core';
import { exampleSize } from '../../core';
import { DataError } from '../errors';
import { deriveSeed } from '../random';
import { epochSeed } from '../run-steps';
import { SUBSETS, type Subset } from '../split';
import { CaseReadError, exampleAt, mapCases, metaOf, oneExample, selectCases } from './case-set';
import { ByteLru } from './lru';
import { exampleBytes } from './memory-budget';
import type { PersistentCaseCache } from './persistent';

/** The caches every lazy stream of one run shares (the training and validation streams read the same cases). */
export interface CaseCaches {
  memory: ByteLru<string, Example>;
  disk?: PersistentCaseCache;
  /** Cases served from and written to the disk cache, and cases read from their files. */
  counts: { diskHits: number; diskWrites: number; reads: number };
}

export function caseCaches(capBytes: number, disk?: PersistentCaseCache): CaseCaches {
  return { memory: new ByteLru<string, Example>(capBytes, exampleBytes), ...(disk ? { disk } : {}), counts: { diskHits: 0, diskWrites: 0, reads: 0 } };
}

/** A training stream of cases read on demand: epoch 1's set, and each epoch's when per-epoch steps redraw. */
export interface LazyStream {
  first: CaseSet;
  perEpoch: boolean;
  forEpoch(epoch: number): Promise<CaseSet>;
  /** What every case of the source would take in memory once prepared (the size of the first, times their number). */
  decodedBytes: number;
}

/** A step chooses examples by their labels, which a set read on demand does not know in advance. */
class NeedsWholeSet extends Error {}

type Run = NonNullable<ReturnType<Registry['get']>>['run'];

/** Why a plan's data cannot be read case by case (a step that needs the whole set), or null when it can. */
export function lazyProblem(steps: readonly DataStep[], registry: Registry): string | null {
  if (!steps.length) return 'the stream has no steps';
  for (const [i, step] of steps.entries()) {
    const run: Run | undefined = registry.get(step.type)?.run;
    if (!run) return `${step.type} is not a data block`;
    if (i === 0) {
      if (!('source' in run) || !run.cases) return `${step.type} reads its data whole`;
    } else if (!('transform' in run) || (!run.perCase && !run.select)) {
      return `${step.type} needs the whole set at once`;
    }
  }
  return null;
}

function subsetOf(steps: readonly DataStep[]): Subset | undefined {
  return [...steps].reverse().find((s) => (SUBSETS as readonly string[]).includes(s.output))?.output as Subset | undefined;
}

/**
 * Runs a plan's data steps case by case (see `runSteps` for the same steps on a whole set, which gives
 * the very same examples): the source lists its cases; the steps before the first per-epoch step that
 * transform each case alone (reading, resampling, normalising) run when a case is first needed, and their
 * output is kept in the memory cache (bounded in bytes) and the disk cache (keyed by the files' content
 * and the steps' parameters); splits choose cases from their ids and patients; the remaining steps run
 * per case on each read. Returns null when a step needs the whole set (then read it whole).
 */
export async function lazyStream(steps: readonly DataStep[], registry: Registry, io: DataIO, seed: number, caches: CaseCaches): Promise<LazyStream | null> {
  if (lazyProblem(steps, registry)) return null;
  const subset = subsetOf(steps);
  const runOf = (s: DataStep) => registry.get(s.type)!.run!;
  const sourceStep = steps[0]!;
  const sourceRun = runOf(sourceStep) as Extract<Run, { source: unknown }>;
  const source = await sourceRun.cases!(sourceStep.params as never, io, { seed: deriveSeed(seed, sourceStep.block) });
  if (source.cases.length === 0) throw new DataError(`${sourceStep.block} lists no cases.`, 'Add at least one case to the data.');
  const isPerEpoch = (s: DataStep) => { const r = runOf(s); return 'transform' in r && r.perEpoch === true; };
  const firstRandom = steps.findIndex((s, i) => i > 0 && isPerEpoch(s));
  const end = firstRandom < 0 ? steps.length : firstRandom;
  // The cached prefix: one-to-one per-case steps before the first per-epoch one (splits only choose cases, so they commute with it).
  const prefix: DataStep[] = [];
  for (let i = 1; i < end; i++) {
    const r = runOf(steps[i]!) as Extract<Run, { transform: unknown }>;
    if (r.select) continue;
    if (r.perCase!(steps[i]!.params as never) !== 1) break;
    prefix.push(steps[i]!);
  }
  const ctxOf = (s: DataStep, epoch?: number) => {
    const stepSeed = deriveSeed(seed, s.block);
    const perEpoch = isPerEpoch(s) && epoch !== undefined;
    return { seed: perEpoch ? epochSeed(stepSeed, epoch) : stepSeed, output: s.output, ...(subset ? { subset } : {}), ...(perEpoch ? { epoch } : {}) };
  };
  // Names the source and the prefix steps with their parameters (not their block ids: the same data made by another pipeline is the same data).
  const stepsKey = JSON.stringify([sourceStep, ...prefix].map((s) => [s.type, s.params, s.output]));
  const base = await cachedCases(source, prefix, (s) => ctxOf(s), runOf, io, stepsKey, caches);

  const later = steps.slice(1).filter((s) => !prefix.includes(s));
  const build = async (epoch?: number): Promise<CaseSet> => {
    let set: CaseSet = base;
    for (const s of later) {
      const r = runOf(s) as Extract<Run, { transform: unknown }>;
      const ctx = ctxOf(s, epoch);
      if (r.select) {
        const kept = r.select(metaOf(set), s.params as never, ctx);
        if (!kept) throw new NeedsWholeSet();
        set = selectCases(set, kept);
        continue;
      }
      set = await mapStep(set, r.perCase!(s.params as never), (one) => Promise.resolve(r.transform(one, s.params as never, ctx)));
    }
    return set;
  };
  const decodedBytes = base.n * (exampleSize(base.imageShape) + exampleSize(base.labelShape)) * 4;
  const perEpoch = subset === 'train' && firstRandom >= 0;
  let first: CaseSet;
  try {
    first = await build(perEpoch ? 1 : undefined);
  } catch (e) {
    // A split that needs every label (stratified classes): read the set whole instead.
    if (e instanceof NeedsWholeSet) return null;
    throw e;
  }
  if (!perEpoch) return { first, perEpoch: false, forEpoch: () => Promise.resolve(first), decodedBytes };
  return { first, perEpoch: true, forEpoch: (epoch) => (epoch === 1 ? Promise.resolve(first) : build(epoch)), decodedBytes };
}

/** A per-case step over `set`: the output's shapes come from transforming its first case. */
async function mapStep(set: CaseSet, per: number, transform: (one: ExampleSet) => Promise<ExampleSet>): Promise<CaseSet> {
  if (set.n === 0) return set;
  const probe = await transform(oneExample(set, 0, await set.read(0)));
  const { n: _n, ids: _ids, groups: _groups, ...outMeta } = metaOf(probe);
  return mapCases(set, per, outMeta, transform);
}

/** The source's cases with the prefix steps applied, through the memory and disk caches. */
async function cachedCases(
  source: CaseSource,
  prefix: readonly DataStep[],
  ctxOf: (s: DataStep) => { seed: number; output: string; subset?: Subset },
  runOf: (s: DataStep) => Run,
  io: DataIO,
  stepsKey: string,
  caches: CaseCaches,
): Promise<CaseSet> {
  const ids = source.cases.map((c) => c.id);
  const groups = source.cases.map((c) => c.group);
  const pending = new Map<number, Promise<Example>>();
  let shape: { imageShape: number[]; labelShape: number[]; spacing?: number[] } | null = null;

  const prepare = async (index: number, caseIO: DataIO): Promise<ExampleSet> => {
    let set = await source.read(index, caseIO);
    for (const s of prefix) {
      const r = runOf(s) as Extract<Run, { transform: unknown }>;
      set = await r.transform(set, s.params as never, ctxOf(s));
    }
    return set;
  };
  const load = async (index: number): Promise<Example> => {
    const desc = source.cases[index]!;
    let caseIO = io;
    let key: string | null = null;
    if (caches.disk && desc.files && shape) {
      // Read the files once: their bytes give the key, and serve the reader on a miss.
      const files = desc.files;
      const bytes = await Promise.all(files.map((f) => io.readFile(f)));
      key = await caches.disk.keyOf(bytes, stepsKey);
      const hit = await caches.disk.get(key, exampleSize(shape.imageShape), exampleSize(shape.labelShape));
      if (hit) {
        caches.counts.diskHits++;
        return hit;
      }
      const served = new Map(files.map((f, k) => [f, bytes[k]!]));
      caseIO = { listFiles: (dir) => io.listFiles(dir), readFile: (path) => (served.has(path) ? Promise.resolve(served.get(path)!) : io.readFile(path)) };
    }
    const set = await prepare(index, caseIO);
    caches.counts.reads++;
    if (set.n !== 1) throw new Error(`${set.n} examples came from one case`);
    const e = exampleAt(set, 0);
    if (shape && (set.imageShape.join() !== shape.imageShape.join() || set.labelShape.join() !== shape.labelShape.join())) {
      throw new DataError(`it has the size [${set.imageShape.join(', ')}] after preparation, the first case [${shape.imageShape.join(', ')}].`, 'Set a size (and a voxel spacing) in the source so every case is brought to one size.');
    }
    if (key && caches.disk) {
      if (await caches.disk.put(key, e)) caches.counts.diskWrites++;
    }
    return e;
  };
  const read = (index: number): Promise<Example> => {
    const memoryKey = `${stepsKey}#${index}`;
    const kept = caches.memory.get(memoryKey);
    if (kept) return Promise.resolve(kept);
    let p = pending.get(index);
    if (!p) {
      p = load(index).then(
        (e) => {
          caches.memory.set(memoryKey, e);
          pending.delete(index);
          return e;
        },
        (err: unknown) => {
          pending.delete(index);
          throw err instanceof CaseReadError ? err : new CaseReadError(source.cases[index]!.id, err);
        },
      );
      pending.set(index, p);
    }
    return p;
  };
  // The first case tells the shapes (and is then cached like any other).
  const first = await prepare(0, io);
  caches.memory.set(`${stepsKey}#0`, exampleAt(first, 0));
  shape = { imageShape: first.imageShape, labelShape: first.labelShape, ...(first.spacing ? { spacing: first.spacing } : {}) };
  const { n: _n, ids: _i, groups: _g, runs: _r, ...meta } = metaOf(first);
  return { ...meta, lazy: true, n: ids.length, ids, groups, read };
}
