/**
 * `npm run bench:templates`: trains every medical template in the gallery with `jimu train` (its own
 * epochs, seed and sample data, as a user would), one after the other, and writes
 * bench/templates-results.md: the held-out test score beside the learning target, and the wall
 * time beside the 10-minute budget for 2 CPU cores. Scores are the official ones `jimu evaluate`
 * computes from the predictions and truth files `jimu train` writes for the test split.
 *
 * The references are the targets and the budget, so the ratios read the same on any machine; the
 * seconds per epoch depend on the machine and on what else runs on it (the table says which).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main';

const here = (file: string) => new URL(`../${file}`, import.meta.url).pathname;
const BUDGET_S = 600;

interface Target {
  task: string;
  /** `jimu evaluate`'s task and any further flags. */
  evaluate: string[];
  metric: string;
  /** The score from `jimu evaluate --json`. */
  score: (evaluate: Record<string, unknown>) => number;
  target: number;
  higherIsBetter: boolean;
  unit: string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const get = (o: Record<string, unknown> | null | undefined, ...path: string[]): unknown =>
  path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

const TARGETS: Record<string, Target> = {
  'fundus-screening.pipeline.json': {
    task: 'Fundus multi-disease classification',
    evaluate: ['--task', 'classification'],
    metric: 'mean AUC',
    score: (e) => num(get(e, 'auc_macro')),
    target: 0.9,
    higherIsBetter: true,
    unit: '',
  },
  'brain-age.pipeline.json': {
    task: 'Brain-age regression (3D T1)',
    evaluate: ['--task', 'regression'],
    metric: 'MAE',
    score: (e) => num(get(e, 'mae')),
    target: 5,
    higherIsBetter: false,
    unit: ' years',
  },
  'glioma-segmentation.pipeline.json': {
    task: 'Glioma segmentation (4-modality 3D MRI)',
    evaluate: ['--task', 'segmentation', '--regions', 'brats2021'],
    metric: 'whole-tumour Dice',
    score: (e) => num(get(e, 'dice', 'whole_tumor')),
    target: 0.8,
    higherIsBetter: true,
    unit: '',
  },
  'dose-prediction.pipeline.json': {
    task: 'Radiotherapy dose prediction',
    evaluate: ['--task', 'dose'],
    metric: 'dose score (% of prescription)',
    // Sample doses are fractions of the prescription (1 = 100 %).
    score: (e) => 100 * num(get(e, 'dose_score')),
    target: 10,
    higherIsBetter: false,
    unit: ' %',
  },
  'petct-lesions.pipeline.json': {
    task: 'PET/CT lesion segmentation',
    evaluate: ['--task', 'detection'],
    metric: 'lesion Dice',
    score: (e) => num(get(e, 'dice')),
    target: 0.7,
    higherIsBetter: true,
    unit: '',
  },
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const index = JSON.parse(readFileSync(here('public/templates/index.json'), 'utf8')) as { file: string }[];
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = mkdtempSync(join(tmpdir(), 'jimu-templates-bench-'));
const rows: string[] = [];
try {
  for (const { file } of index) {
    const t = TARGETS[file];
    if (!t || (only.length && !only.some((o) => file.startsWith(o)))) continue;
    const out = join(dir, file.replace('.pipeline.json', ''));
    console.error(`training ${file} …`);
    const started = performance.now();
    const trained = await run(['train', here(`public/templates/${file}`), '--data', dir, '--out', out, '--quiet']);
    const seconds = (performance.now() - started) / 1000;
    if (trained.code !== 0) throw new Error(`${file}: jimu train exited ${trained.code}: ${trained.err}`);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as unknown[];
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { data: { train: number }; predictions: { pred: string; truth: string }[] };
    const written = manifest.predictions[0];
    if (!written) throw new Error(`${file}: jimu train wrote no predictions to score`);
    const e = await run(['evaluate', ...t.evaluate, '--json', join(out, written.pred), join(out, written.truth)]);
    if (e.code !== 0) throw new Error(`${file}: jimu evaluate exited ${e.code}: ${e.err}`);
    const score = t.score(JSON.parse(e.out) as Record<string, unknown>);
    const ratio = t.higherIsBetter ? score / t.target : t.target / score;
    rows.push(
      `| ${t.task} | \`${file}\` | ${t.metric} ${t.higherIsBetter ? '≥' : '≤'} ${t.target}${t.unit} | ${score.toFixed(3)}${t.unit} | ${ratio.toFixed(2)} | ${seconds.toFixed(0)} s | ${(seconds / BUDGET_S).toFixed(2)} | ${history.length} × ${manifest.data.train} | ${(seconds / history.length).toFixed(1)} s |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const md = [
  '## The five task templates with `jimu train`',
  '',
  `Measured by \`bench/templates-bench.ts\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, one template at a time.`,
  'Each template trains on its synthetic sample data exactly as shipped (epochs, seed, split); the score is on the held-out test split,',
  'which training and validation never see. "vs target" above 1 means the target is met (score ÷ target, or target ÷ score where lower is better);',
  '"vs budget" is the wall time (data generation, training, evaluation, writing files) over the 10 minutes allowed on 2 CPU cores.',
  '',
  '| task | template | target | held-out score | vs target | time | vs budget | epochs × training examples | wall time ÷ epochs |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
].join('\n');
if (!only.length) writeFileSync(here('bench/templates-results.md'), md);
console.log(md);
