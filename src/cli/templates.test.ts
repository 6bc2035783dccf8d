import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

// The medical-task templates train on their synthetic sample data with `jimu train` and must reach the
// issue's learning targets on the held-out test split (never seen in training or validation).
const templates = new URL('../../public/templates/', import.meta.url).pathname;
const index = JSON.parse(readFileSync(join(templates, 'index.json'), 'utf8')) as { file: string; task: string }[];
const dir = mkdtempSync(join(tmpdir(), 'jimu-templates-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('every template in the gallery', () => {
  it.each(index.map((t) => [t.file]))('%s is valid', async (file) => {
    const r = await run('validate', join(templates, file));
    expect(r.code, r.out + r.err).toBe(0);
    const doc = JSON.parse(readFileSync(join(templates, file), 'utf8'));
    // The medical templates describe the clinical task, the blocks and the metric in both languages.
    if (file !== 'sample-shapes.pipeline.json') expect(doc.description).toMatch(/EN: .*中文：/s);
  });
});

type Scores = Record<string, number & Record<string, number>>;
type Check = (e: Scores) => void;
// Each template trains as shipped; `jimu evaluate` then scores the test-split predictions `jimu train`
// wrote, with the challenge metric the issue names (the same files and code a user would run).
// Each row: template, target, the task to score as (null: the one `jimu train` wrote), extra evaluate flags, check.
const TARGETS: [string, string, string | null, string[], Check][] = [
  ['fundus-screening.pipeline.json', 'mean AUC ≥ 0.90', null, [], (e) => expect(e.auc_macro).toBeGreaterThanOrEqual(0.9)],
  ['brain-age.pipeline.json', 'MAE ≤ 5 years', null, [], (e) => expect(e.mae).toBeLessThanOrEqual(5)],
  // BraTS regions from the label map (1 necrosis, 2 edema, 3 enhancing, as BraTS 2021 numbers them).
  ['glioma-segmentation.pipeline.json', 'whole-tumour Dice ≥ 0.80', null, ['--regions', 'brats2021'], (e) => expect(e.dice?.whole_tumor).toBeGreaterThanOrEqual(0.8)],
  // OpenKBP's dose score: the mean absolute error inside the possible-dose mask, in units of the prescription.
  ['dose-prediction.pipeline.json', 'dose score ≤ 10 % of the prescription', null, [], (e) => expect(e.dose_score).toBeLessThanOrEqual(0.1)],
  // autoPET's Dice: foreground Dice averaged over the cases that have lesions.
  ['petct-lesions.pipeline.json', 'lesion Dice ≥ 0.70', 'detection', [], (e) => expect(e.dice).toBeGreaterThanOrEqual(0.7)],
];

describe('medical templates learn their task (jimu train, then jimu evaluate on the held-out test split)', () => {
  it.each(TARGETS)('%s reaches %s', async (file, _target, task, flags, check) => {
    const out = join(dir, file);
    const r = await run('train', join(templates, file), '--data', dir, '--out', out, '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { predictions: { split: string; task: string; pred: string; truth: string }[] };
    const p = manifest.predictions[0]!;
    expect(p.split).toBe('test');
    const e = await run('evaluate', '--task', task ?? p.task, '--json', ...flags, join(out, p.pred), join(out, p.truth));
    expect(e.code, e.err).toBe(0);
    check(JSON.parse(e.out) as Scores);
  });
});
