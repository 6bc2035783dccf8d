import { exampleSize, isCaseSet, type AnySet, type Plan } from '../core';
import { CaseReadError } from '../data/lazy/case-set';
import { BatchPrefetcher, trainingOrder } from '../data/lazy/prefetch';
import { useBackend } from './backend';
import { batchIndices } from './batches';
import { buildModel } from './build-model';
import { lossFunction } from './losses';
import { trainingMetrics } from './metrics';
import { disposeOptimizer, learningRateAt, makeOptimizer, setLearningRate } from './optimizers';
import { evaluate, type Logs } from './predict';
import { mulberry32, permutation, streamSeed, withRandom } from './random';
import { tf } from './tf';
import type { EpochRecord, StopReason, TrainData, TrainOptions, TrainResult } from './train-types';
import { CodedError, type CodedErrorData } from '../core/diagnostics/coded-error';
import type { Text } from '../core/text';

export type { Logs } from './predict';
export type { EpochRecord, StopReason, TrainData, TrainEvent, TrainOptions, TrainResult } from './train-types';

/** Copies of every weight (trainable or not) at one moment, on the device. */
type Snapshot = { epoch: number; weights: tf.Tensor[] };

function snapshot(model: tf.LayersModel, epoch: number, previous: Snapshot | null): Snapshot {
  if (previous) tf.dispose(previous.weights);
  return { epoch, weights: model.getWeights().map((w) => tf.clone(w)) };
}

/** Gives the event loop a turn, so an abort sent by a message or a timer lands before the next batch. */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
  // In a worker or page, a message round-trip is a macrotask without setTimeout's 4 ms clamp.
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const improves = (value: number, best: number | null, mode: 'min' | 'max', minDelta: number) =>
  Number.isFinite(value) && (best === null || (mode === 'min' ? value < best - minDelta : value > best + minDelta));

function checkData(plan: Plan, name: Text, set: AnySet): void {
  const input = plan.model.inputs[0];
  if (plan.model.inputs.length !== 1 || !input) throw new CodedError('J603', { count: plan.model.inputs.length });
  const image = input.shape.slice(1);
  const label = plan.model.output.shape.slice(1);
  const fmt = (s: (number | null)[]) => `[${s.join(', ')}]`;
  if (fmt(set.imageShape) !== fmt(image)) throw new CodedError('J702', { subset: name, data: fmt(set.imageShape), model: fmt(image) });
  if (fmt(set.labelShape) !== fmt(label)) throw new CodedError('J703', { subset: name, data: fmt(set.labelShape), model: fmt(label) });
  if (isCaseSet(set)) return;
  if (set.x.length !== set.n * exampleSize(set.imageShape) || set.y.length !== set.n * exampleSize(set.labelShape)) {
    throw new CodedError('J704', { subset: name, images: set.x.length, labels: set.y.length, count: set.n });
  }
}

/**
 * Trains a plan's model on in-memory data with a custom batch loop (not model.fit), so that a stop
 * request lands within one batch and the run is reproducible: the same plan, seed and data give the
 * same loss trajectory on the same backend.
 *
 * Each epoch: the learning rate from the schedule; the epoch's training examples (`trainForEpoch`,
 * when augmentation changes them) in a seeded order; per
 * batch one optimizer step (dropout masks seeded too) and a 'batch-end' event; then validation, the
 * best-epoch checkpoint and early stopping. A loss that becomes NaN or infinite stops the run and
 * keeps the last good weights. Tensors are disposed as they go: the count is flat from epoch to epoch.
 */
