import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNifti } from '../data/nifti/write-nifti';
import classificationRef from '../metrics/fixtures/reference.json';
import volumeRef from '../metrics/fixtures/volume-reference.json';
import { doseScore, scoreDose, type Structure } from '../metrics';
import { main } from './main';

// Files are written from the oracle fixtures (scripts/oracles/*.py), so the CLI's numbers are checked
// against scikit-learn / SciPy values end to end.
type Case = Record<string, unknown> & { name: string; kind: string; shape: number[]; spacing: number[] };
const tables = classificationRef.cases as unknown as Case[];
const volumes = volumeRef.cases as unknown as Case[];
const find = (list: Case[], name: string) => list.find((c) => c.name === name)!;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
async function json(...argv: string[]) {
  const r = await run(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

const dir = mkdtempSync(join(tmpdir(), 'jimu-evaluate-'));
const put = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
};
const csv = (header: string[], rows: (string | number)[][]) => [header.join(','), ...rows.map((r) => r.join(','))].join('\n');
const close = (a: number, b: number, digits = 9) => expect(a).toBeCloseTo(b, digits);

describe('jimu evaluate --task classification (ODIR-5K, scikit-learn values)', () => {
  const c = find(tables, 'multilabel');
  const labels = ['N', 'D', 'G', 'C', 'A', 'H', 'M', 'O'];
  const y = c.y as number[][];
  const s = c.score as number[][];
  // Predictions in reverse order: rows are matched by id, not by position.
  const truth = put('cls/truth.csv', csv(['id', ...labels], y.map((r, i) => [`p${i}`, ...r])));
  const pred = put('cls/pred.csv', csv(['id', ...labels], s.map((r, i) => [`p${i}`, ...r]).reverse()));
  it('prints κ, micro-F1, AUC, the ODIR score and per-label AUC', async () => {
    const r = await json('evaluate', '--task', 'classification', pred, truth);
    close(r.kappa, c.kappa as number);
    close(r.f1_micro, c.f1_micro as number);
    close(r.auc_flat, c.auc as number);
    close(r.odir_score, c.odir_score as number);
    const perLabel = c.auc_per_label as number[];
    labels.forEach((l, i) => close(r.auc[l], perLabel[i]!));
    close(r.auc_macro, perLabel.reduce((a, b) => a + b, 0) / perLabel.length);
    labels.forEach((l) => {
      const [lo, hi] = r.auc_ci95[l];
      expect(lo).toBeLessThanOrEqual(r.auc[l]);
      expect(hi).toBeGreaterThanOrEqual(r.auc[l]);
    });
    expect(r.n).toBe(60);
  });
  it('prints a readable summary without --json', async () => {
    const r = await run('evaluate', '--task', 'classification', pred, truth);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/odir_score\s+0\.\d+/);
    expect(r.out).toMatch(/auc\.G\s+0\.\d+/);
  });
});

describe('jimu evaluate --task regression (SciPy values)', () => {
  const c = find(tables, 'regression');
  const truth = put('reg/truth.csv', csv(['id', 'value'], (c.truth as number[]).map((v, i) => [`s${i}`, v])));
  const pred = put('reg/pred.csv', csv(['id', 'age'], (c.pred as number[]).map((v, i) => [`s${i}`, v])));
  it('prints MAE, RMSE, Pearson r and the PAC gap–age Spearman ρ', async () => {
    const r = await json('evaluate', '--task', 'regression', pred, truth);
    close(r.mae, c.mae as number);
    close(r.rmse, c.rmse as number);
    close(r.pearson_r, c.pearson_r as number);
    close(r.spearman_gap_age, c.spearman_gap_vs_age as number);
  });
});

