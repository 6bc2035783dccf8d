import type { TaskKind } from '../core';
import { writeNifti } from '../data/nifti/write-nifti';

/**
 * A trained model's predictions on a held-out set, and the set's reference, as the files `jimu evaluate`
 * reads (see src/cli/evaluate-help.ts). Pure: the CLI writes the files to disk, the browser could offer them
 * as downloads. The decisions (argmax, threshold) are the ones scoreTask makes, so evaluate's scores on these
 * files equal the scores Jimu reports for the same set.
 */

/** The `--task` of `jimu evaluate`. */
export type EvaluateTask = 'classification' | 'regression' | 'segmentation' | 'dose' | 'detection';

/** The evaluate task for a dataset's task kind, as the Evaluate block and scoreTask score it. */
export function evaluateTaskFor(task: TaskKind): EvaluateTask {
  switch (task) {
    case 'binary':
    case 'multiclass':
    case 'multilabel':
      return 'classification';
    case 'regression':
      return 'regression';
    case 'segmentation':
      return 'segmentation';
    case 'dense-regression':
      return 'dose';
  }
}

export interface PredictionSet {
  task: TaskKind;
  n: number;
  /** One per example; file names and CSV ids are made from them. */
  ids: readonly string[];
  labelShape: number[];
  labelNames: string[];
  /** n × prod(labelShape) reference labels, example-major (as ExampleSet.y). */
  truth: ArrayLike<number>;
  /** The model's outputs in the same layout. */
  pred: ArrayLike<number>;
  /** Single-channel masks and binary / multi-label decisions: a score above it is positive (default 0.5). */
  threshold?: number;
  /** Voxel size in mm along x, y, z (NIfTI's i, j, k); default 1 mm. */
  spacing?: readonly number[];
  /** Dose: the inputs, so the structure masks among the input channels can be written into the truth folder. */
  image?: { x: ArrayLike<number>; shape: number[]; channelNames?: readonly string[] };
}

export interface PredictionFile {
  /** Relative, '/'-separated: `predictions/…` or `truth/…`. */
  path: string;
  bytes: Uint8Array;
}

export interface PredictionFiles {
  task: EvaluateTask;
  /** What to give `jimu evaluate` as PRED and TRUTH, relative to the folder the files are written to. */
  pred: string;
  truth: string;
  files: PredictionFile[];
  /** Dose: the input channels written as structure masks (PTV* are targets, the others organs at risk). */
  structures?: string[];
  /** The case names the volume files carry, in the set's order (ids made safe for file names). */
  cases: string[];
}

const encoder = new TextEncoder();

