import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import type { TaskKind } from '../core';
import { createRandom } from '../data/random';
import { scoreTask } from '../metrics/report';
import { PYTHON_SRC, python, torchMissing } from './testing/python';

// metrics.json `evaluations` of a run trained by the export must read as one written by `jimu train`: the same
// keys, shapes and numbers for the same truth and predictions (jimu_torch/metrics.py against Jimu's scoreTask),
// and the same layout from a real run of each engine on the same pipeline.
const dir = mkdtempSync(join(tmpdir(), 'jimu-evaluations-'));
const templates = new URL('../../public/templates/', import.meta.url).pathname;

interface Case {
  name: string;
  task: TaskKind;
  labelShape: number[];
  labelNames: string[];
  n: number;
  threshold?: number;
}

const CASES: Case[] = [
  { name: 'binary', task: 'binary', labelShape: [1], labelNames: ['positive'], n: 40, threshold: 0.4 },
  { name: 'multiclass', task: 'multiclass', labelShape: [3], labelNames: ['a', 'b', 'c'], n: 50 },
  { name: 'multiclass, one class absent', task: 'multiclass', labelShape: [3], labelNames: ['a', 'b', 'c'], n: 6 },
  { name: 'multilabel', task: 'multilabel', labelShape: [4], labelNames: ['N', 'D', 'G', 'C'], n: 30, threshold: 0.6 },
  { name: 'regression', task: 'regression', labelShape: [1], labelNames: [], n: 25 },
  { name: 'dense regression', task: 'dense-regression', labelShape: [4, 5, 6, 1], labelNames: [], n: 3 },
  { name: 'segmentation, one channel', task: 'segmentation', labelShape: [6, 7, 5, 1], labelNames: ['background', 'lesion'], n: 3 },
  { name: 'segmentation, BraTS labels', task: 'segmentation', labelShape: [5, 6, 4, 4], labelNames: ['background', 'necrosis', 'edema', 'enhancing'], n: 3 },
  { name: 'segmentation, no cases', task: 'segmentation', labelShape: [5, 6, 4, 4], labelNames: ['background', 'necrosis', 'edema', 'enhancing'], n: 0 },
];

/** Truth and noisy predictions that agree with it more often than not, in the task's layout. */
function data(c: Case, seed: number): { truth: Float32Array; pred: Float32Array } {
  const r = createRandom(seed);
  const per = c.labelShape.reduce((a, b) => a * b, 1);
  const channels = c.labelShape.at(-1)!;
  const truth = new Float32Array(c.n * per);
  const pred = new Float32Array(c.n * per);
  const oneHot = (c.task === 'multiclass' || c.task === 'segmentation') && channels > 1;
  for (let i = 0; i < c.n * per; i += oneHot ? channels : 1) {
    if (oneHot) {
      const k = c.name.includes('absent') ? r.int(2) : r.int(channels);
      truth[i + k] = 1;
      for (let j = 0; j < channels; j++) pred[i + j] = r.next() + (j === k ? 0.6 : 0);
    } else if (c.task === 'regression' || c.task === 'dense-regression') {
      truth[i] = c.task === 'dense-regression' && r.next() < 0.3 ? 0 : 50 * r.next();
      pred[i] = truth[i]! + 5 * r.normal();
    } else {
      truth[i] = r.next() < 0.4 ? 1 : 0;
      pred[i] = Math.min(1, Math.max(0, 0.5 * truth[i]! + 0.6 * r.next()));
    }
  }
  // Ties in the scores, as thresholded models give them.
  for (let i = 0; i < pred.length; i += 7) pred[i] = 0.5;
  return { truth, pred };
}

/** The same value, numbers within `tol` relative (null stands for NaN, as JSON writes it). */
function expectSame(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && Number.isFinite(a)) {
    expect(typeof b, path).toBe('number');
    expect(Math.abs(a - (b as number)), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
  } else if (a && typeof a === 'object') {
    expect(b && typeof b === 'object', path).toBe(true);
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expectSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(b, path).toEqual(a);
  }
}