describe('jimu evaluate --task segmentation (MedPy HD95 replicated with SciPy)', () => {
  const c = find(volumes, 'brats-regions');
  const nii = (name: string, data: number[]) => put(name, writeNifti(data, c.shape, { spacing: c.spacing, dtype: 'uint8' }));
  const truth = nii('seg/truth/BraTS_001.nii', c.truth as number[]);
  const pred = nii('seg/pred/BraTS_001.nii', c.pred as number[]);
  it('scores one pair of label maps per BraTS region and per label', async () => {
    const r = await json('evaluate', '--task', 'segmentation', pred, truth);
    expect(r.regions).toMatch(/^brats/);
    for (const [k, v] of Object.entries(c.dice as Record<string, number>)) close(r.dice[k], v);
    for (const [k, v] of Object.entries(c.dice_label as Record<string, number>)) close(r.dice[`label_${k}`], v);
    for (const [k, v] of Object.entries(c.hd95 as Record<string, number>)) close(r.hd95[k], v);
  });
  it('matches folders by file name and averages over cases', async () => {
    nii('seg/truth/BraTS_002.nii', c.truth as number[]);
    nii('seg/pred/BraTS_002.nii', c.truth as number[]);
    const r = await json('evaluate', '--task', 'segmentation', join(dir, 'seg/pred'), join(dir, 'seg/truth'));
    expect(r.n).toBe(2);
    close(r.dice.whole_tumor, ((c.dice as Record<string, number>).whole_tumor! + 1) / 2);
    expect(r.per_case.map((p: { case: string }) => p.case)).toEqual(['BraTS_001', 'BraTS_002']);
  });
  it('takes custom regions', async () => {
    const r = await json('evaluate', '--task', 'segmentation', pred, truth, '--regions', 'wt=1+2+4,et=4');
    expect(Object.keys(r.dice)).toEqual(['wt', 'et']);
    close(r.dice.wt, (c.dice as Record<string, number>).whole_tumor!);
  });
});

describe('jimu evaluate --task dose (OpenKBP)', () => {
  const c = find(volumes, 'openkbp');
  const f32 = (a: number[]) => Array.from(Float32Array.from(a));
  const nii = (name: string, data: number[]) => put(name, writeNifti(data, c.shape, { spacing: c.spacing }));
  nii('dose/truth/pt_1/dose.nii', c.truth as number[]);
  nii('dose/truth/pt_1/possible_dose_mask.nii', c.possible_dose_mask as number[]);
  const structures = c.structures as Structure[];
  for (const s of structures) nii(`dose/truth/pt_1/${s.name}.nii`, s.mask as number[]);
  const pred = nii('dose/pred/pt_1.nii', c.pred as number[]);
  it('scores one case: the same numbers as the metric functions, and the oracle within float32 rounding', async () => {
    const r = await json('evaluate', '--task', 'dose', pred, join(dir, 'dose/truth/pt_1'));
    const mask = c.possible_dose_mask as number[];
    const masked = f32(c.pred as number[]).map((v, i) => v * mask[i]!);
    const expected = scoreDose(f32(c.truth as number[]), masked, mask, structures, { shape: c.shape, spacing: c.spacing });
    close(r.dose_score, doseScore(f32(c.truth as number[]), f32(c.pred as number[]), mask));
    close(r.dvh_score, expected.dvh_score);
    close(r.dose_score, c.dose_score as number, 4);
    close(r.dvh_score, c.dvh_score as number, 4);
    expect(Object.keys(r.per_case[0].dvh.PTV70)).toEqual(['D_99', 'D_95', 'D_1']);
    expect(Object.keys(r.per_case[0].dvh.SpinalCord)).toEqual(['D_0.1_cc', 'mean']);
  });
  it('scores a folder of cases against a folder of case folders', async () => {
    const r = await json('evaluate', '--task', 'dose', join(dir, 'dose/pred'), join(dir, 'dose/truth'));
    expect(r.n).toBe(1);
    close(r.dose_score, c.dose_score as number, 4);
  });
});

