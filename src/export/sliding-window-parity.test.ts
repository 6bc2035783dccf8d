import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { main } from '../cli/main';
import { diskIO } from '../cli/files';
import { patchTrainedPipeline } from '../cli/testing/patch-trained';
import { compile, importanceMap, planWindows, type BlendMode, type Plan } from '../core';
import { readNifti } from '../data/nifti/read-nifti';
import { runSteps } from '../data/run-steps';
import { importModel } from '../runtime/export-model';
import { predictSet } from '../runtime/sliding-window';
import { SLIDING_WINDOW_TOLERANCE } from './readme';
import { PYTHON_SRC, python, torchMissing } from './testing/python';

// A U-Net trained by `jimu train` on 16³ patches scores whole 24³ test volumes by sliding windows. The exported
// project (jimu_torch/sliding_window.py), given the same weights, places the same windows with the same Gaussian
// weights and gives the same whole-volume predictions (within SLIDING_WINDOW_TOLERANCE of the largest value)
// and the same metrics.json evaluations; train.py (trained with patches kept together per read) writes
// whole-volume predictions as `jimu train` does.

const dir = mkdtempSync(join(tmpdir(), 'jimu-sliding-parity-'));

/** Window layouts MONAI-style placement must agree on: 3D and 2D, volumes smaller than the window, every overlap, both blends. */
const GEOMETRY: { volume: number[]; window: number[]; overlap: number; mode: BlendMode; sigma: number }[] = [
  { volume: [24, 24, 24], window: [16, 16, 16], overlap: 0.5, mode: 'gaussian', sigma: 0.125 },
  { volume: [37, 20, 9], window: [16, 8, 12], overlap: 0.25, mode: 'gaussian', sigma: 0.125 },
  { volume: [50, 33], window: [16, 16], overlap: 0.75, mode: 'gaussian', sigma: 0.2 },
  { volume: [7, 30, 31], window: [8, 8, 8], overlap: 0, mode: 'constant', sigma: 0.125 },
  { volume: [5, 6], window: [8, 9], overlap: 0.5, mode: 'gaussian', sigma: 0.125 },
];