/** The layout of a JSON value: its keys and array lengths, every number as "number". */
function layout(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(layout);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, layout(x)]));
  return v === null ? 'number' : typeof v;
}

describe.skipIf(torchMissing())('metrics.json evaluations: the export scores as jimu train does', () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s: the same keys and numbers as scoreTask', (_name, c, i) => {
    const { truth, pred } = data(c, 100 + i);
    const jimu = JSON.parse(JSON.stringify(scoreTask({ task: c.task, truth, pred, n: c.n, labelShape: c.labelShape, labelNames: c.labelNames, ...(c.threshold !== undefined ? { threshold: c.threshold } : {}) }))) as unknown;
    const base = join(dir, `case-${i}`);
    writeFileSync(`${base}.truth.bin`, new Uint8Array(truth.buffer));
    writeFileSync(`${base}.pred.bin`, new Uint8Array(pred.buffer));
    const torch = JSON.parse(
      python([
        '-c',
        `import sys, json, numpy as np
sys.path.insert(0, ${JSON.stringify(PYTHON_SRC)})
from jimu_torch.metrics import score_task
shape = [${c.n}] + ${JSON.stringify(c.labelShape)}
t = np.fromfile(${JSON.stringify(`${base}.truth.bin`)}, np.float32).reshape(shape)
p = np.fromfile(${JSON.stringify(`${base}.pred.bin`)}, np.float32).reshape(shape)
print(json.dumps(score_task(${JSON.stringify(c.task)}, t, p, ${JSON.stringify(c.labelShape)}, ${JSON.stringify(c.labelNames)}, ${c.threshold ?? 0.5})))`,
      ]),
    ) as unknown;
    expectSame(jimu, torch);
  });

  it.each([
    ['sample-shapes.pipeline.json', { data: { count: 60 }, train: { epochs: 1 } }],
    ['glioma-segmentation.pipeline.json', { data: { count: 8, size: 16 }, input: { depth: 16, height: 16, width: 16 }, unet: { depth: 1, baseFilters: 4 }, train: { epochs: 1 } }],
  ] as const)('%s: a jimu train run and an exported run write metrics.json alike', async (file, params) => {
    const doc = JSON.parse(readFileSync(join(templates, file), 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
    for (const b of doc.blocks) if (b.id in params) Object.assign(b.params, (params as Record<string, Record<string, unknown>>)[b.id]);
    const pipeline = join(dir, file);
    writeFileSync(pipeline, JSON.stringify(doc));
    const said: string[] = [];
    const io = { out: (t: string) => said.push(t), err: (t: string) => said.push(t) };
    expect(await main(['train', pipeline, '--data', dir, '--out', join(dir, `${file}-jimu`), '--quiet'], io), said.join('\n')).toBe(0);
    const project = join(dir, `${file}-export`);
    expect(await main(['export', pipeline, '--target', 'pytorch', '--out', project, '--with-data'], io), said.join('\n')).toBe(0);
    python([join(project, 'train.py'), '--out', join(project, 'run'), '--quiet']);
    const a = JSON.parse(readFileSync(join(dir, `${file}-jimu`, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    const b = JSON.parse(readFileSync(join(project, 'run', 'metrics.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(a.evaluations as object)).toEqual(['evaluate']);
    expect(layout(b.evaluations)).toEqual(layout(a.evaluations));
    expect(Object.keys(b).filter((k) => k !== 'throughput')).toEqual(Object.keys(a));
    // The prediction files are listed alike too: the Evaluate block, the split it scores, the task.
    const entries = (run: string) => (JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8')) as { predictions: { set: string; split: string; task: string }[] }).predictions.map((p) => [p.set, p.split, p.task]);
    expect(entries(join(project, 'run'))).toEqual(entries(join(dir, `${file}-jimu`)));
  });
});
