import { basename, join } from 'node:path';
import { readVolume, type Volume } from '../data/medical';
import { BRATS_2021_REGIONS, BRATS_REGIONS, dice, hd95, labelsPresent, nanMean, regionMask, scoreDetection, scoreDose, type DetectionReport, type RegionMap, type Structure } from '../metrics';
import { UserError } from './errors';
import { asUserError, kindOf, readBytes, walk } from './medical-files';

const NIFTI = /\.nii(\.gz)?$/i;
const stem = (name: string) => basename(name).replace(NIFTI, '');

async function load(path: string): Promise<Volume> {
  try {
    return await readVolume(await readBytes(path));
  } catch (e) {
    throw asUserError(e, path);
  }
}

export interface Pair {
  name: string;
  pred: string;
  truth: string;
}

/** One case for two files; for two folders, their NIfTI files matched by name (extension aside). */
export async function pairCases(predPath: string, truthPath: string): Promise<Pair[]> {
  const [pk, tk] = [await kindOf(predPath, 'prediction'), await kindOf(truthPath, 'truth')];
  if (pk === 'file' && tk === 'file') return [{ name: stem(truthPath), pred: predPath, truth: truthPath }];
  if (pk !== tk) throw new UserError(`PRED is a ${pk} but TRUTH is a ${tk}.`, 'Give two NIfTI files, or two folders whose NIfTI files have the same names.');
  const list = async (dir: string) => new Map((await walk(dir)).filter((f) => NIFTI.test(f)).map((f) => [stem(f), join(dir, f)]));
  const preds = await list(predPath);
  const truths = await list(truthPath);
  if (!truths.size) throw new UserError(`No NIfTI files (.nii, .nii.gz) in ${truthPath}.`, 'Give a folder of NIfTI files, one per case, or two files.');
  const missing = [...truths.keys()].filter((k) => !preds.has(k));
  if (missing.length) throw new UserError(`${missing.length} case(s) in ${truthPath} have no prediction in ${predPath}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}.`, 'Predictions are matched to truth files by file name: save each prediction under its case\'s name.');
  const extra = [...preds.keys()].filter((k) => !truths.has(k));
  if (extra.length) throw new UserError(`${extra.length} prediction(s) in ${predPath} have no truth file in ${truthPath}: ${extra.slice(0, 5).join(', ')}.`, 'Predictions are matched to truth files by file name.');
  return [...truths.keys()].map((name) => ({ name, pred: preds.get(name)!, truth: truths.get(name)! }));
}

function sameGrid(pred: Volume, truth: Volume, predPath: string, truthPath: string): void {
  if (pred.shape.join('×') !== truth.shape.join('×')) {
    throw new UserError(`${predPath} is ${pred.shape.join('×')} but ${truthPath} is ${truth.shape.join('×')}.`, 'Predictions must be on the truth\'s voxel grid: resample the prediction to the reference image first.');
  }
}

/** `brats`, `brats2021`, `labels` (each label alone) or custom `name=1+2+4,core=1+4`; `auto` picks BraTS by the labels present. */
export function parseRegions(spec: string, present: number[]): { name: string; regions: RegionMap } {
  const perLabel = Object.fromEntries(present.map((l) => [`label_${l}`, [l]]));
  if (spec === 'auto') spec = present.includes(4) ? 'brats' : present.includes(3) && present.every((l) => l <= 3) && present.length > 1 ? 'brats2021' : 'labels';
  if (spec === 'brats') return { name: 'brats (1 necrosis, 2 edema, 4 enhancing)', regions: { ...BRATS_REGIONS, ...perLabel } };
  if (spec === 'brats2021') return { name: 'brats2021 (1 necrosis, 2 edema, 3 enhancing)', regions: { ...BRATS_2021_REGIONS, ...perLabel } };
  if (spec === 'labels') return { name: 'labels', regions: perLabel };
  const regions: RegionMap = {};
  for (const part of spec.split(',')) {
    const m = /^\s*([A-Za-z_][\w-]*)\s*=\s*(\d+(?:\+\d+)*)\s*$/.exec(part);
    if (!m) throw new UserError(`Cannot read the region "${part}" of --regions.`, 'Use brats, brats2021, labels, or NAME=LABEL+LABEL,… such as whole=1+2+4,core=1+4.');
    regions[m[1]!] = m[2]!.split('+').map(Number);
  }
  return { name: 'custom', regions };
}

const meanOver = (perCase: Record<string, number>[]) => {
  const keys = [...new Set(perCase.flatMap((c) => Object.keys(c)))];
  return Object.fromEntries(keys.map((k) => [k, nanMean(perCase.map((c) => c[k] ?? Number.NaN))]));
};

/** Dice and HD95 (mm) per label and per region for label maps, averaged over cases. */
export async function evaluateSegmentation(predPath: string, truthPath: string, opts: { regions: string; connectivity: number }) {
  const cases = [];
  let regionsName = '';
  for (const pair of await pairCases(predPath, truthPath)) {
    const [p, t] = [await load(pair.pred), await load(pair.truth)];
    sameGrid(p, t, pair.pred, pair.truth);
    const { name, regions } = parseRegions(opts.regions, labelsPresent(t.data, p.data));
    regionsName = name;
    const grid = { shape: t.shape.slice(0, 3), spacing: t.spacing.slice(0, 3) };
    const d: Record<string, number> = {};
    const h: Record<string, number> = {};
    for (const [key, labels] of Object.entries(regions)) {
      const [tm, pm] = [regionMask(t.data, labels), regionMask(p.data, labels)];
      d[key] = dice(tm, pm);
      h[key] = hd95(tm, pm, grid, { connectivity: opts.connectivity });
    }
    cases.push({ case: pair.name, dice: d, hd95: h });
  }
  return { task: 'segmentation', n: cases.length, regions: regionsName, dice: meanOver(cases.map((c) => c.dice)), hd95: meanOver(cases.map((c) => c.hd95)), per_case: cases };
}

