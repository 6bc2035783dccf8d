import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { compile, type Plan } from '../core';
import { materialize } from '../data/lazy/case-set';
import { prepareRun } from '../data/prepare-run';
import { gliomaCohortFiles, gliomaPatchPipeline, memoryIO } from '../data/testing/glioma-cohort';
import { writeNifti } from '../data/nifti/write-nifti';
import { DiskCaseCache } from './case-cache';

// The disk cache of prepared cases: reused by a second run, invalidated by a changed step parameter or a
// changed file, and a full disk costs the cache, never the run.
const files = new Map(gliomaCohortFiles({ count: 6, size: 16, seed: 9 }));

function planOf(normalize: 'zscore' | 'percentile'): Plan {
  return compile(JSON.stringify(gliomaPatchPipeline({ folder: 'cohort', size: 16, patch: 8, perVolume: 2, perRead: 1, epochs: 1, batchSize: 2, normalize })), REGISTRY).plan!;
}

async function readAll(plan: Plan, io: ReturnType<typeof memoryIO>, cache: DiskCaseCache) {
  const run = await prepareRun(plan, REGISTRY, io, { mode: 'always', memoryBytes: 1, disk: cache });
  if (!run.reading.lazy) throw new Error('expected a lazy run');
  const train = await materialize(run.train as Parameters<typeof materialize>[0]);
  return { train, counts: { ...run.reading.caches.counts } };
}

describe('DiskCaseCache', () => {
  it('is reused by the next run and invalidated by a changed step parameter or file', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'jimu-case-cache-')), 'cache');
    const warnings: string[] = [];
    const cache = () => new DiskCaseCache(folder, (_f, reason) => warnings.push(reason));
    const first = await readAll(planOf('zscore'), memoryIO(files), cache());
    // Each case prepared once is stored once (a case asked for again in the same run may come from the disk).
    expect(first.counts.reads).toBeGreaterThan(0);
    expect(first.counts.diskWrites).toBe(first.counts.reads);
    const stored = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.f32')).length;
    expect(stored).toBe(first.counts.diskWrites);

    // Same files, same steps: every case comes from the disk, no file is decoded, the values are the same.
    const second = await readAll(planOf('zscore'), memoryIO(files), cache());
    expect(second.counts.reads).toBe(0);
    expect(second.counts.diskHits).toBeGreaterThanOrEqual(first.counts.diskWrites);
    expect(second.train.x).toEqual(first.train.x);

    // A changed parameter of a cached step: nothing matches, every case is prepared again.
    const changed = await readAll(planOf('percentile'), memoryIO(files), cache());
    expect(changed.counts.reads).toBe(first.counts.reads);
    expect(changed.train.x).not.toEqual(first.train.x);

    // A changed file: that case alone is prepared again.
    const edited = new Map(files);
    const t1 = 'cohort/case-0002/t1.nii';
    edited.set(t1, writeNifti(new Int16Array(16 ** 3).fill(7), [16, 16, 16], { dtype: 'int16' }));
    const after = await readAll(planOf('zscore'), memoryIO(edited), cache());
    expect(after.counts.reads).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('warns once on a full disk and the run reads on without it', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'jimu-case-cache-')), 'cache');
    const warnings: string[] = [];
    let tries = 0;
    const full = new DiskCaseCache(folder, (_f, reason) => warnings.push(reason), () => {
      tries++;
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    });
    const reference = await readAll(planOf('zscore'), memoryIO(files), new DiskCaseCache(join(folder, 'other'), () => undefined));
    const run = await readAll(planOf('zscore'), memoryIO(files), full);
    expect(warnings).toEqual(['the disk is full']);
    expect(tries).toBe(1);
    expect(run.counts.diskWrites).toBe(0);
    expect(run.train.x).toEqual(reference.train.x);
  });
});
