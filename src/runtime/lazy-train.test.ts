import { describe, expect, it } from 'vitest';
import type { CaseSet, ExampleSet } from '../core';
import { CaseReadError, exampleAt, metaOf } from '../data/lazy/case-set';
import { blobs, mlpPlan } from './testing/pipeline';
import { train, type TrainEvent } from './train';

const TRAIN = blobs(120, 1);
const VALIDATION = blobs(40, 2);

/** The same examples as a set read on demand (each read a turn of the event loop later), failing at `broken`. */
function onDemand(set: ExampleSet, broken?: number, afterReads = 0): CaseSet {
  let reads = 0;
  return {
    ...metaOf(set),
    lazy: true,
    read: async (i) => {
      await new Promise((r) => setTimeout(r, 0));
      if (i === broken && ++reads > afterReads) throw new CaseReadError(set.ids[i]!, new Error('the file ends before its data (J712)'));
      return exampleAt(set, i);
    },
  };
}

describe('training on a set read on demand', () => {
  it('follows the very loss trajectory of the same examples in memory, and records the data wait of each epoch', async () => {
    const plan = mlpPlan({ train: { epochs: 3 } });
    const losses = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'batch-end' ? [e.loss] : []));
    const eagerEvents: TrainEvent[] = [];
    const lazyEvents: TrainEvent[] = [];
    const eager = await train(plan, { train: TRAIN, validation: VALIDATION }, { onEvent: (e) => eagerEvents.push(e) });
    const lazy = await train(plan, { train: onDemand(TRAIN), validation: VALIDATION }, { onEvent: (e) => lazyEvents.push(e) });
    try {
      expect(losses(lazyEvents)).toEqual(losses(eagerEvents));
      expect(lazy.history.map((h) => h.logs)).toEqual(eager.history.map((h) => h.logs));
      for (const h of lazy.history) {
        expect(h.dataWaitShare).toBeGreaterThanOrEqual(0);
        expect(h.dataWaitShare).toBeLessThanOrEqual(1);
        expect(h.dataWaitSeconds).toBeGreaterThanOrEqual(0);
      }
      expect(lazyEvents.filter((e) => e.type === 'epoch-end').every((e) => e.type === 'epoch-end' && e.dataWaitShare !== undefined)).toBe(true);
    } finally {
      eager.model.dispose();
      lazy.model.dispose();
    }
  });

  it('stops with J740 naming the case when one cannot be read mid-run, and keeps the weights trained so far', async () => {
    const plan = mlpPlan({ train: { epochs: 3 } });
    // Readable in epoch 1, broken from then on.
    const r = await train(plan, { train: onDemand(TRAIN, 17, 1), validation: VALIDATION });
    try {
      expect(r.stoppedBecause).toBe('data');
      expect(r.failure).toEqual({ code: 'J740', args: { case: TRAIN.ids[17], detail: 'the file ends before its data (J712)' } });
      expect(r.message).toContain(TRAIN.ids[17]);
      expect(r.message).toContain('epoch 2');
      expect(r.history).toHaveLength(1);
      expect(r.model.getWeights().length).toBeGreaterThan(0);
    } finally {
      r.model.dispose();
    }
  });
});
