import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REGISTRY } from '../../blocks';
import { compile, formatDiagnostic, hasErrors, type DataIO, type DataStep, type ExampleSet } from '../core';
import { epochStream, runSteps } from '../data/run-steps';
import { DataError } from '../data/errors';
import { sharedPatients } from '../data/leakage';
import { scoreTask } from '../metrics/report';
import { exportModel } from '../runtime/export-model';
import { predict } from '../runtime/predict';
import { train as trainPlan } from '../runtime/train';
import { tf } from '../runtime/tf';
import { UserError } from './errors';
import { diskIO, readText } from './files';
import { subsetOf, writePredictions, type WrittenPredictions } from './predictions';
import { progressPrinter } from './progress';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Wraps a DataIO so every file a data block reads is hashed into the run manifest. */
function hashingIO(io: DataIO, hashes: Record<string, string>): DataIO {
  return {
    listFiles: (dir) => io.listFiles(dir),
    async readFile(path) {
      const bytes = await io.readFile(path);
      hashes[path] = sha256(bytes);
      return bytes;
    },
  };
}

/** Runs a data stream, turning its failures into messages for the user. */
async function loadData<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DataError) throw new UserError(`Cannot load the ${what} data: ${e.message}`, e.hint);
    throw new UserError(`Cannot load the ${what} data: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function packageVersions(): Promise<Record<string, string>> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { jimu: pkg.version, ...tf.version, node: process.versions.node };
}

/** `jimu train FILE --data DIR --out DIR`. */
export async function train(
  file: string,
  opts: { data: string; out: string; backend?: string; quiet?: boolean; predictions?: boolean },
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  const text = await readText(file, 'pipeline file');
  const result = compile(text, REGISTRY);
  for (const d of result.diagnostics) if (d.severity !== 'info' || !result.plan) io.err(formatDiagnostic(d));
  if (hasErrors(result.diagnostics) || !result.plan) {
    io.err(`jimu: ${file} cannot be trained${hasErrors(result.diagnostics) ? ': fix the errors above first' : ''}.`);
    return 1;
  }
  const plan = result.plan;
  const hashes: Record<string, string> = {};
  const data = hashingIO(diskIO(opts.data), hashes);
  // The training stream up to its first augmentation is read once; augmentation is drawn afresh each epoch.
  const stream = await loadData('training', () => epochStream(plan.data.train.steps, REGISTRY, data, plan.seed));
  const trainSet = stream.first;
  const validationPlan = plan.data.validation;
  const validation = validationPlan ? await loadData('validation', () => runSteps(validationPlan.steps, REGISTRY, data, plan.seed)) : undefined;
  const leaked = sharedPatients({ training: trainSet, validation });
  if (leaked.length) {
    io.err(`jimu: warning: ${leaked.length} patient(s) are in both the training and the validation data (${leaked.slice(0, 5).map((l) => l.patient).join(', ')}${leaked.length > 5 ? ', …' : ''}); validation scores will look better than they are.`);
    io.err('  Split the data by patient: use a Split block with a patient column (or manifest patient ids).');
  }

  await mkdir(opts.out, { recursive: true });
  const controller = new AbortController();
  const onSigint = () => {
    io.err('\nStopping after this batch (press Ctrl+C again to quit at once) …');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  const started = new Date();
  const write = (s: string) => process.stderr.write(s);
  let run;
  try {
    const trainForEpoch = (epoch: number) => loadData(`epoch ${epoch} training`, () => stream.forEpoch(epoch));
    run = await trainPlan(plan, { train: trainSet, ...(validation ? { validation } : {}), ...(stream.perEpoch ? { trainForEpoch } : {}) }, {
      signal: controller.signal,
      ...(opts.backend ? { backend: opts.backend } : {}),
      ...(opts.quiet ? {} : { onEvent: progressPrinter(write, !!process.stderr.isTTY) }),
    });
  } finally {
    process.off('SIGINT', onSigint);
  }

  // Score every Evaluate block's data with the task's metrics, and write its predictions and reference in the
  // files `jimu evaluate` reads; a pipeline without Evaluate gets the validation set's instead.
  const evaluations: Record<string, unknown> = {};
  const scored: { name: string; split: string; set: ExampleSet; pred: Float32Array; steps: DataStep[]; threshold: number }[] = [];
  for (const ev of plan.evaluations) {
    const set = await loadData(`evaluation (${ev.block})`, () => runSteps(ev.data.steps, REGISTRY, data, plan.seed));
    const pred = await predict(run.model, set, plan.training.batchSize);
    evaluations[ev.block] = scoreTask({ task: set.task, truth: set.y, pred: pred.values, n: set.n, labelShape: set.labelShape, labelNames: set.labelNames, threshold: ev.threshold });
    scored.push({ name: ev.block, split: subsetOf(ev.data.steps, 'test'), set, pred: pred.values, steps: ev.data.steps, threshold: ev.threshold });
  }
  let validationScores: Record<string, unknown> | undefined;
  const wantPredictions = opts.predictions !== false && run.stoppedBecause !== 'nan';
  if (!scored.length && validation?.n && validationPlan && run.stoppedBecause !== 'nan') {
    const pred = await predict(run.model, validation, plan.training.batchSize);
    validationScores = scoreTask({ task: validation.task, truth: validation.y, pred: pred.values, n: validation.n, labelShape: validation.labelShape, labelNames: validation.labelNames });
    scored.push({ name: 'validation', split: 'validation', set: validation, pred: pred.values, steps: validationPlan.steps, threshold: 0.5 });
  }
  const predictions: WrittenPredictions[] = [];
  const predictionProblems: string[] = [];
  if (wantPredictions) {
    for (const s of scored) {
      try {
        predictions.push(await writePredictions(opts.out, s.name, s.split, s.set, s.pred, s.steps, s.threshold));
      } catch (e) {
        predictionProblems.push(`jimu: warning: no predictions written for ${s.name}: ${e instanceof Error ? e.message : String(e)}.`);
      }
    }
  }

  const files = await exportModel(run.model);
  await writeFile(join(opts.out, 'model.json'), JSON.stringify(files.modelJson));
  await writeFile(join(opts.out, files.weightsFile), files.weights);
  await writeFile(join(opts.out, 'history.json'), `${JSON.stringify(run.history, null, 2)}\n`);
  const last = run.history.at(-1)?.logs ?? {};
  const best = run.bestEpoch ? run.history[run.bestEpoch - 1]?.logs : undefined;
  const metrics = { stoppedBecause: run.stoppedBecause, bestEpoch: run.bestEpoch, final: last, best: best ?? null, evaluations, ...(validationScores ? { validation: validationScores } : {}) };
  await writeFile(join(opts.out, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  const manifest = {
    format: 'jimu.run',
    version: 1,
    pipeline: { file, name: plan.name, sha256: sha256(text) },
    seed: plan.seed,
    backend: { name: run.backend, reason: run.backendReason, kernels: run.kernels },
    started: started.toISOString(),
    finished: new Date().toISOString(),
    stoppedBecause: run.stoppedBecause,
    message: run.message ?? null,
    versions: await packageVersions(),
    data: { folder: opts.data, files: hashes, train: trainSet.n, validation: validation?.n ?? 0 },
    outputs: ['model.json', files.weightsFile, 'history.json', 'metrics.json', ...(predictions.length ? ['predictions/', 'truth/'] : [])],
    predictions,
  };
  await writeFile(join(opts.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run.model.dispose();

  for (const [block, m] of Object.entries(evaluations)) io.out(`${block}: ${summary(m as Record<string, unknown>)}`);
  if (validationScores) io.out(`validation: ${summary(validationScores)}`);
  io.out(`Wrote the trained model and reports to ${opts.out}.`);
  for (const p of predictions) {
    const what = p.split === 'validation' && !plan.evaluations.length ? 'validation-set (the pipeline has no Evaluate block)' : `${p.split}-set (Evaluate block "${p.set}")`;
    io.out(`Wrote ${what} predictions for ${p.cases.length} case(s) to ${join(opts.out, p.pred)}, the reference to ${join(opts.out, p.truth)}; score them with:\n  ${p.command}${p.detectionCommand ? `\n  ${p.detectionCommand}   (lesion-wise, autoPET)` : ''}`);
  }
  for (const w of predictionProblems) io.err(w);
  if (run.stoppedBecause === 'nan') return 1;
  return run.stoppedBecause === 'aborted' ? 130 : 0;
}

function summary(m: Record<string, unknown>): string {
  return ['accuracy', 'auc', 'auc_macro', 'odir_score', 'mae', 'dose_score', 'dice_mean']
    .filter((k) => typeof m[k] === 'number')
    .map((k) => `${k} ${(m[k] as number).toFixed(3)}`)
    .join(', ');
}
