import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { REGISTRY } from '../../blocks';
import { buildModelCard, compile, diagnostic, formatDiagnostic, hasErrors, modelCardReadme, parseDocument, type DataIO, type DataStep, type ExampleSet, type Plan, type SlidingWindowSettings } from '../core';
import { DataError } from '../data/errors';
import { CaseReadError } from '../data/lazy/case-set';
import { defaultCacheBytes } from '../data/lazy/memory-budget';
import { prepareRun, type PreparedRun, type ReadingOptions } from '../data/prepare-run';
import { scoreTask } from '../metrics/report';
import { exportModel } from '../runtime/export-model';
import { predictSet, type SlidingWindowOptions } from '../runtime/sliding-window';
import { train as trainPlan } from '../runtime/train';
import { tf } from '../runtime/tf';
import { codedErrorOf } from '../worker/failure-code';
import { CodedError } from '../core/diagnostics/coded-error';
import { DiskCaseCache } from './case-cache';
import { UserError } from './errors';
import { diskIO, readText } from './files';
import { nodeMemoryLimits } from './memory-limits';
import { subsetOf, writePredictions, type WrittenPredictions } from './predictions';
import { progressPrinter } from './progress';
import { openRunFolder, type RunFolder } from './run-folder';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Wraps a DataIO so every file a data block reads is hashed into the run manifest. */
function hashingIO(io: DataIO, hashes: Record<string, string>): DataIO {
  return {
    listFiles: (dir) => io.listFiles(dir),
    async readFile(path) {
      const bytes = await io.readFile(path);
      // Cases read on demand are read again each epoch: hash each file once.
      hashes[path] ??= sha256(bytes);
      return bytes;
    },
  };
}

