import { expect } from 'vitest';
import { main } from '../main';

/** The shipped templates, for the learning-tier tests. */
export const TEMPLATES_DIR = new URL('../../../public/templates/', import.meta.url).pathname;

export type Scores = Record<string, number & Record<string, number>>;

/** One template's learning target: scored by `jimu evaluate` with the challenge metric its task names. */
export interface TemplateTarget {
  file: string;
  target: string;
  /** The task to score as (null: the one the run wrote). */
  task: string | null;
  /** Extra `jimu evaluate` flags. */
  flags: string[];
  check: (e: Scores) => void;
}

/** The medical templates' targets, the same for `jimu train` and for the PyTorch export. */
export const TEMPLATE_TARGETS: TemplateTarget[] = [
  { file: 'fundus-screening.pipeline.json', target: 'mean AUC ≥ 0.90', task: null, flags: [], check: (e) => expect(e.auc_macro).toBeGreaterThanOrEqual(0.9) },
  { file: 'brain-age.pipeline.json', target: 'MAE ≤ 5 years', task: null, flags: [], check: (e) => expect(e.mae).toBeLessThanOrEqual(5) },
  // BraTS regions from the label map (1 necrosis, 2 edema, 3 enhancing, as BraTS 2021 numbers them).
  { file: 'glioma-segmentation.pipeline.json', target: 'whole-tumour Dice ≥ 0.80', task: null, flags: ['--regions', 'brats2021'], check: (e) => expect(e.dice?.whole_tumor).toBeGreaterThanOrEqual(0.8) },
  // OpenKBP's dose score: the mean absolute error inside the possible-dose mask, in units of the prescription.
  { file: 'dose-prediction.pipeline.json', target: 'dose score ≤ 10 % of the prescription', task: null, flags: [], check: (e) => expect(e.dose_score).toBeLessThanOrEqual(0.1) },
  // autoPET's Dice: foreground Dice averaged over the cases that have lesions.
  { file: 'petct-lesions.pipeline.json', target: 'lesion Dice ≥ 0.70', task: 'detection', flags: [], check: (e) => expect(e.dice).toBeGreaterThanOrEqual(0.7) },
];

/** Runs the `jimu` CLI in-process and collects what it printed. */
export async function runJimu(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
