import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { patchTrainedPipeline } from './testing/patch-trained';

const dir = mkdtempSync(join(tmpdir(), 'jimu-sliding-learn-'));

describe('a U-Net trained on patches scores whole volumes about as well as patches', () => {
  it('glioma: 16³ patches of 32³ volumes; whole-volume Dice of the BraTS regions (sliding windows, Gaussian blending) within 0.05 of the patch Dice or better', async () => {
    const pipeline = patchTrainedPipeline(dir, 'glioma-segmentation.pipeline.json', { size: 32, patch: 16, count: 60, epochs: 10, batchSize: 4, perVolume: 2 });
    const out = join(dir, 'run');
    const err: string[] = [];
    const code = await main(['train', pipeline, '--data', dir, '--out', out, '--quiet'], { out: () => undefined, err: (s) => err.push(s) });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const { evaluations } = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { evaluations: Record<string, { dice_mean: number; dice_regions: Record<string, number> }> };
    const patch = evaluations.patches!;
    const whole = evaluations.whole!;
    const regions = ['whole_tumor', 'tumor_core', 'enhancing_tumor'];
    console.log(`BraTS regions, patches → whole volumes: ${regions.map((r) => `${r} ${patch.dice_regions[r]!.toFixed(3)} → ${whole.dice_regions[r]!.toFixed(3)}`).join(', ')}; mean label Dice ${patch.dice_mean.toFixed(3)} → ${whole.dice_mean.toFixed(3)}`);
    // The model has learnt something (chance is far below), and windows lose nothing that matters: the BraTS
    // regions score as well on whole volumes. (The mean over single labels is no fair comparison: a patch
    // without necrosis where none is predicted scores 1 for it, which whole volumes, all with some, never give.)
    expect(patch.dice_regions.whole_tumor).toBeGreaterThan(0.5);
    for (const r of regions) expect([r, whole.dice_regions[r]! >= patch.dice_regions[r]! - 0.05]).toEqual([r, true]);
  });
});
