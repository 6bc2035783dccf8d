import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNifti } from '../data/nifti/read-nifti';
import { main } from './main';

// `jimu train` writes the held-out predictions and their reference in the files `jimu evaluate` reads; scoring
// them with `jimu evaluate` must give the scores `jimu train` reported for the same cases. The templates are
// shrunk (fewer, smaller cases, fewer epochs) so each run takes seconds.
const templates = new URL('../../public/templates/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-predictions-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Doc = { blocks: { id: string; type: string; params?: Record<string, unknown> }[]; links: { from: { block: string }; to: { block: string } }[] };

/** A template with some block parameters changed (and some blocks removed), saved beside the runs. */
function shrink(template: string, params: Record<string, Record<string, unknown>>, drop: string[] = []): string {
  const doc = JSON.parse(readFileSync(join(templates, template), 'utf8')) as Doc;
  for (const b of doc.blocks) if (params[b.id]) b.params = { ...b.params, ...params[b.id] };
  doc.blocks = doc.blocks.filter((b) => !drop.includes(b.id));
  doc.links = doc.links.filter((l) => !drop.includes(l.from.block) && !drop.includes(l.to.block));
  const path = join(dir, `${template.replace('.pipeline.json', '')}-${drop.length ? 'noeval-' : ''}small.pipeline.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const volume = (size: number, count: number, epochs: number) => ({
  data: { count, size },
  input: { depth: size, height: size, width: size },
  train: { epochs, batchSize: 4 },
});

type Scores = Record<string, unknown> & { per_case?: Record<string, unknown>[] };
interface Run {
  metrics: { evaluations: Record<string, Scores>; validation?: Scores };
  manifest: { predictions: { set: string; split: string; task: string; cases: string[]; pred: string; truth: string; command: string; detectionCommand?: string }[]; outputs: string[] };
  out: string;
  stdout: string;
}

async function trainRun(name: string, pipeline: string, ...extra: string[]): Promise<Run> {
  const out = join(dir, name);
  const r = await run('train', pipeline, '--data', dir, '--out', out, '--quiet', ...extra);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return {
    metrics: JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')),
    manifest: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')),
    out,
    stdout: r.out,
  };
}

/** Runs `jimu evaluate --json` on what the run wrote for one set. */
async function evaluateRun(r: Run, task?: string, ...extra: string[]): Promise<Scores> {
  const [p] = r.manifest.predictions;
  expect(p).toBeDefined();
  expect(r.stdout).toContain(p!.command);
  const e = await run('evaluate', '--task', task ?? p!.task, '--json', ...extra, join(r.out, p!.pred), join(r.out, p!.truth));
  expect(e.err).toBe('');
  expect(e.code).toBe(0);
  return JSON.parse(e.out) as Scores;
}

const same = (a: unknown, b: unknown) => {
  expect(typeof a).toBe('number');
  expect(a as number).toBeCloseTo(b as number, 6);
};

describe('jimu train writes test-set predictions that jimu evaluate scores alike', () => {
  it('multi-class classification (sample shapes): the per-class and macro AUC agree, and show learning', async () => {
    const r = await trainRun('shapes', shrink('sample-shapes.pipeline.json', { data: { count: 160, size: 16 }, input: { height: 16, width: 16 }, train: { epochs: 6, batchSize: 16 } }));
    const m = r.metrics.evaluations.evaluate!;
    expect(r.manifest.predictions).toMatchObject([{ set: 'evaluate', split: 'test', task: 'classification', pred: 'predictions/evaluate.csv', truth: 'truth/evaluate.csv' }]);
    expect(r.manifest.predictions[0]!.cases).toHaveLength(m.n as number);
    expect(r.manifest.outputs).toEqual(expect.arrayContaining(['predictions/', 'truth/']));
    expect(r.stdout).toMatch(/Wrote test-set \(Evaluate block "evaluate"\) predictions for \d+ case\(s\)/);
    const e = await evaluateRun(r);
    expect(e.n).toBe(m.n);
    same(e.auc_macro, m.auc_macro);
    for (const [label, auc] of Object.entries(m.auc as Record<string, number>)) same((e.auc as Record<string, number>)[label], auc);
    expect(e.auc_macro as number).toBeGreaterThan(0.7); // chance is 0.5
  });

  it('multi-label classification (fundus): AUC per label and the ODIR κ, micro-F1, flat AUC and score agree, and learn', async () => {
    const r = await trainRun('fundus', shrink('fundus-screening.pipeline.json', { data: { count: 240, size: 32 }, input: { height: 32, width: 32 }, train: { epochs: 8, batchSize: 16 } }));
    const m = r.metrics.evaluations.evaluate!;
    const e = await evaluateRun(r);
    expect(e.n).toBe(m.n);
    for (const k of ['auc_macro', 'kappa', 'f1_micro', 'odir_score']) same(e[k], m[k]);
    same(e.auc_flat, m.auc);
    for (const [label, auc] of Object.entries(m.auc_per_label as Record<string, number>)) same((e.auc as Record<string, number>)[label], auc);
    expect(e.auc_macro as number).toBeGreaterThan(0.6); // chance is 0.5
  });

  it('regression (brain age): MAE, RMSE and Pearson r agree', async () => {
    const r = await trainRun('brain-age', shrink('brain-age.pipeline.json', volume(16, 40, 2)));
    const m = r.metrics.evaluations.evaluate!;
    expect(r.manifest.predictions[0]).toMatchObject({ task: 'regression', pred: 'predictions/evaluate.csv' });
    const e = await evaluateRun(r);
    expect(e.n).toBe(m.n);
    for (const k of ['mae', 'rmse', 'pearson_r']) same(e[k], m[k]);
  });

  it('segmentation (glioma, softmax label maps): Dice per case and label agree', async () => {
    const r = await trainRun('glioma', shrink('glioma-segmentation.pipeline.json', volume(16, 20, 1)));
    const m = r.metrics.evaluations.evaluate!;
    const p = r.manifest.predictions[0]!;
    expect(p).toMatchObject({ task: 'segmentation', pred: 'predictions/evaluate', truth: 'truth/evaluate' });
    expect(existsSync(join(r.out, p.pred, `${p.cases[0]}.nii`))).toBe(true);
    const e = await evaluateRun(r);
    expect(e.n).toBe(m.n);
    sameDicePerCase(m, e, p.cases);
    // The BraTS 2021 regions (1 necrosis, 2 edema, 3 enhancing) are Jimu's glioma labels in channel order.
    const regions = m.dice_regions as Record<string, number>;
    const b = await evaluateRun(r, undefined, '--regions', 'brats2021');
    for (const k of ['whole_tumor', 'tumor_core', 'enhancing_tumor']) same((b.dice as Record<string, number>)[k], regions[k]);
  });

  it('lesion masks (PET/CT, one sigmoid channel): segmentation Dice per case agrees, and learns; detection reads the same folders', async () => {
    const r = await trainRun('petct', shrink('petct-lesions.pipeline.json', volume(16, 30, 8)));
    const m = r.metrics.evaluations.evaluate!;
    const cases = r.manifest.predictions[0]!.cases;
    const e = await evaluateRun(r);
    sameDicePerCase(m, e, cases);
    expect((e.dice as Record<string, number>).label_1).toBeGreaterThan(0.5);
    // autoPET's Dice is undefined for a case without lesions; where defined it is the case's foreground Dice.
    expect(r.stdout).toContain(r.manifest.predictions[0]!.detectionCommand!);
    const d = await evaluateRun(r, 'detection');
    expect(d.n).toBe(m.n);
    const perCase = m.dice_per_case as number[][];
    const withLesions = d.per_case!.filter((c) => Number.isFinite(c.dice));
    expect(withLesions.length).toBeGreaterThan(0);
    for (const c of withLesions) same(c.dice, perCase[cases.indexOf(c.case as string)]![0]);
  });

  it('dose (dense regression): the OpenKBP dose score agrees, and learns; structures come from the input masks', async () => {
    const r = await trainRun('dose', shrink('dose-prediction.pipeline.json', volume(16, 30, 8)));
    const m = r.metrics.evaluations.evaluate!;
    const p = r.manifest.predictions[0]!;
    expect(p).toMatchObject({ task: 'dose', structures: ['ptv', 'spinal_cord', 'parotid'], spacingMm: [4, 4, 4] });
    const e = await evaluateRun(r);
    expect(e.n).toBe(m.n);
    same(e.dose_score, m.dose_score);
    expect(Number.isFinite(e.dvh_score)).toBe(true);
    expect(e.per_case![0]!.possible_dose_mask).toBe('reference dose > 0');
    // Predicting no dose at all would score the mean reference dose inside the body; the model does far better.
    const nothing = p.cases.map((c) => {
      const dose = Array.from(readNifti(readFileSync(join(r.out, p.truth, c, 'dose.nii'))).data).filter((v) => v > 0);
      return dose.reduce((a, b) => a + b, 0) / dose.length;
    });
    expect(e.dose_score as number).toBeLessThan(0.5 * (nothing.reduce((a, b) => a + b, 0) / nothing.length));
  });

  it('without an Evaluate block it writes the validation set, says so, and scores it in metrics.json', async () => {
    const r = await trainRun('shapes-noeval', shrink('sample-shapes.pipeline.json', { data: { count: 60, size: 16 }, input: { height: 16, width: 16 }, train: { epochs: 1, batchSize: 16 } }, ['evaluate']));
    expect(r.metrics.evaluations).toEqual({});
    expect(r.manifest.predictions).toMatchObject([{ set: 'validation', split: 'validation', pred: 'predictions/validation.csv' }]);
    expect(r.stdout).toMatch(/Wrote validation-set \(the pipeline has no Evaluate block\) predictions/);
    const m = r.metrics.validation!;
    const e = await evaluateRun(r);
    expect(e.n).toBe(m.n);
    same(e.auc_macro, m.auc_macro);
  });

  it('--no-predictions writes none', async () => {
    const r = await trainRun('shapes-off', shrink('sample-shapes.pipeline.json', { data: { count: 40, size: 16 }, input: { height: 16, width: 16 }, train: { epochs: 1, batchSize: 16 } }), '--no-predictions');
    expect(r.manifest.predictions).toEqual([]);
    expect(existsSync(join(r.out, 'predictions'))).toBe(false);
    expect(existsSync(join(r.out, 'truth'))).toBe(false);
    expect(r.stdout).not.toMatch(/Wrote .*predictions for/);
  });
});

/**
 * Dice per case and label: evaluate scores the labels present in either map of a case (as label_<k>, k the
 * channel); Jimu's report scores every label and counts two empty masks as 1.
 */
function sameDicePerCase(m: Scores, e: Scores, cases: string[]) {
  const perCase = m.dice_per_case as number[][];
  expect(e.per_case).toHaveLength(perCase.length);
  for (const c of e.per_case!) {
    const row = perCase[cases.indexOf(c.case as string)]!;
    expect(row).toBeDefined();
    const dice = c.dice as Record<string, number>;
    // A single-channel mask is label 1; channel k of a softmax is label k, and row[j] is channel j + 1.
    row.forEach((d, j) => (dice[`label_${j + 1}`] === undefined ? expect(d).toBe(1) : same(dice[`label_${j + 1}`], d)));
  }
}