/** autoPET: foreground Dice (over cases with lesions), mean false-positive / false-negative volumes, lesion-wise counts. */
export async function evaluateDetection(predPath: string, truthPath: string) {
  const cases: (DetectionReport & { case: string })[] = [];
  for (const pair of await pairCases(predPath, truthPath)) {
    const [p, t] = [await load(pair.pred), await load(pair.truth)];
    sameGrid(p, t, pair.pred, pair.truth);
    cases.push({ case: pair.name, ...scoreDetection(t.data, p.data, { shape: t.shape.slice(0, 3), spacing: t.spacing.slice(0, 3) }) });
  }
  const sum = (k: keyof DetectionReport) => cases.reduce((a, c) => a + (c[k] as number), 0);
  return {
    task: 'detection',
    n: cases.length,
    dice: nanMean(cases.map((c) => c.dice)),
    false_positive_volume_ml: sum('false_positive_volume_ml') / cases.length,
    false_negative_volume_ml: sum('false_negative_volume_ml') / cases.length,
    lesion_sensitivity: sum('lesions') ? sum('lesions_detected') / sum('lesions') : Number.NaN,
    false_positives_per_case: sum('false_positives') / cases.length,
    per_case: cases,
  };
}

/** The files of one dose case folder (see DOSE_LAYOUT in evaluate.ts). */
async function doseCase(dir: string) {
  const files = (await walk(dir)).filter((f) => NIFTI.test(f) && !f.includes('/'));
  const find = (name: string) => files.find((f) => stem(f).toLowerCase() === name);
  const doseFile = find('dose');
  if (!doseFile) throw new UserError(`No reference dose in ${dir}.`, 'A dose TRUTH folder holds dose.nii.gz (Gy), possible_dose_mask.nii.gz, and one mask per structure: PTV*.nii.gz for targets, any other name for organs at risk.');
  const mask = find('possible_dose_mask');
  const structures = files.filter((f) => !['dose', 'possible_dose_mask', 'ct'].includes(stem(f).toLowerCase()));
  return { dose: join(dir, doseFile), mask: mask && join(dir, mask), structures: structures.map((f) => ({ name: stem(f), kind: (/^ptv/i.test(stem(f)) ? 'target' : 'oar') as Structure['kind'], path: join(dir, f) })) };
}

/** OpenKBP: dose score (mean over cases) and DVH score (mean over every criterion of every case). */
export async function evaluateDose(predPath: string, truthPath: string) {
  if ((await kindOf(truthPath, 'truth')) !== 'folder') throw new UserError(`For --task dose, TRUTH must be a folder; "${truthPath}" is a file.`, 'Give the folder with dose.nii.gz, possible_dose_mask.nii.gz and the structure masks (or a folder of such folders, one per case).');
  const pairs: { name: string; pred: string; dir: string }[] = [];
  if ((await kindOf(predPath, 'prediction')) === 'file') pairs.push({ name: basename(truthPath), pred: predPath, dir: truthPath });
  else {
    for (const f of (await walk(predPath)).filter((x) => NIFTI.test(x) && !x.includes('/'))) pairs.push({ name: stem(f), pred: join(predPath, f), dir: join(truthPath, stem(f)) });
    if (!pairs.length) throw new UserError(`No NIfTI dose files in ${predPath}.`, 'Put one <case>.nii.gz per case in PRED and a folder <case>/ per case in TRUTH.');
    for (const p of pairs) await kindOf(p.dir, `truth folder for case "${p.name}"`);
  }
  const cases = [];
  const errors: number[] = [];
  for (const pair of pairs) {
    const c = await doseCase(pair.dir);
    const [p, t] = [await load(pair.pred), await load(c.dose)];
    sameGrid(p, t, pair.pred, c.dose);
    const masks = [] as Structure[];
    for (const s of c.structures) {
      const m = await load(s.path);
      sameGrid(m, t, s.path, c.dose);
      masks.push({ name: s.name, kind: s.kind, mask: m.data });
    }
    let possible: ArrayLike<number>;
    if (c.mask) {
      const m = await load(c.mask);
      sameGrid(m, t, c.mask, c.dose);
      possible = m.data;
    } else possible = Array.from(t.data, (v) => (v > 0 ? 1 : 0));
    // OpenKBP multiplies every prediction by the possible-dose mask before scoring it.
    const pred = Float64Array.from(p.data, (v, i) => (possible[i]! > 0.5 ? v : 0));
    const r = scoreDose(t.data, pred, possible, masks, { shape: t.shape.slice(0, 3), spacing: t.spacing.slice(0, 3) });
    for (const s of Object.values(r.dvh)) for (const m of Object.values(s)) errors.push(m.error);
    cases.push({ case: pair.name, possible_dose_mask: c.mask ? 'file' : 'reference dose > 0', ...r });
  }
  return { task: 'dose', n: cases.length, dose_score: nanMean(cases.map((c) => c.dose_score)), dvh_score: nanMean(errors), per_case: cases };
}