/** Runs a data stream, turning its failures into messages for the user (data failures are already named by stream). */
async function loadData<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DataError || e instanceof CaseReadError) throw new UserError(e.message, e.hint);
    throw new UserError(`Cannot load the ${what} data: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function packageVersions(): Promise<Record<string, string>> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { jimu: pkg.version, ...tf.version, node: process.versions.node };
}

/** The options of `jimu train` (src/cli/main.ts). */
export interface TrainOptions {
  data: string;
  out: string;
  backend?: string;
  quiet?: boolean;
  predictions?: boolean;
  allowOutsideData?: boolean;
  /** auto, on or off: read the cases one at a time (see ReadingOptions). */
  lazy?: string;
  /** MiB for the in-memory cache of prepared cases. */
  cacheMemory?: string;
  /** The disk cache's folder; false: none. */
  cacheDir?: string | false;
}

/** How `jimu train` reads the data: the mode, the memory cache's cap and the disk cache. */
export function readingOptions(opts: TrainOptions, warn: (s: string) => void): ReadingOptions {
  const mode = opts.lazy === undefined || opts.lazy === 'auto' ? 'auto' : opts.lazy === 'on' ? 'always' : opts.lazy === 'off' ? 'never' : null;
  if (!mode) throw new UserError(`Unknown --lazy "${opts.lazy}".`, 'Use --lazy auto, --lazy on or --lazy off.');
  let memoryBytes = defaultCacheBytes(totalmem());
  if (opts.cacheMemory !== undefined) {
    const mib = Number(opts.cacheMemory);
    if (!Number.isFinite(mib) || mib < 1) throw new UserError(`--cache-memory "${opts.cacheMemory}" is not a number of MiB.`, 'For example --cache-memory 2048 for 2 GiB.');
    memoryBytes = Math.floor(mib * 1024 ** 2);
  }
  const folder = opts.cacheDir === false ? null : resolve(opts.cacheDir ?? join(opts.data, '.jimu-cache'));
  const disk = folder ? new DiskCaseCache(folder, (where, reason) => warn(`jimu: warning: ${new CodedError('J741', { folder: where, reason }).message}\n  ${diagnostic('J741', {}).hint}`)) : undefined;
  return { mode, memoryBytes, ...(disk ? { disk } : {}) };
}

/** `jimu train FILE --data DIR --out DIR`. */
export async function train(
  file: string,
  opts: TrainOptions,
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  const text = await readText(file, 'pipeline file');
  // Refuses (J409) a model that cannot fit where it would train, before any data is read.
  const result = compile(text, REGISTRY, { memoryLimits: nodeMemoryLimits(opts.backend) });
  for (const d of result.diagnostics) if (d.severity !== 'info' || !result.plan) io.err(formatDiagnostic(d));
  if (hasErrors(result.diagnostics) || !result.plan) {
    io.err(`jimu: ${file} cannot be trained${hasErrors(result.diagnostics) ? ': fix the errors above first' : ''}.`);
    return 1;
  }
  const plan = result.plan;
  // OUT is held for this run alone from here on; everything is written beside it and moved in at the end.
  const folder = await openRunFolder(opts.out, file);
  if (folder.note) io.err(`jimu: note: ${folder.note}`);
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second Ctrl+C (or SIGTERM) quits at once: nothing of this run is written, OUT stays as it was.
      folder.abandonSync();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    signalled = signal;
    io.err(`\nStopping after this batch (${signal}); the run is written and marked interrupted. Press Ctrl+C again to quit at once without writing it …`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await trainInto(folder, text, file, plan, opts, controller.signal, () => signalled, io);
  } catch (e) {
    await folder.abandon();
    // Memory that ran out mid-run (the estimate let it through) is J601 with what to change, not a crash report.
    const coded = codedErrorOf(e);
    if (coded.code === 'J601') {
      const [message, hint] = formatDiagnostic(diagnostic('J601', coded.args)).split('\n  → ');
      throw new UserError(message!, hint, 1);
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function trainInto(
  folder: RunFolder,
  text: string,
  file: string,
  plan: Plan,
  opts: TrainOptions,
  signal: AbortSignal,
  signalled: () => NodeJS.Signals | undefined,
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  const hashes: Record<string, string> = {};
  const data = hashingIO(diskIO(opts.data, { allowOutside: opts.allowOutsideData }), hashes);
  // The same preparation as the browser's training worker (src/data/prepare-run.ts).
  const reading = readingOptions(opts, io.err);
  const prepared = await loadData('training', () => prepareRun(plan, REGISTRY, data, reading));
  if (prepared.reading.lazy) io.err(`jimu: reading ${trainSetSize(prepared.train.n)} on demand (${prepared.reading.reason}); memory cache ${(reading.memoryBytes / 1024 ** 2).toFixed(0)} MiB${reading.disk ? `, disk cache ${(reading.disk as DiskCaseCache).folder}` : ''}.`);
  const trainSet = prepared.train;
  const validationPlan = plan.data.validation;
  const validation = prepared.validation ?? undefined;
  for (const w of prepared.warnings) io.err(`jimu: warning: ${w.message}\n  ${w.hint}`);

  const started = new Date();
  const write = (s: string) => process.stderr.write(s);
  const forEpoch = prepared.trainForEpoch;
  const trainForEpoch = forEpoch ? (epoch: number) => loadData(`epoch ${epoch} training`, () => forEpoch(epoch)) : undefined;
  const run = await trainPlan(plan, { train: trainSet, ...(validation ? { validation } : {}), ...(trainForEpoch ? { trainForEpoch } : {}) }, {
    signal,
    ...(opts.backend ? { backend: opts.backend } : {}),
    ...(opts.quiet ? {} : { onEvent: progressPrinter(write, !!process.stderr.isTTY) }),
  });
  const staging = folder.staging;

  // Score every Evaluate block's data with the task's metrics, and write its predictions and reference in the
  // files `jimu evaluate` reads; a pipeline without Evaluate gets the validation set's instead.
  const evaluations: Record<string, unknown> = {};
  const scored: { name: string; split: string; set: ExampleSet; pred: Float32Array; steps: DataStep[]; threshold: number }[] = [];
  // After a case failed to read, the model is written as it was but not scored (the data is not whole).
  const dataFailed = run.stoppedBecause === 'data';
  for (const [i, ev] of (dataFailed ? [] : plan.evaluations).entries()) {
    const set = await loadData(`evaluation (${ev.block})`, () => prepared.evaluations[i]!.load());
    // Whole volumes larger than the patches the model was trained on are predicted window by window.
    const pred = await predictSet(run.model, set, plan.training.batchSize, slidingOptions(plan, ev.slidingWindow));
    evaluations[ev.block] = scoreTask({ task: set.task, truth: set.y, pred: pred.values, n: set.n, labelShape: set.labelShape, labelNames: set.labelNames, threshold: ev.threshold });
    scored.push({ name: ev.block, split: subsetOf(ev.data.steps, 'test'), set, pred: pred.values, steps: ev.data.steps, threshold: ev.threshold });
  }
  let validationScores: Record<string, unknown> | undefined;
  const wantPredictions = opts.predictions !== false && run.stoppedBecause !== 'nan' && !dataFailed;
  if (!scored.length && validation?.n && validationPlan && run.stoppedBecause !== 'nan' && !dataFailed) {
    const pred = await predictSet(run.model, validation, plan.training.batchSize, slidingOptions(plan));
    validationScores = scoreTask({ task: validation.task, truth: validation.y, pred: pred.values, n: validation.n, labelShape: validation.labelShape, labelNames: validation.labelNames });
    scored.push({ name: 'validation', split: 'validation', set: validation, pred: pred.values, steps: validationPlan.steps, threshold: 0.5 });
  }
  const predictions: WrittenPredictions[] = [];
  const predictionProblems: string[] = [];
  if (wantPredictions) {
    for (const s of scored) {
      try {
        predictions.push(await writePredictions(staging, s.name, s.split, s.set, s.pred, s.steps, s.threshold, opts.out));
      } catch (e) {
        predictionProblems.push(`jimu: warning: no predictions written for ${s.name}: ${e instanceof Error ? e.message : String(e)}.`);
      }
    }
  }

  const files = await exportModel(run.model);
  await writeFile(join(staging, 'model.json'), JSON.stringify(files.modelJson));
  await writeFile(join(staging, files.weightsFile), files.weights);
  await writeFile(join(staging, 'history.json'), `${JSON.stringify(run.history, null, 2)}\n`);
  const last = run.history.at(-1)?.logs ?? {};
  const best = run.bestEpoch ? run.history[run.bestEpoch - 1]?.logs : undefined;
  const metrics = { stoppedBecause: run.stoppedBecause, bestEpoch: run.bestEpoch, final: last, best: best ?? null, evaluations, ...(validationScores ? { validation: validationScores } : {}) };
  await writeFile(join(staging, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  const manifest = {
    format: 'jimu.run',
    version: 1,
    pipeline: { file, name: plan.name, sha256: sha256(text) },
    seed: plan.seed,
    backend: { name: run.backend, reason: run.backendReason, kernels: run.kernels },
    started: started.toISOString(),
    finished: new Date().toISOString(),
    // "interrupted": stopped by Ctrl+C or SIGTERM, so the model is what training had reached by then.
    status: run.stoppedBecause === 'aborted' ? 'interrupted' : run.stoppedBecause === 'nan' || dataFailed ? 'failed' : 'finished',
    ...(run.failure ? { failure: run.failure } : {}),
    ...(signalled() ? { signal: signalled() } : {}),
    stoppedBecause: run.stoppedBecause,
    message: run.message ?? null,
    versions: await packageVersions(),
    data: { folder: opts.data, files: hashes, train: trainSet.n, validation: validation?.n ?? 0, reading: readingSummary(prepared.reading) },
    outputs: ['model.json', files.weightsFile, 'history.json', 'metrics.json', ...(predictions.length ? ['predictions/', 'truth/'] : [])],
    predictions,
  };
  // The model card (what the model is for, expects and scored; not a medical device), as the app's download has it.
  const doc = parseDocument(text).document;
  if (doc) {
    const card = buildModelCard({ doc, plan, registry: REGISTRY, finished: manifest.finished, backend: run.backend, stoppedBecause: run.stoppedBecause, bestEpoch: run.bestEpoch, epochsRun: run.history.length, counts: { train: trainSet.n, validation: validation?.n ?? 0 }, evaluations: evaluations as Record<string, Record<string, unknown>> });
    await writeFile(join(staging, 'model-card.json'), `${JSON.stringify(card, null, 2)}\n`);
    await writeFile(join(staging, 'README.md'), modelCardReadme(card));
    await writeFile(join(staging, 'pipeline.json'), text);
    manifest.outputs.push('model-card.json', 'README.md', 'pipeline.json');
  }
  await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run.model.dispose();
  await folder.finish();

  for (const [block, m] of Object.entries(evaluations)) io.out(`${block}: ${summary(m as Record<string, unknown>)}`);
  if (validationScores) io.out(`validation: ${summary(validationScores)}`);
  io.out(`Wrote the trained model and reports to ${opts.out}.`);
  for (const p of predictions) {
    const what = p.split === 'validation' && !plan.evaluations.length ? 'validation-set (the pipeline has no Evaluate block)' : `${p.split}-set (Evaluate block "${p.set}")`;
    io.out(`Wrote ${what} predictions for ${p.cases.length} case(s) to ${join(opts.out, p.pred)}, the reference to ${join(opts.out, p.truth)}; score them with:\n  ${p.command}${p.detectionCommand ? `\n  ${p.detectionCommand}   (lesion-wise, autoPET)` : ''}`);
  }
  for (const w of predictionProblems) io.err(w);
  if (run.stoppedBecause === 'nan') return 1;
  if (dataFailed) {
    io.err(`jimu: ${run.message ?? 'a case could not be read'}\n  The model trained until then is in ${opts.out}; manifest.json says the run failed (${run.failure?.code ?? 'J740'}).`);
    return 1;
  }
  if (run.stoppedBecause === 'aborted') {
    io.err(`jimu: the run was interrupted (${signalled() ?? 'stopped'}); ${opts.out}/manifest.json says so.`);
    return signalled() === 'SIGTERM' ? 143 : 130;
  }
  return 0;
}

const trainSetSize = (n: number) => `${n} training example${n === 1 ? '' : 's'}`;

/** How the run read its data, for manifest.json: whole, or case by case with what the caches did. */
function readingSummary(r: PreparedRun['reading']): Record<string, unknown> {
  if (!r.lazy) return { lazy: false, reason: r.reason };
  const m = r.caches.memory;
  return { lazy: true, reason: r.reason, decodedBytes: r.decodedBytes, memoryCacheBytes: m.capBytes, memoryCachePeakBytes: m.peakBytes, memoryCacheHits: m.hits, memoryCacheMisses: m.misses, casesPrepared: r.caches.counts.reads, diskCacheHits: r.caches.counts.diskHits, diskCacheWrites: r.caches.counts.diskWrites };
}

/** The Evaluate block's window settings, with what one window costs on the backend (the plan's activations per example). */
function slidingOptions(plan: Plan, settings?: Partial<SlidingWindowSettings>): SlidingWindowOptions {
  return { ...(settings ?? {}), ...(plan.cost.activations > 0 ? { bytesPerWindow: plan.cost.activations * 4 } : {}) };
}

function summary(m: Record<string, unknown>): string {
  if (m.empty === true) return 'no examples reached it, so there is no score (metrics are null)';
  return ['accuracy', 'auc', 'auc_macro', 'odir_score', 'mae', 'dose_score', 'dice_mean']
    .filter((k) => typeof m[k] === 'number')
    .map((k) => `${k} ${(m[k] as number).toFixed(3)}`)
    .join(', ');
}
