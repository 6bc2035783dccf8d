import type { AnySet, DataIO, ExampleSet, Plan, Registry } from '../core';
import { DataError } from './errors';
import { materialize } from './lazy/case-set';
import { caseCaches, lazyProblem, lazyStream, type CaseCaches } from './lazy/lazy-steps';
import type { PersistentCaseCache } from './lazy/persistent';
import { sharedPatients } from './leakage';
import { epochStream, runSteps } from './run-steps';

/** Something the user should know before trusting a run's scores (in English; the hint says what to do). */
export interface RunDataWarning {
  message: string;
  hint: string;
}

/** One Evaluate block's data, read when the caller wants it (the CLI after training, the worker at once). */
export interface EvaluationData {
  block: string;
  threshold: number;
  load(): Promise<ExampleSet>;
}

/** Everything a training run reads, prepared the same way by `jimu train` and the browser's training worker. */
export interface PreparedRun {
  /** In memory, or (when the data is read case by case) a set of cases read on demand. */
  train: AnySet;
  validation: ExampleSet | null;
  /** Epoch 2, 3 …'s training examples when augmentation is drawn afresh each epoch. */
  trainForEpoch?: (epoch: number) => Promise<AnySet>;
  evaluations: EvaluationData[];
  warnings: RunDataWarning[];
  /** How the training data is read: whole, or case by case through the caches (and why). */
  reading: { lazy: false; reason: string } | { lazy: true; reason: string; caches: CaseCaches; decodedBytes: number };
}

/** Whether to read the data case by case (see `lazyStream`) and with which caches. */
export interface ReadingOptions {
  /** auto: case by case when the source can and its decoded cases would take more than `memoryBytes`. */
  mode: 'auto' | 'always' | 'never';
  /** The in-memory case cache's cap in bytes (see `defaultCacheBytes`). */
  memoryBytes: number;
  disk?: PersistentCaseCache;
}

/**
 * A data failure named by the stream it happened in ("Cannot load the validation data: …"), hint kept.
 * Other failures (out of memory, a bug) pass through unchanged, so their callers can tell them apart.
 */
export async function loadStage<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DataError) throw new DataError(`Cannot load the ${what} data: ${e.message}`, e.hint);
    throw e;
  }
}

/** Patients in both the training and the validation data make validation scores look better than they are. */
export function leakageWarnings(train: Pick<ExampleSet, 'groups'>, validation: Pick<ExampleSet, 'groups'> | null): RunDataWarning[] {
  const leaked = sharedPatients({ training: train, validation: validation ?? undefined });
  if (!leaked.length) return [];
  const ids = `${leaked.slice(0, 5).map((l) => l.patient).join(', ')}${leaked.length > 5 ? ', …' : ''}`;
  return [
    {
      message: `${leaked.length} patient(s) are in both the training and the validation data (${ids}); validation scores will look better than they are.`,
      hint: 'Split the data by patient: use a Split block with a patient column (or manifest patient ids).',
    },
  ];
}

/**
 * Runs the plan's data steps for training: the training stream (up to its first augmentation once;
 * augmentation is drawn afresh each epoch), the validation stream, the patient-leakage check, and how
 * to read every Evaluate block's data. With `reading`, a cohort the source can list case by case is read
 * on demand (training) or one case at a time into memory (validation and evaluation data, which are
 * usually patches or a small share); the examples are the same either way.
 */
export async function prepareRun(plan: Plan, registry: Registry, io: DataIO, reading?: ReadingOptions): Promise<PreparedRun> {
  const lazy = reading && reading.mode !== 'never' ? await loadStage('training', () => openLazy(plan, registry, io, reading)) : null;
  if (lazy && typeof lazy !== 'string') {
    const { stream, caches, decodedBytes } = lazy;
    const readWhole = async (steps: typeof plan.data.train.steps): Promise<ExampleSet> => {
      const s = await lazyStream(steps, registry, io, plan.seed, caches);
      return s ? materialize(s.first) : runSteps(steps, registry, io, plan.seed);
    };
    const validationPlan = plan.data.validation;
    const validation = validationPlan ? await loadStage('validation', () => readWhole(validationPlan.steps)) : null;
    return {
      train: stream.first,
      validation,
      ...(stream.perEpoch ? { trainForEpoch: (epoch: number) => loadStage(`epoch ${epoch} training`, () => stream.forEpoch(epoch)) } : {}),
      evaluations: plan.evaluations.map((ev) => ({ block: ev.block, threshold: ev.threshold, load: () => loadStage(`evaluation (${ev.block})`, () => readWhole(ev.data.steps)) })),
      warnings: leakageWarnings(stream.first, validation),
      reading: { lazy: true, reason: reading!.mode === 'always' ? 'asked for' : `the decoded cases (${gib(decodedBytes)}) exceed the memory cache (${gib(reading!.memoryBytes)})`, caches, decodedBytes },
    };
  }
  const stream = await loadStage('training', () => epochStream(plan.data.train.steps, registry, io, plan.seed));
  const train = stream.first;
  const validationPlan = plan.data.validation;
  const validation = validationPlan ? await loadStage('validation', () => runSteps(validationPlan.steps, registry, io, plan.seed)) : null;
  const evaluations = plan.evaluations.map((ev) => ({
    block: ev.block,
    threshold: ev.threshold,
    load: () => loadStage(`evaluation (${ev.block})`, () => runSteps(ev.data.steps, registry, io, plan.seed)),
  }));
  return {
    train,
    validation,
    ...(stream.perEpoch ? { trainForEpoch: (epoch: number) => loadStage(`epoch ${epoch} training`, () => stream.forEpoch(epoch)) } : {}),
    evaluations,
    warnings: leakageWarnings(train, validation),
    reading: { lazy: false, reason: typeof lazy === 'string' ? lazy : 'the data is read whole' },
  };
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/** The lazy training stream, or why the data is read whole. */
async function openLazy(plan: Plan, registry: Registry, io: DataIO, reading: ReadingOptions) {
  const problem = lazyProblem(plan.data.train.steps, registry);
  if (problem) return `read whole: ${problem}`;
  const caches = caseCaches(reading.memoryBytes, reading.disk);
  const stream = await lazyStream(plan.data.train.steps, registry, io, plan.seed, caches);
  if (!stream) return 'read whole: a split keeps class proportions, which needs every label before any case is read';
  // What the whole cohort would take decoded: every case of the source at the size the first one has once prepared.
  const decodedBytes = stream.decodedBytes;
  if (reading.mode === 'auto' && decodedBytes <= reading.memoryBytes) return `read whole: the decoded cases (${gib(decodedBytes)}) fit in the memory cache (${gib(reading.memoryBytes)})`;
  return { stream, caches, decodedBytes };
}
