import { evaluateClassification, evaluateRegression } from './evaluate-tables';
import { evaluateDetection, evaluateDose, evaluateSegmentation } from './evaluate-volumes';
import { UserError } from './errors';

export const TASKS = ['classification', 'regression', 'segmentation', 'dose', 'detection'] as const;
export type EvalTask = (typeof TASKS)[number];


export interface EvaluateOptions {
  task: string;
  json?: boolean;
  threshold?: string;
  regions?: string;
  connectivity?: string;
}

function number(value: string | undefined, fallback: number, name: string, ok: (v: number) => boolean, hint: string): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isFinite(v) || !ok(v)) throw new UserError(`${name} is "${value}".`, hint);
  return v;
}

/** NaN (an undefined score) prints as null in JSON and as "n/a" in text. */
const jsonSafe = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

function text(report: Record<string, unknown>): string {
  const lines: string[] = [];
  const fmt = (v: unknown): string => (typeof v === 'number' ? (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : 'n/a') : Array.isArray(v) ? `[${v.map(fmt).join(', ')}]` : String(v));
  for (const [k, v] of Object.entries(report)) {
    if (k === 'per_case') continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [sub, x] of Object.entries(v)) lines.push(`${`${k}.${sub}`.padEnd(28)} ${fmt(x)}`);
    else lines.push(`${k.padEnd(28)} ${fmt(v)}`);
  }
  return lines.join('\n');
}

/** `jimu evaluate`: scores predictions with the task's official challenge metrics; returns the exit code. */
export async function evaluate(pred: string, truth: string, opts: EvaluateOptions, io: { out: (s: string) => void }): Promise<number> {
  const task = opts.task as EvalTask;
  if (!TASKS.includes(task)) throw new UserError(`Unknown task "${opts.task}".`, `Use --task ${TASKS.join(', ')}.`);
  let report: Record<string, unknown>;
  switch (task) {
    case 'classification':
      report = await evaluateClassification(pred, truth, number(opts.threshold, 0.5, '--threshold', (v) => v > 0 && v < 1, 'Give a probability between 0 and 1, e.g. --threshold 0.5.'));
      break;
    case 'regression':
      report = await evaluateRegression(pred, truth);
      break;
    case 'segmentation':
      report = await evaluateSegmentation(pred, truth, {
        regions: opts.regions ?? 'auto',
        connectivity: number(opts.connectivity, 1, '--connectivity', (v) => [1, 2, 3].includes(v), 'Use 1 (faces, MedPy\'s default), 2 or 3 (full 3D neighbourhood).'),
      });
      break;
    case 'dose':
      report = await evaluateDose(pred, truth);
      break;
    case 'detection':
      report = await evaluateDetection(pred, truth);
      break;
  }
  io.out(opts.json ? JSON.stringify(report, jsonSafe, 1) : text(report));
  return 0;
}
