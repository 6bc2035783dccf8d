import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DataStep, ExampleSet } from '../core';
import { caseGeometry } from '../data/case-geometry';
import { predictionFiles, type EvaluateTask } from '../metrics/prediction-files';

export { caseGeometry };

/** Which subset a set of data steps ends in: the output of its last Split, else `test` for Evaluate's data. */
export function subsetOf(steps: readonly DataStep[], fallback: 'test' | 'validation'): string {
  return steps.findLast((s) => s.type === 'Split')?.output ?? fallback;
}

export interface WrittenPredictions {
  /** The Evaluate block, or `validation` when the pipeline has none. */
  set: string;
  split: string;
  task: EvaluateTask;
  /** The cases in the set's order (the order of metrics.json's per-case lists), as named in the files. */
  cases: string[];
  pred: string;
  truth: string;
  /** The command that scores them. */
  command: string;
  /** Single-channel masks (lesions) can be scored as autoPET detection too. */
  detectionCommand?: string;
  spacingMm: number[] | 'unknown (written as 1 mm)';
  structures?: string[];
}

/** Writes one scored set's prediction and truth files under `out` and says where they went. */
export async function writePredictions(
  out: string,
  name: string,
  split: string,
  set: ExampleSet,
  pred: Float32Array,
  steps: readonly DataStep[],
  threshold: number,
  /** Where the files will be once the run is moved into place (`out` is a staging folder beside it). */
  shownOut = out,
): Promise<WrittenPredictions> {
  const geometry = caseGeometry(steps);
  // The set's own spacing ([x, y, z] mm, kept right by the steps that change the grid) comes first.
  const recorded = (set as ExampleSet & { spacing?: number[] }).spacing;
  if (recorded && recorded.length >= 2) geometry.spacing = [...recorded];
  const written = predictionFiles(
    {
      task: set.task,
      n: set.n,
      ids: set.ids,
      labelShape: set.labelShape,
      labelNames: set.labelNames,
      truth: set.y,
      pred,
      threshold,
      ...(geometry.spacing ? { spacing: geometry.spacing } : {}),
      image: { x: set.x, shape: set.imageShape, ...(geometry.channelNames ? { channelNames: geometry.channelNames } : {}) },
    },
    name,
  );
  // Case names come from data (file names, CSV ids): whatever they hold, every file stays in predictions/ or truth/.
  for (const f of written.files) {
    const at = resolve(out, ...f.path.split('/'));
    if (![resolve(out, 'predictions'), resolve(out, 'truth')].some((dir) => at.startsWith(`${dir}/`))) throw new Error(`the case file name "${f.path}" would leave predictions/ and truth/`);
  }
  // A rerun into the same folder must not leave cases of an earlier run behind.
  for (const p of [written.pred, written.truth]) await rm(join(out, p), { recursive: true, force: true });
  for (const f of written.files) {
    const path = join(out, ...f.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.bytes);
  }
  const quote = (p: string) => (/^[\w./:@+-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);
  const threshold_ = written.task === 'classification' && threshold !== 0.5 ? ` --threshold ${threshold}` : '';
  return {
    set: name,
    split,
    task: written.task,
    cases: written.cases,
    pred: written.pred,
    truth: written.truth,
    command: `jimu evaluate --task ${written.task}${threshold_} ${quote(join(shownOut, written.pred))} ${quote(join(shownOut, written.truth))}`,
    ...(written.task === 'segmentation' && set.labelShape.at(-1) === 1 ? { detectionCommand: `jimu evaluate --task detection ${quote(join(shownOut, written.pred))} ${quote(join(shownOut, written.truth))}` } : {}),
    spacingMm: geometry.spacing ?? 'unknown (written as 1 mm)',
    ...(written.structures ? { structures: written.structures } : {}),
  };
}