/** A file-name-safe, unique name per id; ids that are empty or repeat get a suffix. */
export function caseNames(ids: readonly string[], n: number): string[] {
  const used = new Set<string>();
  return Array.from({ length: n }, (_, i) => {
    const raw = (ids[i] ?? '').replace(/\.nii(\.gz)?$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
    const base = raw || `case_${String(i + 1).padStart(4, '0')}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
/** Shortest text that reads back as the same double: a float32 output stays bit-exact through the CSV. */
const num = (v: number) => String(v);
const csv = (header: string[], rows: (string | number)[][]) =>
  encoder.encode(`${[header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? num(c) : csvCell(c))).join(',')).join('\n')}\n`);

function argmax(values: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (values[offset + c]! > values[offset + best]!) best = c;
  return best;
}

/** A label's grid [z, y, x] (or [y, x]) with channels last → NIfTI's [x, y, z] (x fastest, as the data is laid out). */
function niftiShape(grid: number[]): number[] {
  const dims = [...grid].reverse();
  while (dims.length < 3) dims.push(1);
  return dims;
}

/** The `id` column of a CSV: the set's own ids where they are unique and need no trimming, else the case names. */
function tableIds(s: PredictionSet, cases: string[]): string[] {
  return s.ids.length === s.n && new Set(s.ids).size === s.n && s.ids.every((id) => id.trim() !== '' && id === id.trim()) ? [...s.ids] : cases;
}

/** The files for one scored set, under `predictions/<name>` and `truth/<name>`. */
export function predictionFiles(s: PredictionSet, name: string): PredictionFiles {
  const task = evaluateTaskFor(s.task);
  const per = s.labelShape.reduce((a, b) => a * b, 1);
  if (s.truth.length !== s.n * per || s.pred.length !== s.n * per) {
    throw new Error(`the model gives ${s.pred.length / Math.max(1, s.n)} values per case and the labels ${per}; predictions can be written only when they match`);
  }
  const threshold = s.threshold ?? 0.5;
  const cases = caseNames(s.ids, s.n);
  switch (task) {
    case 'classification': {
      const one = per === 1;
      const columns = one ? [s.labelNames[0] ?? 'positive'] : s.labelShape.length === 1 ? s.labelNames.slice(0, per) : [];
      if (columns.length !== per) throw new Error(`classification labels of shape [${s.labelShape.join(', ')}] need one name per column`);
      const ids = tableIds(s, cases);
      const predRows = ids.map((id, i) => [id, ...Array.from({ length: per }, (_, c) => s.pred[i * per + c]!)]);
      // Softmax truth is the argmax class (one-hot), as scoreTask reads it; one-sigmoid and multi-label truth is > 0.5.
      const truthRows = ids.map((id, i) => {
        if (s.task !== 'multilabel' && !one) {
          const k = argmax(s.truth, i * per, per);
          return [id, ...columns.map((_, c) => (c === k ? 1 : 0))];
        }
        return [id, ...columns.map((_, c) => (s.truth[i * per + c]! > 0.5 ? 1 : 0))];
      });
      return {
        task,
        pred: `predictions/${name}.csv`,
        truth: `truth/${name}.csv`,
        cases: ids,
        files: [
          { path: `predictions/${name}.csv`, bytes: csv(['id', ...columns], predRows) },
          { path: `truth/${name}.csv`, bytes: csv(['id', ...columns], truthRows) },
        ],
      };
    }
    case 'regression': {
      if (per !== 1) throw new Error(`jimu evaluate scores one value per case; these labels have ${per}`);
      const ids = tableIds(s, cases);
      return {
        task,
        pred: `predictions/${name}.csv`,
        truth: `truth/${name}.csv`,
        cases: ids,
        files: [
          { path: `predictions/${name}.csv`, bytes: csv(['id', 'value'], ids.map((id, i) => [id, s.pred[i]!])) },
          { path: `truth/${name}.csv`, bytes: csv(['id', 'value'], ids.map((id, i) => [id, s.truth[i]!])) },
        ],
      };
    }
    case 'segmentation':
    case 'detection': {
      const channels = s.labelShape.at(-1) ?? 1;
      const voxels = per / channels;
      const shape = niftiShape(s.labelShape.slice(0, -1));
      const spacing = [...(s.spacing ?? [1, 1, 1])];
      const labels = channels === 1 ? 2 : channels;
      const dtype = labels <= 256 ? 'uint8' : 'int16';
      const files: PredictionFile[] = [];
      for (let i = 0; i < s.n; i++) {
        const p = new Uint16Array(voxels);
        const t = new Uint16Array(voxels);
        for (let v = 0; v < voxels; v++) {
          const o = i * per + v * channels;
          if (channels === 1) {
            p[v] = s.pred[o]! > threshold ? 1 : 0;
            t[v] = s.truth[o]! > 0.5 ? 1 : 0;
          } else {
            p[v] = argmax(s.pred, o, channels);
            t[v] = argmax(s.truth, o, channels);
          }
        }
        const description = channels === 1 ? `Jimu ${s.labelNames[0] ?? 'mask'}` : `Jimu labels ${s.labelNames.slice(1).map((l, k) => `${k + 1}=${l}`).join(' ')}`;
        files.push({ path: `predictions/${name}/${cases[i]}.nii`, bytes: writeNifti(p, shape, { spacing, dtype, description }) });
        files.push({ path: `truth/${name}/${cases[i]}.nii`, bytes: writeNifti(t, shape, { spacing, dtype, description }) });
      }
      return { task, pred: `predictions/${name}`, truth: `truth/${name}`, cases, files };
    }
    case 'dose': {
      const channels = s.labelShape.at(-1) ?? 1;
      if (channels !== 1) throw new Error(`a dose grid has one channel; these labels have ${channels}`);
      const shape = niftiShape(s.labelShape.slice(0, -1));
      const spacing = [...(s.spacing ?? [1, 1, 1])];
      const structures = doseStructures(s, per);
      const files: PredictionFile[] = [];
      for (let i = 0; i < s.n; i++) {
        const slice = (a: ArrayLike<number>) => Float32Array.from({ length: per }, (_, v) => a[i * per + v]!);
        files.push({ path: `predictions/${name}/${cases[i]}.nii`, bytes: writeNifti(slice(s.pred), shape, { spacing, description: 'Jimu predicted dose' }) });
        files.push({ path: `truth/${name}/${cases[i]}/dose.nii`, bytes: writeNifti(slice(s.truth), shape, { spacing, description: 'reference dose' }) });
        for (const st of structures) {
          const mask = new Uint8Array(per);
          for (let v = 0; v < per; v++) mask[v] = s.image!.x[(i * per + v) * st.channels + st.channel]! > 0.5 ? 1 : 0;
          files.push({ path: `truth/${name}/${cases[i]}/${st.name}.nii`, bytes: writeNifti(mask, shape, { spacing, dtype: 'uint8', description: `structure ${st.name}` }) });
        }
      }
      return { task, pred: `predictions/${name}`, truth: `truth/${name}`, cases, files, structures: structures.map((st) => st.name) };
    }
  }
}

/**
 * The input channels that are structure masks: every value 0 or 1 in every case, and not named like the CT.
 * They are named by `channelNames` (else `structure_<k>`); evaluate counts PTV* as targets, others as organs at risk.
 */
function doseStructures(s: PredictionSet, per: number): { name: string; channel: number; channels: number }[] {
  const img = s.image;
  if (!img) return [];
  const channels = img.shape.at(-1) ?? 1;
  if (img.shape.slice(0, -1).reduce((a, b) => a * b, 1) !== per || img.x.length !== s.n * per * channels) return [];
  const out: { name: string; channel: number; channels: number }[] = [];
  const used = new Set(['dose', 'possible_dose_mask', 'ct']);
  for (let c = 0; c < channels; c++) {
    let binary = true;
    let any = false;
    for (let j = c; j < img.x.length; j += channels) {
      const v = img.x[j]!;
      if (v !== 0 && v !== 1) {
        binary = false;
        break;
      }
      if (v === 1) any = true;
    }
    const raw = (img.channelNames?.[c] ?? `structure_${c}`).replace(/[^A-Za-z0-9_-]+/g, '_');
    if (!binary || !any || used.has(raw.toLowerCase())) continue;
    used.add(raw.toLowerCase());
    out.push({ name: raw, channel: c, channels });
  }
  return out;
}
