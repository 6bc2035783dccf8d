import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { gliomaCohortFiles, gliomaPatchPipeline } from '../data/testing/glioma-cohort';
import { main } from './main';

// Learning tier: `jimu train` on a glioma cohort read case by case (a memory cache far smaller than the
// cohort, so cases are read again and again, from the disk cache after the first epoch) reaches a held-out
// whole-tumour Dice on patients it never saw.
it('trains from a cohort read case by case to a held-out Dice ≥ 0.6', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jimu-lazy-learn-'));
  for (const [path, bytes] of gliomaCohortFiles({ count: 40, size: 32, seed: 21 })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  const pipeline = join(dir, 'lazy.pipeline.json');
  writeFileSync(pipeline, JSON.stringify(gliomaPatchPipeline({ folder: 'cohort', size: 32, patch: 16, perVolume: 4, perRead: 2, epochs: 8, batchSize: 4, baseFilters: 8 })));
  const err: string[] = [];
  const out = join(dir, 'run');
  // 2 MiB hold about three prepared cases of the forty.
  const code = await main(['train', pipeline, '--data', dir, '--out', out, '--quiet', '--lazy', 'on', '--cache-memory', '2'], { out: () => undefined, err: (s) => err.push(s) });
  expect(err.join('\n')).toContain('on demand');
  expect(code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(manifest.data.reading).toMatchObject({ lazy: true });
  expect(manifest.data.reading.memoryCachePeakBytes).toBeLessThanOrEqual(2 * 1024 ** 2);
  expect(manifest.data.reading.diskCacheHits).toBeGreaterThan(0);
  const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as { dataWaitShare: number }[];
  expect(history.every((h) => h.dataWaitShare >= 0 && h.dataWaitShare <= 1)).toBe(true);
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  expect(metrics.evaluations.evaluate.dice_mean).toBeGreaterThanOrEqual(0.6);
});