describe('jimu evaluate --task detection (autoPET, SciPy 18-connected components)', () => {
  const a = find(volumes, 'autopet-a');
  const b = find(volumes, 'autopet-b');
  for (const c of [a, b]) {
    put(`det/truth/${c.name}.nii`, writeNifti(c.truth as number[], c.shape, { spacing: c.spacing, dtype: 'uint8' }));
    put(`det/pred/${c.name}.nii`, writeNifti(c.pred as number[], c.shape, { spacing: c.spacing, dtype: 'uint8' }));
  }
  it('scores each case and averages: Dice, FP and FN volume (mL), lesion-wise counts', async () => {
    const r = await json('evaluate', '--task', 'detection', join(dir, 'det/pred'), join(dir, 'det/truth'));
    const mean = (k: string) => ((a[k] as number) + (b[k] as number)) / 2;
    close(r.dice, mean('dice'));
    close(r.false_positive_volume_ml, mean('false_positive_volume_ml'));
    close(r.false_negative_volume_ml, mean('false_negative_volume_ml'));
    close(r.lesion_sensitivity, ((a.lesions_detected as number) + (b.lesions_detected as number)) / ((a.lesions as number) + (b.lesions as number)));
    close(r.false_positives_per_case, mean('false_positives'));
    close(r.per_case[0].false_positive_volume_ml, a.false_positive_volume_ml as number);
  });
});

describe('jimu evaluate explains bad input in one message', () => {
  const t = put('bad/truth.csv', csv(['id', 'A', 'B'], [['x', 1, 0], ['y', 0, 1]]));
  const small = put('bad/small.nii', writeNifti([0, 1, 0, 1], [2, 2, 1]));
  const big = put('bad/big.nii', writeNifti([0, 1, 0, 1, 0, 0], [3, 2, 1]));
  put('bad/dose/dose-missing.txt', 'nothing here');
  it.each([
    ['an unknown task', ['--task', 'staging', t, t], /Unknown task "staging"/],
    ['mismatched ids', ['--task', 'classification', put('bad/p1.csv', csv(['id', 'A', 'B'], [['x', 0.9, 0.1], ['z', 0.2, 0.8]])), t], /case\(s\) of .* have no prediction.*"y"/s],
    ['a missing column', ['--task', 'classification', put('bad/p2.csv', csv(['id', 'A'], [['x', 0.9], ['y', 0.2]])), t], /lacks the column\(s\) "B"/],
    ['truth that is not 0/1', ['--task', 'classification', t, put('bad/t2.csv', csv(['id', 'A', 'B'], [['x', 0.7, 0], ['y', 0, 1]]))], /must be 0 or 1/],
    ['a non-number', ['--task', 'classification', put('bad/p3.csv', csv(['id', 'A', 'B'], [['x', 'high', 0.1], ['y', 0.2, 0.8]])), t], /"high", not a number/],
    ['no id column', ['--task', 'regression', put('bad/p4.csv', csv(['case', 'value'], [['x', 1]])), t], /first column must be "id"/],
    ['a missing file', ['--task', 'segmentation', join(dir, 'nope.nii'), small], /Cannot find the prediction/],
    ['a shape mismatch', ['--task', 'segmentation', big, small], /is 3×2×1 but .* is 2×2×1.*resample/s],
    ['a file against a folder', ['--task', 'detection', small, join(dir, 'det/truth')], /PRED is a file but TRUTH is a folder/],
    ['a folder missing a case', ['--task', 'detection', join(dir, 'bad'), join(dir, 'det/truth')], /have no prediction.*autopet-a/s],
    ['a dose folder without dose.nii.gz', ['--task', 'dose', small, join(dir, 'bad/dose')], /No reference dose/],
    ['a bad threshold', ['--task', 'classification', t, t, '--threshold', '2'], /--threshold is "2"/],
  ])('%s', async (_name, args, message) => {
    const r = await run('evaluate', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/→/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
