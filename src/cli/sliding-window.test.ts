import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNifti } from '../data/nifti/read-nifti';
import { main } from './main';
import { patchTrainedPipeline } from './testing/patch-trained';

const dir = mkdtempSync(join(tmpdir(), 'jimu-sliding-'));

describe('jimu train on patches predicts the whole test volumes by sliding windows', () => {
  it('scores and writes whole 28³ volumes for a U-Net trained on 16³ patches (a shortened run)', async () => {
    const pipeline = patchTrainedPipeline(dir, 'glioma-segmentation.pipeline.json', { size: 28, patch: 16, count: 14, epochs: 1 });
    const out = join(dir, 'run');
    const err: string[] = [];
    const stdout: string[] = [];
    const code = await main(['train', pipeline, '--data', dir, '--out', out, '--quiet'], { out: (s) => stdout.push(s), err: (s) => err.push(s) });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { evaluations: Record<string, { n: number; dice_mean: number }> };
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { predictions: { set: string; cases: string[]; pred: string; truth: string }[] };
    // The same held-out cases: 2 patches each on the one side, whole volumes on the other.
    expect(metrics.evaluations.patches!.n).toBe(2 * metrics.evaluations.whole!.n);
    expect(Number.isFinite(metrics.evaluations.whole!.dice_mean)).toBe(true);
    const whole = manifest.predictions.find((p) => p.set === 'whole')!;
    const pred = readNifti(readFileSync(join(out, whole.pred, `${whole.cases[0]}.nii`)));
    const truth = readNifti(readFileSync(join(out, whole.truth, `${whole.cases[0]}.nii`)));
    expect(pred.shape.slice(0, 3)).toEqual([28, 28, 28]);
    expect(truth.shape.slice(0, 3)).toEqual([28, 28, 28]);
    const patches = manifest.predictions.find((p) => p.set === 'patches')!;
    expect(readNifti(readFileSync(join(out, patches.pred, `${patches.cases[0]}.nii`))).shape.slice(0, 3)).toEqual([16, 16, 16]);
  });
});
