import { describe, expect, it, vi } from 'vitest';
import { buildModel } from './build-model';
import { lossFunction } from './losses';
import { macroAuc, trainingMetrics } from './metrics';
import { evaluate, predict } from './predict';
import { accuracy, blobs, mlpPlan } from './testing/pipeline';
import { tf } from './tf';
import { train, type TrainEvent } from './train';

const TRAIN = blobs(150, 1);
const VALIDATION = blobs(60, 2);
const TEST = blobs(150, 3);

async function weightsOf(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}

function batchLosses(events: TrainEvent[]): number[] {
  return events.flatMap((e) => (e.type === 'batch-end' ? [e.loss] : []));
}

describe('train', () => {
  it('learns a separable 3-class problem: held-out accuracy ≥ 0.9, with events in order', async () => {
    const events: TrainEvent[] = [];
    const r = await train(mlpPlan({ train: { epochs: 8 } }), { train: TRAIN, validation: VALIDATION }, { onEvent: (e) => events.push(e) });
    try {
      expect(r.stoppedBecause).toBe('completed');
      expect(r.backend).toBe('wasm');
      expect(r.kernels).toContain('BatchMatMul');
      expect(r.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(Object.keys(r.history[0]!.logs).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
      const p = await predict(r.model, TEST);
      expect(p.shape).toEqual([150, 3]);
      expect(accuracy(p.values, TEST)).toBeGreaterThanOrEqual(0.9);

      expect(events[0]).toMatchObject({ type: 'run-start', backend: 'wasm', epochs: 8, batchesPerEpoch: 10, trainExamples: 150, validationExamples: 60, monitor: 'val_loss' });
      expect(events.at(-1)).toMatchObject({ type: 'run-end', stoppedBecause: 'completed', epochsRun: 8, bestEpoch: r.bestEpoch });
      expect(events.filter((e) => e.type === 'batch-end')).toHaveLength(80);
      const firstEpoch = events.findIndex((e) => e.type === 'epoch-end');
      expect(events.slice(1, firstEpoch).map((e) => e.type === 'batch-end' && e.batch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const last = events.filter((e) => e.type === 'batch-end').at(-1)!;
      expect(last).toMatchObject({ epoch: 8, batch: 10, batches: 10, etaSeconds: 0 });
    } finally {
      r.model.dispose();
    }
  });

  it('leaves time paused at the gate out of the time-left estimate', async () => {
    // A fake clock: each reading advances 1 ms, and the gate (a pause before batch 6) jumps it an hour.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => ++now);
    const events: TrainEvent[] = [];
    let gates = 0;
    try {
      const r = await train(mlpPlan({ validation: false, train: { epochs: 1, monitor: 'loss' } }), { train: TRAIN }, {
        onEvent: (e) => events.push(e),
        gate: async () => {
          if (++gates === 6) now += 3_600_000;
        },
      });
      r.model.dispose();
    } finally {
      clock.mockRestore();
    }
    const etas = events.flatMap((e) => (e.type === 'batch-end' ? [e.etaSeconds!] : []));
    expect(etas).toHaveLength(10);
    // Counted in the rate, the hour would make batch 6's estimate about 4 × 3600 / 6 = 2400 s.
    expect(etas[5]!).toBeLessThan(60);
    expect(etas.at(-1)).toBe(0);
  });

  it('learns a yes/no problem with binary cross-entropy', async () => {
    const plan = mlpPlan({ outputs: 1, activation: 'sigmoid', loss: { type: 'BinaryCrossentropy' }, task: 'binary', validation: false, train: { epochs: 6, monitor: 'loss' } });
    const r = await train(plan, { train: blobs(120, 4, { binary: true }) });
    const test = blobs(100, 5, { binary: true });
    expect(accuracy((await predict(r.model, test)).values, test)).toBeGreaterThanOrEqual(0.9);
    expect(r.history[0]!.logs).toHaveProperty('acc');
    r.model.dispose();
  });

  it('measures the validation AUC each epoch and can keep the epoch where it is best', async () => {
    const plan = mlpPlan({ outputs: 1, activation: 'sigmoid', loss: { type: 'BinaryCrossentropy' }, task: 'binary', train: { epochs: 4, monitor: 'val_auc', keepBest: true } });
    const validation = blobs(60, 7, { binary: true });
    const r = await train(plan, { train: blobs(120, 4, { binary: true }), validation });
    const aucs = r.history.map((h) => h.logs.val_auc!);
    expect(aucs.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect(r.history[0]!.logs).not.toHaveProperty('auc'); // a whole-set score: validation only
    expect(r.bestEpoch).toBe(aucs.indexOf(Math.max(...aucs)) + 1);
    // The kept model's AUC on the validation data, computed afresh, is the best epoch's.
    const pred = (await predict(r.model, validation)).values;
    expect(macroAuc(validation.y, pred, 1)).toBeCloseTo(Math.max(...aucs), 5);
    r.model.dispose();
  });

  it('gives the same loss trajectory for the same seed and a different one for another seed', async () => {
    const run = async (seed: number) => {
      const events: TrainEvent[] = [];
      const r = await train(mlpPlan({ seed, train: { epochs: 3 } }), { train: TRAIN }, { onEvent: (e) => events.push(e) });
      r.model.dispose();
      return batchLosses(events);
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a).toHaveLength(30);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('shuffles differently each epoch, but not at all when shuffling is off', async () => {
    const firstBatches = async (shuffle: boolean) => {
      const events: TrainEvent[] = [];
      // Learning rate ~0, so a batch's loss depends only on which examples are in it.
      const plan = mlpPlan({ optimizer: { type: 'SGD', params: { learningRate: 1e-9 } }, train: { epochs: 2, shuffle } });
      const r = await train(plan, { train: TRAIN }, { onEvent: (e) => events.push(e) });
      r.model.dispose();
      const losses = batchLosses(events);
      return [losses.slice(0, 10), losses.slice(10)];
    };
    const [s1, s2] = await firstBatches(true);
    expect(s2).not.toEqual(s1);
    const [f1, f2] = await firstBatches(false);
    f1!.forEach((v, i) => expect(f2![i]).toBeCloseTo(v, 6));
  });

  it("trains each epoch on that epoch's examples when they change (augmentation drawn per epoch)", async () => {
    // Learning rate ~0 and no shuffling, so a batch's loss depends only on the examples it holds.
    const plan = mlpPlan({ optimizer: { type: 'SGD', params: { learningRate: 1e-9 } }, train: { epochs: 3, shuffle: false } });
    const epochs = (e: number) => (e === 2 ? blobs(150, 11) : TRAIN);
    const run = async (perEpoch: boolean) => {
      const events: TrainEvent[] = [];
      const asked: number[] = [];
      const trainForEpoch = (e: number) => (asked.push(e), Promise.resolve(epochs(e)));
      const r = await train(plan, { train: TRAIN, ...(perEpoch ? { trainForEpoch } : {}) }, { onEvent: (e) => events.push(e) });
      r.model.dispose();
      const losses = batchLosses(events);
      return { asked, epochs: [losses.slice(0, 10), losses.slice(10, 20), losses.slice(20)] };
    };
    const fixed = await run(false);
    const changing = await run(true);
    expect(fixed.asked).toEqual([]);
    expect(changing.asked).toEqual([2, 3]);
    changing.epochs[0]!.forEach((v, i) => expect(v).toBeCloseTo(fixed.epochs[0]![i]!, 6));
    expect(changing.epochs[1]!.some((v, i) => Math.abs(v - fixed.epochs[1]![i]!) > 1e-3)).toBe(true);
    changing.epochs[2]!.forEach((v, i) => expect(v).toBeCloseTo(fixed.epochs[2]![i]!, 6));
    expect(await run(true)).toEqual(changing);
  });

  it("refuses an epoch's examples that do not match the first epoch's", async () => {
    const plan = mlpPlan({ train: { epochs: 2 } });
    await expect(train(plan, { train: TRAIN, trainForEpoch: () => Promise.resolve(blobs(140, 11)) })).rejects.toThrow(/epoch 2 has 140 examples; epoch 1 had 150/);
  });

  it('leaks no tensors: the count after epoch 1 equals the count after epoch 10', async () => {
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const plan = mlpPlan({ optimizer: { type: 'SGD', params: { learningRate: 0.05, momentum: 0.9 } }, schedule: { type: 'StepDecay', params: { everyEpochs: 3 } }, train: { epochs: 10 } });
    const r = await train(plan, { train: TRAIN, validation: VALIDATION }, { onEvent: (e) => e.type === 'epoch-end' && counts.push(tf.memory().numTensors) });
    expect(counts).toHaveLength(10);
    expect(counts[9]).toBe(counts[0]);
    r.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops within one batch of an abort, whether sent from an event or from a timer', async () => {
    const controller = new AbortController();
    const events: TrainEvent[] = [];
    const r = await train(mlpPlan(), { train: TRAIN }, {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'batch-end' && e.epoch === 2 && e.batch === 3) controller.abort();
      },
    });
    expect(r.stoppedBecause).toBe('aborted');
    expect(r.message).toMatch(/epoch 2, before batch 4/);
    expect(batchLosses(events)).toHaveLength(13);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', stoppedBecause: 'aborted', epochsRun: 1 });
    r.model.dispose();

    const timed = new AbortController();
    let batches = 0;
    let abortedAt = -1;
    const r2 = await train(mlpPlan(), { train: TRAIN }, {
      signal: timed.signal,
      onEvent: (e) => {
        if (e.type !== 'batch-end') return;
        batches++;
        if (batches === 5) setTimeout(() => { abortedAt = batches; timed.abort(); }, 0);
      },
    });
    expect(r2.stoppedBecause).toBe('aborted');
    expect(batches - abortedAt).toBeLessThanOrEqual(1);
    r2.model.dispose();

    const already = new AbortController();
    already.abort();
    const r3 = await train(mlpPlan(), { train: TRAIN }, { signal: already.signal });
    expect(r3).toMatchObject({ stoppedBecause: 'aborted', history: [], bestEpoch: null });
    r3.model.dispose();
  });

  it('stops when the loss blows up, says why in plain words, and keeps the last good weights', async () => {
    const plan = (epochs: number, learningRate = 1) =>
      mlpPlan({ task: 'regression', activation: 'linear', loss: { type: 'MeanSquaredError' }, optimizer: { type: 'SGD', params: { learningRate } }, validation: false, train: { epochs, keepBest: false, monitor: 'loss' } });
    const data = { train: blobs(64, 1) };
    const events: TrainEvent[] = [];
    const r = await train(plan(10), data, { onEvent: (e) => events.push(e) });
    expect(r.stoppedBecause).toBe('nan');
    expect(r.message).toMatch(/^The loss became (NaN|infinite) at epoch \d+, batch \d+: the learning rate is probably too high; try 10× lower \(0\.1 instead of 1\)\./);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', stoppedBecause: 'nan', message: r.message });
    const kept = await weightsOf(r.model);
    for (const w of kept) expect(w.every(Number.isFinite)).toBe(true);

    // The same run stopped cleanly after the last good epoch ends with the same weights.
    const good = r.history.length;
    expect(good).toBeGreaterThanOrEqual(1);
    expect(r.message).toContain(`epoch ${good + 1}, batch`);
    expect(r.message).toContain(`kept the weights from the end of epoch ${good}`);
    const clean = await train(plan(good), data);
    expect(clean.stoppedBecause).toBe('completed');
    expect(await weightsOf(clean.model)).toEqual(kept);
    r.model.dispose();
    clean.model.dispose();

    // A blow-up in the first epoch keeps the starting weights.
    const early = await train(plan(10, 3), { train: TRAIN });
    expect(early.stoppedBecause).toBe('nan');
    expect(early.message).toMatch(/at epoch 1, batch \d+: .* try 10× lower \(0\.3 instead of 3\)\. Jimu kept the starting weights\.$/);
    const start = await buildModel(plan(10, 3));
    expect(await weightsOf(early.model)).toEqual(await weightsOf(start));
    early.model.dispose();
    start.dispose();
  });

  it('stops early when the monitored value stops improving by minDelta', async () => {
    // No epoch can beat the first by 1e9, so the run stops after 1 + patience epochs.
    const plan = mlpPlan({ validation: false, train: { epochs: 20, earlyStopping: true, patience: 2, minDelta: 1e9, monitor: 'loss', keepBest: false } });
    const events: TrainEvent[] = [];
    const r = await train(plan, { train: TRAIN }, { onEvent: (e) => events.push(e) });
    expect(r.stoppedBecause).toBe('early-stopping');
    expect(r.history).toHaveLength(3);
    expect(r.message).toMatch(/Stopped early after epoch 3: "loss" has not improved for 2 epochs/);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', stoppedBecause: 'early-stopping', epochsRun: 3 });
    r.model.dispose();

    // With validation data, patience counts validation epochs; a plain decreasing loss never stops.
    const steady = await train(mlpPlan({ train: { epochs: 4, earlyStopping: true, patience: 3, monitor: 'loss' } }), { train: TRAIN, validation: VALIDATION });
    expect(steady.stoppedBecause).toBe('completed');
    steady.model.dispose();
  });

  it('restores the weights of the best epoch when asked to, and keeps the last ones otherwise', async () => {
    // Validation labels that disagree with training labels: the better the model fits the training
    // data, the worse the validation loss, so the best epoch comes early.
    const shifted = { ...VALIDATION, y: new Float32Array(VALIDATION.y.length) };
    for (let i = 0; i < shifted.n; i++) for (let c = 0; c < 3; c++) shifted.y[i * 3 + ((c + 1) % 3)] = VALIDATION.y[i * 3 + c]!;
    const loss = lossFunction({ type: 'categorical_crossentropy', params: {} });
    const { metrics } = trainingMetrics(['accuracy']);

    const best = await train(mlpPlan({ train: { epochs: 6, keepBest: true } }), { train: TRAIN, validation: shifted });
    const valLoss = best.history.map((h) => h.logs.val_loss!);
    const bestEpoch = valLoss.indexOf(Math.min(...valLoss)) + 1;
    expect(best.bestEpoch).toBe(bestEpoch);
    expect(bestEpoch).toBeLessThan(6);
    const now = await evaluate(best.model, shifted, loss, metrics);
    expect(now.loss).toBeCloseTo(valLoss[bestEpoch - 1]!, 5);
    best.model.dispose();

    const last = await train(mlpPlan({ train: { epochs: 6, keepBest: false } }), { train: TRAIN, validation: shifted });
    expect(last.bestEpoch).toBe(bestEpoch);
    expect((await evaluate(last.model, shifted, loss, metrics)).loss).toBeCloseTo(last.history[5]!.logs.val_loss!, 5);
    last.model.dispose();
  });

  it('applies the learning-rate schedule at the start of each epoch', async () => {
    const plan = mlpPlan({ optimizer: { type: 'Adam', params: { learningRate: 0.04 } }, schedule: { type: 'StepDecay', params: { everyEpochs: 2, factor: 0.5 } }, validation: false, train: { epochs: 5, monitor: 'loss' } });
    const events: TrainEvent[] = [];
    const r = await train(plan, { train: TRAIN }, { onEvent: (e) => events.push(e) });
    expect(r.history.map((h) => h.learningRate)).toEqual([0.04, 0.04, 0.02, 0.02, 0.01]);
    expect(events.filter((e) => e.type === 'batch-end' && e.epoch === 3).every((e) => e.type === 'batch-end' && e.learningRate === 0.02)).toBe(true);
    r.model.dispose();
  });

  it('falls back to a measured monitor and says so', async () => {
    const events: TrainEvent[] = [];
    const r = await train(mlpPlan({ validation: false, train: { epochs: 1, monitor: 'val_dice' } }), { train: TRAIN }, { onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: 'run-start', monitor: 'loss', notes: [expect.stringMatching(/"val_dice" is not measured in this run, so "loss" is monitored instead/)] });
    r.model.dispose();
  });

  it('refuses data whose shapes do not fit the model, in plain words', async () => {
    await expect(train(mlpPlan(), { train: blobs(10, 1, { features: 5 }) })).rejects.toThrow(/training images have shape \[5\], but the model input expects \[4\]/);
  });
});