export async function train(plan: Plan, data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
  const { signal, onEvent } = options;
  const t = plan.training;
  checkData(plan, { en: 'training', zh: '训练' }, data.train);
  const validation = data.validation && data.validation.n > 0 ? data.validation : undefined;
  if (validation) checkData(plan, { en: 'validation', zh: '验证' }, validation);
  if (data.train.n === 0) throw new CodedError('J705');

  const backend = await useBackend(plan, options.backend, { ...(options.wasmPaths != null ? { wasmPaths: options.wasmPaths } : {}), ...(options.gpus ? { gpus: options.gpus } : {}) });
  const model = await buildModel(plan);
  const loss = lossFunction(t.loss);
  const { metrics, setMetrics, unknown } = trainingMetrics(t.metrics);
  const optimizer = makeOptimizer(t.optimizer);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);

  // Which log decides the best epoch, and which one early stopping watches; fall back when the
  // asked-for value is not measured in this run (no validation data, or a metric this loss lacks).
  const notes: string[] = unknown.map((m) => `The metric "${m}" is not tracked during training; the evaluation reports it.`);
  const available = new Set([...['loss', ...metrics.map((m) => m.key)].flatMap((k) => (validation ? [k, `val_${k}`] : [k])), ...(validation ? setMetrics.map((m) => `val_${m.key}`) : [])]);
  const resolve = (key: string, mode: 'min' | 'max'): { key: string; mode: 'min' | 'max' } => {
    if (available.has(key)) return { key, mode };
    const fallback = validation ? 'val_loss' : 'loss';
    notes.push(`"${key}" is not measured in this run, so "${fallback}" is monitored instead.`);
    return { key: fallback, mode: 'min' };
  };
  const monitor = resolve(t.monitor, t.monitorMode);
  const stopping = t.earlyStopping ? { ...t.earlyStopping, ...resolve(t.earlyStopping.monitor, t.earlyStopping.mode) } : null;

  const batchSize = Math.max(1, Math.min(t.batchSize, data.train.n));
  const batches = Math.ceil(data.train.n / batchSize);
  const seed = t.seed ?? plan.seed;
  const shuffleRng = mulberry32(streamSeed(seed, 'shuffle'));
  const dropoutRng = mulberry32(streamSeed(seed, 'dropout'));
  onEvent?.({ type: 'run-start', backend: backend.name, backendReason: backend.reason, epochs: t.epochs, batchesPerEpoch: batches, trainExamples: data.train.n, validationExamples: validation?.n ?? 0, monitor: monitor.key, notes });

  const history: EpochRecord[] = [];
  let best: { epoch: number; value: number } | null = null;
  let bestWeights: Snapshot | null = null;
  let lastGood: Snapshot = snapshot(model, 0, null);
  let stopBest: number | null = null;
  let wait = 0;
  let stoppedBecause: StopReason = 'completed';
  let message: string | undefined;
  let dataFailure: CodedErrorData | undefined;
  const prefetchDepth = options.prefetch ?? 2;
  const started = performance.now();
  let batchesDone = 0;
  const totalBatches = t.epochs * batches;
  // Time spent waiting at the gate (paused) is not training time: leave it out of the rate.
  let pausedMs = 0;
  const eta = () => (batchesDone ? ((performance.now() - started - pausedMs) / 1000 / batchesDone) * (totalBatches - batchesDone) : null);

  try {
    epochs: for (let epoch = 1; epoch <= t.epochs; epoch++) {
      const lr = learningRateAt(t.optimizer, epoch - 1);
      setLearningRate(optimizer, lr);
      const trainSet = epoch === 1 || !data.trainForEpoch ? data.train : await data.trainForEpoch(epoch);
      if (trainSet !== data.train) {
        checkData(plan, { en: `epoch ${epoch} training`, zh: `第 ${epoch} 轮训练` }, trainSet);
        if (trainSet.n !== data.train.n) throw new CodedError('J706', { epoch, count: trainSet.n, first: data.train.n });
      }
      const order = trainingOrder(trainSet, t.shuffle, (n) => permutation(n, shuffleRng));
      const sums: Logs = { loss: 0 };
      for (const m of metrics) sums[m.key] = 0;
      let batch = 0;
      // The next batches are read while this one trains; the time training waits for them is the epoch's data wait.
      const feed = new BatchPrefetcher(trainSet, [...batchIndices(order, batchSize)], prefetchDepth);
      const epochStarted = performance.now();
      let pausedInEpoch = 0;
      while (feed.remaining > 0) {
        batch++;
        await yieldToEventLoop();
        if (options.gate) {
          const waited = performance.now();
          await options.gate();
          pausedMs += performance.now() - waited;
          pausedInEpoch += performance.now() - waited;
        }
        if (signal?.aborted) {
          stoppedBecause = 'aborted';
          message = `Stopped on request at epoch ${epoch}, before batch ${batch}.`;
          break epochs;
        }
        let next;
        try {
          next = await feed.next();
        } catch (e) {
          if (!(e instanceof CaseReadError)) throw e;
          // A case that cannot be read stops the run like a NaN loss: the weights so far are kept and written.
          stoppedBecause = 'data';
          message = `${e.message} (epoch ${epoch}, batch ${batch}). ${e.hint}`;
          dataFailure = e.diagnostic;
          break epochs;
        }
        const idx = next.indices;
        const xs = tf.tensor(next.x, [idx.length, ...trainSet.imageShape]);
        const ys = tf.tensor(next.y, [idx.length, ...trainSet.labelShape]);
        const measured: tf.Scalar[] = [];
        const cost = withRandom(dropoutRng, () =>
          optimizer.minimize(
            () => {
              const out = model.apply(xs, { training: true }) as tf.Tensor;
              for (const m of metrics) measured.push(tf.keep(m.fn(ys!, out)));
              return loss(ys!, out);
            },
            true,
            vars,
          ),
        )!;
        tf.dispose([xs, ys!]);
        const values = await Promise.all([cost, ...measured].map((s) => s.data()));
        tf.dispose([cost, ...measured]);
        const batchLoss = values[0]![0]!;
        if (!Number.isFinite(batchLoss)) {
          stoppedBecause = 'nan';
          message =
            `The loss became ${Number.isNaN(batchLoss) ? 'NaN' : 'infinite'} at epoch ${epoch}, batch ${batch}: ` +
            `the learning rate is probably too high; try 10× lower (${formatRate(lr / 10)} instead of ${formatRate(lr)}).`;
          break epochs;
        }
        sums.loss! += batchLoss * idx.length;
        metrics.forEach((m, i) => (sums[m.key]! += values[i + 1]![0]! * idx.length));
        batchesDone++;
        onEvent?.({ type: 'batch-end', epoch, batch, batches, loss: batchLoss, learningRate: lr, etaSeconds: eta() });
      }

      const logs: Logs = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / data.train.n]));
      if (validation) {
        const v = await evaluate(model, validation, loss, metrics, batchSize, setMetrics);
        for (const [k, value] of Object.entries(v)) logs[`val_${k}`] = value;
      }
      const epochSeconds = (performance.now() - epochStarted - pausedInEpoch) / 1000;
      const dataWait = { dataWaitSeconds: feed.waitedMs / 1000, dataWaitShare: epochSeconds > 0 ? Math.min(1, feed.waitedMs / 1000 / epochSeconds) : 0 };
      history.push({ epoch, learningRate: lr, logs, ...dataWait });
      lastGood = snapshot(model, epoch, lastGood);

      const value = logs[monitor.key] ?? NaN;
      const isBest = improves(value, best?.value ?? null, monitor.mode, 0);
      if (isBest) {
        best = { epoch, value };
        if (t.keepBest) bestWeights = snapshot(model, epoch, bestWeights);
      }
      onEvent?.({ type: 'epoch-end', epoch, learningRate: lr, logs, best: isBest, etaSeconds: eta(), dataWaitShare: dataWait.dataWaitShare });

      if (stopping) {
        const watched = logs[stopping.key] ?? NaN;
        if (improves(watched, stopBest, stopping.mode, stopping.minDelta)) {
          stopBest = watched;
          wait = 0;
        } else if (++wait >= stopping.patience) {
          stoppedBecause = 'early-stopping';
          message = `Stopped early after epoch ${epoch}: "${stopping.key}" has not improved for ${stopping.patience} epoch${stopping.patience === 1 ? '' : 's'}.`;
          break;
        }
      }
    }

    let kept: string | null = null;
    if (bestWeights) {
      model.setWeights(bestWeights.weights);
      kept = `the weights of the best epoch (${bestWeights.epoch})`;
    } else if (stoppedBecause === 'nan' || stoppedBecause === 'data') {
      model.setWeights(lastGood.weights);
      kept = lastGood.epoch === 0 ? 'the starting weights' : `the weights from the end of epoch ${lastGood.epoch}`;
    }
    if (kept && stoppedBecause !== 'completed') message = `${message} Jimu kept ${kept}.`;
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(lastGood.weights);
    if (bestWeights) tf.dispose(bestWeights.weights);
    disposeOptimizer(optimizer);
  }

  const bestEpoch = best?.epoch ?? null;
  onEvent?.({ type: 'run-end', stoppedBecause, epochsRun: history.length, bestEpoch, ...(message ? { message } : {}) });
  return { model, history, bestEpoch, stoppedBecause, backend: backend.name, backendReason: backend.reason, kernels: backend.kernels, ...(message ? { message } : {}), ...(dataFailure ? { failure: dataFailure } : {}) };
}

function formatRate(lr: number): string {
  return Number(lr.toPrecision(3)).toString();
}
