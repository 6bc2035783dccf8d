import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { compile, isCaseSet, type AnySet, type Plan } from '../../core';
import { prepareRun } from '../prepare-run';
import { createRandom } from '../random';
import { gliomaCohortFiles, gliomaPatchPipeline, memoryIO } from '../testing/glioma-cohort';
import { CaseReadError } from './case-set';
import { readBatch, trainingOrder } from './prefetch';

// The same pipeline read whole (eager) and case by case (lazy) must give the very same training batches,
// bit for bit, for the same seed: same patches, same order, same values — in every epoch.
const files = new Map(gliomaCohortFiles({ count: 10, size: 20, seed: 3 }));
const caseBytes = 20 ** 3 * 5 * 4;

function planOf(perRead: number, extra: { augment?: boolean } = {}): Plan {
  const doc = gliomaPatchPipeline({ folder: 'cohort', size: 20, patch: 12, perVolume: 4, perRead, epochs: 2, batchSize: 3 }) as { blocks: { id: string; type: string; params?: object }[]; links: { from: { block: string; port: string }; to: { block: string; port: string } }[] };
  if (extra.augment) {
    doc.blocks.push({ id: 'aug', type: 'Augment', params: { flipX: true, rotate: 10, scale: 0.1, intensity: 0.1, noise: 0.02 } });
    const l = doc.links.find((k) => k.from.block === 'ptrain')!;
    doc.links.push({ from: { block: 'aug', port: 'data' }, to: l.to });
    l.to = { block: 'aug', port: 'data' };
  }
  const r = compile(JSON.stringify(doc), REGISTRY);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

/** Every batch of an epoch as raw bits, in the order training would visit them with this seed. */
async function epochBits(set: AnySet, seed: number, batchSize: number): Promise<{ x: Uint32Array; y: Uint32Array; ids: string[] }[]> {
  const random = createRandom(seed);
  const permutation = (n: number) => {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p;
  };
  const order = trainingOrder(set, true, permutation);
  const out = [];
  for (let s = 0; s < order.length; s += batchSize) {
    const idx = order.subarray(s, s + batchSize);
    const b = await readBatch(set, idx);
    out.push({ x: new Uint32Array(b.x.buffer), y: new Uint32Array(b.y.buffer), ids: Array.from(idx, (i) => set.ids[i]!) });
  }
  return out;
}

describe('lazy case sets', () => {
  it.each([
    ['patches shuffled one by one', 1, false],
    ['two patches per read, with augmentation', 2, true],
  ])('give bit-identical batches to the eager path (%s)', async (_name, perRead, augment) => {
    const plan = planOf(perRead, { augment });
    const eager = await prepareRun(plan, REGISTRY, memoryIO(files));
    // A memory cache that holds only three cases: most reads go back to the files.
    const lazy = await prepareRun(plan, REGISTRY, memoryIO(files), { mode: 'always', memoryBytes: 3 * caseBytes });
    expect(isCaseSet(eager.train)).toBe(false);
    expect(isCaseSet(lazy.train)).toBe(true);
    expect(lazy.train.n).toBe(eager.train.n);
    expect(lazy.train.ids).toEqual(eager.train.ids);
    expect(lazy.train.runs).toEqual(perRead > 1 ? { per: 4, length: perRead } : undefined);
    for (const epoch of [1, 2, 3]) {
      const e = epoch === 1 ? eager.train : await eager.trainForEpoch!(epoch);
      const l = epoch === 1 ? lazy.train : await lazy.trainForEpoch!(epoch);
      const [eb, lb] = [await epochBits(e, 11 + epoch, 3), await epochBits(l, 11 + epoch, 3)];
      expect(lb.length).toBe(eb.length);
      lb.forEach((b, k) => {
        expect(b.ids).toEqual(eb[k]!.ids);
        expect(b.x).toEqual(eb[k]!.x);
        expect(b.y).toEqual(eb[k]!.y);
      });
    }
    // Validation and test patches are read one case at a time into memory: the same values too.
    expect(new Uint32Array(lazy.validation!.x.buffer)).toEqual(new Uint32Array(eager.validation!.x.buffer));
    const [ev, lv] = [await eager.evaluations[0]!.load(), await lazy.evaluations[0]!.load()];
    expect(new Uint32Array(lv.y.buffer)).toEqual(new Uint32Array(ev.y.buffer));
    if (lazy.reading.lazy) expect(lazy.reading.caches.memory.peakBytes).toBeLessThanOrEqual(3 * caseBytes);
  });

  it('draws new patches each epoch and keeps each run of patches from one case together', async () => {
    const lazy = await prepareRun(planOf(4), REGISTRY, memoryIO(files), { mode: 'always', memoryBytes: caseBytes });
    const [a, b] = [await readBatch(lazy.train, [0]), await readBatch(await lazy.trainForEpoch!(2), [0])];
    expect(a.x).not.toEqual(b.x);
    const order = trainingOrder(lazy.train, true, (n) => Int32Array.from({ length: n }, (_, i) => n - 1 - i));
    for (let s = 0; s < order.length; s += 4) expect(new Set(Array.from(order.subarray(s, s + 4), (i) => lazy.train.ids[i]!.split('#')[0])).size).toBe(1);
  });

  it('reads whole when the cases fit in the memory cache (auto), case by case when they do not', async () => {
    const plan = planOf(1);
    const fits = await prepareRun(plan, REGISTRY, memoryIO(files), { mode: 'auto', memoryBytes: 100 * caseBytes });
    expect(fits.reading.lazy).toBe(false);
    const big = await prepareRun(plan, REGISTRY, memoryIO(files), { mode: 'auto', memoryBytes: 2 * caseBytes });
    expect(big.reading).toMatchObject({ lazy: true, decodedBytes: 10 * caseBytes });
  });

  it('names the case whose file fails to read mid-epoch (J740), and reads it again when asked again', async () => {
    let broken = false;
    const io = memoryIO(files, (path) => broken && path.includes('case-0004/'));
    const lazy = await prepareRun(planOf(1), REGISTRY, io, { mode: 'always', memoryBytes: caseBytes });
    const at = lazy.train.ids.findIndex((id) => id.startsWith('case-0004#'));
    expect(at).toBeGreaterThanOrEqual(0);
    broken = true;
    const failure = await readBatch(lazy.train, [at]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CaseReadError);
    expect((failure as CaseReadError).diagnostic).toMatchObject({ code: 'J740', args: { case: 'case-0004' } });
    expect((failure as CaseReadError).message).toContain('case-0004');
    broken = false;
    await expect(readBatch(lazy.train, [at])).resolves.toMatchObject({ indices: [at] });
  });
});
