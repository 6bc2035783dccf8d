import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patchTrainedPipeline } from '../cli/testing/patch-trained';
import { REGISTRY } from '../../blocks';
import { compile, type Plan } from '../core';
import { blobs, mlpPlan } from '../runtime/testing/pipeline';
import { importModel } from '../runtime/export-model';
import { predict } from '../runtime/predict';
import { PROTOCOL_VERSION, transferables, type FromWorker, type ToWorker } from './protocol';
import { TrainingSession } from './session';

const v = PROTOCOL_VERSION;
const NO_GPU = { webgpu: null, webgl: null };

/** A session whose messages are collected; `until` resolves at the first message that matches. */
function harness() {
  const got: FromWorker[] = [];
  const waiters: { match: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const session = new TrainingSession({
    probe: NO_GPU,
    post: (m) => {
      got.push(m);
      for (const w of waiters.filter((w) => w.match(m))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    },
  });
  const until = (match: (m: FromWorker) => boolean) => {
    const hit = got.find(match);
    return hit ? Promise.resolve(hit) : new Promise<FromWorker>((resolve) => waiters.push({ match, resolve }));
  };
  return { session, got, until };
}

const start = (runId: string, epochs: number, backend: 'cpu' | 'wasm' = 'cpu'): ToWorker => ({
  type: 'start',
  v,
  runId,
  plan: mlpPlan({ train: { epochs, batchSize: 10 } }),
  data: { kind: 'sets', train: blobs(100, 1), validation: blobs(30, 2), evaluations: [{ block: 'test', set: blobs(60, 3), threshold: 0.5 }] },
  backend,
});

const batchEnds = (got: FromWorker[]) => got.filter((m) => m.type === 'event' && m.event.type === 'batch-end').length;

describe('TrainingSession (the worker side of the protocol)', () => {
  it('refuses a model that cannot fit the wasm heap before it makes any data, with the numbers', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../public/templates/glioma-segmentation.pipeline.json', import.meta.url), 'utf8')) as { blocks: { type: string; params: Record<string, unknown> }[] };
    const set = (type: string, p: Record<string, unknown>) => Object.assign(doc.blocks.find((b) => b.type === type)!.params, p);
    set('SampleGlioma', { size: 96, count: 20 });
    set('VolumeInput', { depth: 96, height: 96, width: 96 });
    set('UNet3D', { depth: 4, baseFilters: 16 });
    set('Train', { batchSize: 3 }); // at batch 1 it fits since the lean backward pass (BENCHMARKS.md: memory)
    const plan = compile(doc, REGISTRY).plan!;
    const source = REGISTRY.get('SampleGlioma')!.run as { source: (...a: unknown[]) => unknown };
    const made = { calls: 0 };
    const original = source.source;
    source.source = (...a: unknown[]) => (made.calls++, original(...a));
    try {
      const { session, got } = harness();
      await session.handle({ type: 'start', v, runId: 'big', plan, data: { kind: 'steps' }, backend: 'auto' });
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ type: 'failed', runId: 'big', code: 'out-of-memory' });
      expect((got[0] as { detail: string }).detail).toMatch(/its tensors need about \d+\.\d GiB, but the wasm backend's heap \(wasm32\) holds at most 4\.0 GiB\..*batch size \(now 3\)/);
      expect(made.calls).toBe(0);
    } finally {
      source.source = original;
    }
  });

  it('trains, evaluates, and returns a model that predicts as the evaluation did', async () => {
    const { session, got } = harness();
    const msg = start('r1', 6);
    const test = msg.type === 'start' && msg.data.kind === 'sets' ? msg.data.evaluations[0]!.set : null;
    const testX = test!.x.slice();
    await session.handle(msg);
    const types = got.map((m) => (m.type === 'event' ? m.event.type : m.type));
    expect(types[0]).toBe('run-start');
    expect(types.slice(-3)).toEqual(['run-end', 'evaluating', 'done']);
    expect(got.every((m) => m.v === v && (!('runId' in m) || m.runId === 'r1'))).toBe(true);
    const done = got.at(-1)!;
    if (done.type !== 'done') throw new Error('no done');
    const o = done.outcome;
    expect(o.backend).toBe('cpu');
    expect(o.history).toHaveLength(6);
    expect(o.samplesPerSecond).toBeGreaterThan(0);
    const ev = o.evaluations[0]!;
    expect(ev).toMatchObject({ block: 'test', task: 'multiclass', n: 60, labelShape: [3] });
    expect(ev.scores.accuracy as number).toBeGreaterThanOrEqual(0.9);
    // The exported model gives the evaluation's predictions again.
    const model = await importModel(o.model);
    const again = await predict(model, { ...test!, x: testX });
    model.dispose();
    expect(Math.max(...Array.from(again.values, (p, i) => Math.abs(p - ev.pred[i]!)))).toBeLessThan(1e-5);
  });

  it('pauses before the next batch, resumes, and stops within one batch', async () => {
    const { session, got, until } = harness();
    const running = session.handle(start('r2', 50));
    await until((m) => m.type === 'event' && m.event.type === 'batch-end' && m.event.batch === 2);
    session.handle({ type: 'pause', v, runId: 'r2' });
    await until((m) => m.type === 'paused' && m.paused);
    const atPause = batchEnds(got);
    // Other work gets many turns of the event loop while the run waits.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(batchEnds(got)).toBeLessThanOrEqual(atPause + 1);
    session.handle({ type: 'resume', v, runId: 'r2' });
    await until((m) => m.type === 'event' && m.event.type === 'batch-end' && m.event.epoch === 2);
    const atStop = batchEnds(got);
    session.handle({ type: 'stop', v, runId: 'r2' });
    await running;
    expect(batchEnds(got)).toBeLessThanOrEqual(atStop + 1);
    const done = got.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.outcome.stoppedBecause).toBe('aborted');
    expect(done?.type === 'done' && done.outcome.message).toMatch(/Stopped on request/);
  });

  it('stops a paused run at once', async () => {
    const { session, until } = harness();
    const running = session.handle(start('r3', 50));
    await until((m) => m.type === 'event' && m.event.type === 'batch-end');
    session.handle({ type: 'pause', v, runId: 'r3' });
    await until((m) => m.type === 'paused');
    session.handle({ type: 'stop', v, runId: 'r3' });
    await running;
    const done = await until((m) => m.type === 'done');
    expect(done.type === 'done' && done.outcome.stoppedBecause).toBe('aborted');
  });

  it('ignores commands for another run, and refuses a second run and another protocol version', async () => {
    const { session, got, until } = harness();
    const running = session.handle(start('r4', 3));
    await until((m) => m.type === 'event');
    session.handle({ type: 'stop', v, runId: 'someone-else' });
    await session.handle(start('r5', 1));
    expect(got.find((m) => m.type === 'failed')).toMatchObject({ runId: 'r5', code: 'protocol' });
    await session.handle({ type: 'pause', v: v + 1, runId: 'r4' });
    expect(got.filter((m) => m.type === 'failed').at(-1)).toMatchObject({ code: 'protocol' });
    await running;
    expect(got.find((m) => m.type === 'done' && m.runId === 'r4')).toBeTruthy();
    expect(got.some((m) => m.type === 'done' && m.outcome.stoppedBecause === 'aborted')).toBe(false);
  });

  it('reports an unavailable backend as a coded failure, in plain words', async () => {
    const { session, got } = harness();
    await session.handle({ ...start('r6', 1), backend: 'webgl' } as ToWorker);
    expect(got.at(-1)).toMatchObject({ type: 'failed', runId: 'r6', code: 'backend-unavailable' });
  });

  it('predicts one example with a model it is sent', async () => {
    const { session, got } = harness();
    await session.handle(start('r7', 2));
    const done = got.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error('no done');
    await session.handle({ type: 'predict', v, requestId: 'p1', model: done.outcome.model, image: new Float32Array([2.5, 0, 0, 0]), shape: [4] });
    const p = got.at(-1)!;
    expect(p).toMatchObject({ type: 'prediction', requestId: 'p1', shape: [1, 3] });
    if (p.type === 'prediction') expect(p.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

/** The sample template, shortened to `epochs`, with its data source replaced when asked. */
function templatePlan(epochs: number, source?: { type: string; params: Record<string, unknown> }): Plan {
  const doc = JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8'));
  doc.blocks = doc.blocks.map((b: { id: string; type: string; params: Record<string, unknown> }) =>
    b.id === 'train' ? { ...b, params: { ...b.params, epochs } } : b.id === 'data' && source ? { ...b, ...source } : b,
  );
  const r = compile(doc, REGISTRY);
  if (!r.plan) throw new Error(JSON.stringify(r.diagnostics));
  return r.plan;
}

describe('TrainingSession with the data steps run in the worker', () => {
  it('makes the sample data itself, trains and evaluates on the test split', async () => {
    const { session, got } = harness();
    await session.handle({ type: 'start', v, runId: 's1', plan: templatePlan(1), data: { kind: 'steps' }, backend: 'auto' });
    const start = got.find((m) => m.type === 'event' && m.event.type === 'run-start');
    expect(start).toMatchObject({ event: { trainExamples: 336, validationExamples: 72 } });
    const done = got.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type === 'done') expect(done.outcome.evaluations[0]).toMatchObject({ block: 'evaluate', n: 72, imageShape: [32, 32, 1] });
  });

  it('evaluates whole volumes by sliding windows for a U-Net trained on patches, and predicts one such volume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jimu-session-sliding-'));
    const doc = JSON.parse(readFileSync(patchTrainedPipeline(dir, 'glioma-segmentation.pipeline.json', { size: 20, patch: 16, count: 10, epochs: 1 }), 'utf8')) as unknown;
    const r = compile(doc, REGISTRY);
    expect(r.plan?.evaluations.find((e) => e.block === 'whole')?.slidingWindow).toMatchObject({ window: [16, 16, 16] });
    const { session, got } = harness();
    await session.handle({ type: 'start', v, runId: 'sw', plan: r.plan!, data: { kind: 'steps' }, backend: 'wasm' });
    const done = got.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    const whole = done.outcome.evaluations.find((e) => e.block === 'whole')!;
    expect(whole).toMatchObject({ imageShape: [20, 20, 20, 4], labelShape: [20, 20, 20, 4] });
    expect(whole.pred.length).toBe(whole.n * 20 ** 3 * 4);
    expect(Number.isFinite((whole.scores as { dice_mean: number }).dice_mean)).toBe(true);
    // "Try the file" on a whole volume: window by window as well, one prediction per voxel and label.
    await session.handle({ type: 'predict', v, requestId: 'one', model: done.outcome.model, image: new Float32Array(20 ** 3 * 4).fill(0.5), shape: [20, 20, 20, 4], slidingWindow: { overlap: 0.25 } });
    expect(got.at(-1)).toMatchObject({ type: 'prediction', requestId: 'one', shape: [1, 20, 20, 20, 4] });
  });

  it('says plainly that the browser has no files for a pipeline that reads a folder', async () => {
    const { session, got } = harness();
    const plan = templatePlan(1, { type: 'ImageFolder', params: { height: 32, width: 32, channels: 1, classes: ['disc', 'ring'] } });
    await session.handle({ type: 'start', v, runId: 's2', plan, data: { kind: 'steps' }, backend: 'cpu' });
    expect(got.at(-1)).toMatchObject({ type: 'failed', code: 'data', detail: expect.stringMatching(/no data folder yet.*jimu command/) });
  });
});

describe('transferables', () => {
  it('lists each buffer once', () => {
    const a = blobs(4, 1);
    expect(transferables(a, a, null)).toEqual([a.x.buffer, a.y.buffer]);
  });
});