const floats = (path: string) => {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** The same scores: numbers within 1e-6 relative, the same keys and nulls. */
function expectSameScores(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number') {
    expect(typeof b, path).toBe('number');
    expect(Math.abs(a - (b as number)), path).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a)));
  } else if (a && typeof a === 'object') {
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expectSameScores((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(b, path).toEqual(a);
  }
}

describe.skipIf(torchMissing())('sliding-window evaluation: jimu train and the exported project predict whole volumes alike', () => {
  let plan: Plan;
  const project = join(dir, 'project');
  const run = join(dir, 'jimu-run');
  const out = join(dir, 'torch');
  let result: { evaluations: Record<string, unknown>; shapes: Record<string, number[]>; geometry: { padBefore: number[]; padded: number[]; starts: number[][]; importance: number[] }[] };

  beforeAll(async () => {
    const file = patchTrainedPipeline(dir, 'glioma-segmentation.pipeline.json', { size: 24, patch: 16, count: 10, epochs: 2, base: 4 });
    // Both engines train with a scan's two patches kept together per read.
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { blocks: { id: string; params?: Record<string, unknown> }[] };
    Object.assign(doc.blocks.find((b) => b.id === 'patch_train')!.params!, { perRead: 2 });
    writeFileSync(file, JSON.stringify(doc));
    plan = compile(readFileSync(file, 'utf8'), REGISTRY).plan!;
    expect(plan.data.train.steps.find((s) => s.block === 'patch_train')!.params).toMatchObject({ perRead: 2 });
    const said: string[] = [];
    const io = { out: (s: string) => said.push(s), err: (s: string) => said.push(s) };
    expect(await main(['train', file, '--data', dir, '--out', run, '--quiet'], io), said.join('\n')).toBe(0);
    expect(await main(['export', file, '--target', 'pytorch', '--out', project, '--with-data'], io), said.join('\n')).toBe(0);
    python(['-c', `import os; os.makedirs(${JSON.stringify(out)}, exist_ok=True)`]);
    writeFileSync(join(dir, 'req.json'), JSON.stringify({ python: PYTHON_SRC, project, run, out, geometry: GEOMETRY }));
    python([join(import.meta.dirname, 'testing', 'sliding.py'), join(dir, 'req.json')]);
    result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as typeof result;
  });

  it('places the same windows with the same weights', () => {
    GEOMETRY.forEach((g, i) => {
      const a = planWindows(g.volume, g.window, g.overlap);
      const b = result.geometry[i]!;
      expect({ padBefore: b.padBefore, padded: b.padded, starts: b.starts }).toEqual({ padBefore: a.padBefore, padded: a.padded, starts: a.starts });
      // float32 Gaussians in the same order of products: the same numbers, bit for bit.
      expect(Float32Array.from(b.importance)).toEqual(importanceMap(g.window, g.mode, g.sigma));
    });
    expect(result.geometry[0]!.starts).toHaveLength(8);
  });

  it('the same weights give the same whole-volume predictions and the same evaluations', async () => {
    const evaluation = plan.evaluations.find((e) => e.block === 'whole')!;
    expect(evaluation.slidingWindow).toMatchObject({ window: [16, 16, 16], overlap: 0.5, mode: 'gaussian' });
    const model = await importModel({ modelJson: JSON.parse(readFileSync(join(run, 'model.json'), 'utf8')) as Record<string, unknown>, weights: new Uint8Array(readFileSync(join(run, 'weights.bin'))) });
    const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8')) as { evaluations: Record<string, unknown> };
    const residuals: Record<string, number> = {};
    for (const ev of plan.evaluations) {
      const set = await runSteps(ev.data.steps, REGISTRY, diskIO(dir), plan.seed);
      const a = (await predictSet(model, set, plan.training.batchSize, ev.slidingWindow ?? {})).values;
      const b = floats(join(out, `${ev.block}.pred.bin`));
      expect(result.shapes[ev.block]).toEqual([set.n, ...set.labelShape]);
      expect(b.length).toBe(a.length);
      let scale = 0;
      let worst = 0;
      a.forEach((v, i) => {
        scale = Math.max(scale, Math.abs(v));
        worst = Math.max(worst, Math.abs(v - b[i]!));
      });
      expect(scale).toBeGreaterThan(0);
      residuals[ev.block] = worst / scale;
      expect(worst / scale, `${ev.block}: largest difference ${worst} at scale ${scale}`).toBeLessThanOrEqual(SLIDING_WINDOW_TOLERANCE);
      // metrics.json of `jimu train` and jimu_torch's scores of its own predictions: the same numbers.
      expectSameScores(metrics.evaluations[ev.block], result.evaluations[ev.block], ev.block);
    }
    model.dispose();
    if (process.env.JIMU_SLIDING_RESIDUALS) writeFileSync(process.env.JIMU_SLIDING_RESIDUALS, JSON.stringify(residuals));
  });

  it('train.py scores whole volumes by sliding windows and writes them whole', () => {
    python([join(project, 'train.py'), '--out', join(project, 'run'), '--quiet', '--epochs', '1']);
    const metrics = JSON.parse(readFileSync(join(project, 'run', 'metrics.json'), 'utf8')) as { evaluations: Record<string, { n: number; dice_mean: number }> };
    expect(metrics.evaluations.patches!.n).toBe(2 * metrics.evaluations.whole!.n);
    expect(Number.isFinite(metrics.evaluations.whole!.dice_mean)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(project, 'run', 'manifest.json'), 'utf8')) as { predictions: { set: string; cases: string[]; pred: string }[] };
    const whole = manifest.predictions.find((p) => p.set === 'whole')!;
    const path = join(project, 'run', whole.pred, `${whole.cases[0]}.nii`);
    expect(existsSync(path)).toBe(true);
    expect(readNifti(readFileSync(path)).shape.slice(0, 3)).toEqual([24, 24, 24]);
  });
});
