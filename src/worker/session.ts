import { REGISTRY } from '../../blocks';
import { memoryDiagnostic, memoryOverrun, type DataIO, type ExampleSet, type Plan } from '../core';
import { scoreTask } from '../metrics/report';
import { exportModel, importModel } from '../runtime/export-model';
import { predictSet } from '../runtime/sliding-window';
import { tf } from '../runtime/tf';
import { train } from '../runtime/train';
import { backendOptions, type GpuProbe } from './backend-probe';
import { CodedError } from '../core/diagnostics/coded-error';
import { failureOf } from './failure-code';
import { browserMemoryLimits } from './memory-limits';
import { prepareRunData } from './run-data';
import { PROTOCOL_VERSION, type EvaluationResult, type FromWorker, type ToWorker, type WireEvaluation } from './protocol';

/** Images kept for the evaluation views only up to this size (thumbnails, slice viewer). */
const KEEP_IMAGES_BYTES = 32 * 1024 * 1024;

export interface SessionHost {
  post(message: FromWorker, transfer?: Transferable[]): void;
  probe: GpuProbe;
  /** Registers the WebGPU backend (a separate bundle, loaded only where WebGPU exists). */
  loadWebGpu?: () => Promise<void>;
  wasmPaths?: string | Record<string, string>;
  /** How data blocks read files where the worker runs (default: no files, said plainly). */
  io?: DataIO;
  /** navigator.deviceMemory where the browser tells it (GiB, capped). */
  deviceMemoryGiB?: number;
}

interface ActiveRun {
  runId: string;
  controller: AbortController;
  paused: boolean;
  resume: (() => void)[];
}

/**
 * The worker's side of the protocol, apart from `self` so that Node tests drive it directly: one run
 * at a time with pause, resume and stop, then evaluation and the model export; single-image predictions.
 */
export class TrainingSession {
  private run: ActiveRun | null = null;

  constructor(private readonly host: SessionHost) {}

  handle(msg: ToWorker): Promise<void> | void {
    if (msg.v !== PROTOCOL_VERSION) {
      const runId = 'runId' in msg ? msg.runId : '';
      this.host.post({ type: 'failed', v: PROTOCOL_VERSION, runId, ...failureOf(new CodedError('J611', { page: String(msg.v), worker: PROTOCOL_VERSION })) });
      return;
    }
    switch (msg.type) {
      case 'start':
        return this.start(msg);
      case 'pause':
      case 'resume': {
        const run = this.current(msg.runId);
        if (!run) return;
        run.paused = msg.type === 'pause';
        if (!run.paused) run.resume.splice(0).forEach((r) => r());
        this.host.post({ type: 'paused', v: PROTOCOL_VERSION, runId: run.runId, paused: run.paused });
        return;
      }
      case 'stop': {
        const run = this.current(msg.runId);
        if (!run) return;
        run.controller.abort();
        run.resume.splice(0).forEach((r) => r());
        return;
      }
      case 'predict':
        return this.predictOne(msg);
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private current(runId: string): ActiveRun | null {
    return this.run && this.run.runId === runId ? this.run : null;
  }

  private async start(msg: Extract<ToWorker, { type: 'start' }>): Promise<void> {
    const post = this.host.post;
    const v = PROTOCOL_VERSION;
    if (this.run) {
      post({ type: 'failed', v, runId: msg.runId, ...failureOf(new CodedError('J612')) });
      return;
    }
    const run: ActiveRun = { runId: msg.runId, controller: new AbortController(), paused: false, resume: [] };
    this.run = run;
    let batchesSeconds = 0;
    let samples = 0;
    let batchStart = 0;
    try {
      const choice = backendOptions(msg.backend, this.host.probe);
      if (this.host.loadWebGpu && (msg.backend === 'webgpu' || (msg.backend === 'auto' && choice.gpus.includes('webgpu')))) await this.host.loadWebGpu().catch(() => undefined);
      // A model that cannot fit on the backend it will get is refused with the numbers, before any data is made.
      const memory = msg.plan.cost.memory;
      const over = memory ? memoryOverrun(memory, browserMemoryLimits(choice, this.host.deviceMemoryGiB)) : undefined;
      if (over) {
        const d = memoryDiagnostic(over, msg.plan.training.batchSize);
        post({ type: 'failed', v, runId: msg.runId, code: 'out-of-memory', error: { code: d.code, args: d.args }, detail: `${d.message} ${d.hint}` });
        return;
      }
      const data = msg.data.kind === 'sets' ? msg.data : await prepareRunData(msg.plan, REGISTRY, this.host.io);
      const batchSize = Math.max(1, Math.min(msg.plan.training.batchSize, data.train.n));
      const result = await train(
        msg.plan,
        { train: data.train, ...(data.validation ? { validation: data.validation } : {}), ...('trainForEpoch' in data && data.trainForEpoch ? { trainForEpoch: data.trainForEpoch } : {}) },
        {
          signal: run.controller.signal,
          gpus: choice.gpus,
          ...(choice.backend ? { backend: choice.backend } : {}),
          ...(this.host.wasmPaths != null ? { wasmPaths: this.host.wasmPaths } : {}),
          gate: () => {
            if (!run.paused || run.controller.signal.aborted) return Promise.resolve();
            const waitStart = performance.now();
            return new Promise<void>((r) => run.resume.push(r)).then(() => void (batchStart += performance.now() - waitStart));
          },
          onEvent: (event) => {
            // Validation time (between an epoch's last batch and the next epoch) does not count.
            if (event.type === 'run-start' || event.type === 'epoch-end') batchStart = performance.now();
            if (event.type === 'batch-end') {
              const now = performance.now();
              batchesSeconds += (now - batchStart) / 1000;
              samples += Math.min(batchSize, data.train.n - (event.batch - 1) * batchSize);
              batchStart = now;
            }
            // Say why a GPU that exists was passed over, where the user sees the backend.
            if (event.type === 'run-start' && choice.skipped.length && !event.backend.startsWith('web')) event = { ...event, backendReason: `${event.backendReason} (skipped: ${choice.skipped.join('; ')})` };
            // Patient leakage and the like, found while the data was prepared, show with the run's notes.
            if (event.type === 'run-start' && 'warnings' in data && data.warnings.length) event = { ...event, notes: [...event.notes, ...data.warnings.map((w) => `${w.message} ${w.hint}`)] };
            post({ type: 'event', v, runId: run.runId, event });
          },
        },
      );
      post({ type: 'evaluating', v, runId: run.runId });
      try {
        const evaluations: EvaluationResult[] = [];
        for (const ev of data.evaluations) evaluations.push(await evaluateOne(result.model, ev, msg.plan));
        const model = await exportModel(result.model);
        const outcome = {
          history: result.history,
          bestEpoch: result.bestEpoch,
          stoppedBecause: result.stoppedBecause,
          backend: result.backend,
          backendReason: result.backendReason,
          message: result.message ?? null,
          model,
          evaluations,
          samplesPerSecond: batchesSeconds > 0 ? samples / batchesSeconds : 0,
        };
        const transfer = [model.weights.buffer, ...evaluations.flatMap((e) => [e.truth.buffer, e.pred.buffer, ...(e.images ? [e.images.buffer] : [])])] as ArrayBuffer[];
        post({ type: 'done', v, runId: run.runId, outcome }, [...new Set(transfer)]);
      } finally {
        result.model.dispose();
      }
    } catch (e) {
      post({ type: 'failed', v, runId: run.runId, ...failureOf(e) });
    } finally {
      this.run = null;
    }
  }

  private async predictOne(msg: Extract<ToWorker, { type: 'predict' }>): Promise<void> {
    const v = PROTOCOL_VERSION;
    try {
      // A fresh worker (after a reload) has chosen no backend yet: one image needs no GPU.
      if (!this.run && tf.getBackend() == null) await tf.setBackend('cpu');
      const model = await importModel(msg.model);
      try {
        const n = 1;
        const set = { x: msg.image, n, imageShape: msg.shape, y: new Float32Array(0), labelShape: [] };
        // A file larger than the input of a model trained on patches is predicted window by window.
        const out = await predictSet(model, set, 1, msg.slidingWindow ?? {});
        this.host.post({ type: 'prediction', v, requestId: msg.requestId, values: out.values, shape: out.shape }, [out.values.buffer as ArrayBuffer]);
      } finally {
        model.dispose();
      }
    } catch (e) {
      this.host.post({ type: 'prediction-failed', v, requestId: msg.requestId, detail: e instanceof Error ? e.message : String(e) });
    }
  }
}

async function evaluateOne(model: tf.LayersModel, ev: WireEvaluation, plan: Plan): Promise<EvaluationResult> {
  const set: ExampleSet = ev.set;
  // Whole volumes larger than the patches the model was trained on: sliding windows, as the Evaluate block says.
  const sliding = plan.evaluations.find((e) => e.block === ev.block)?.slidingWindow;
  const out = await predictSet(model, set, plan.training.batchSize, { ...(sliding ?? {}), ...(plan.cost.activations > 0 ? { bytesPerWindow: plan.cost.activations * 4 } : {}) });
  const scores = scoreTask({ task: set.task, truth: set.y, pred: out.values, n: set.n, labelShape: set.labelShape, labelNames: set.labelNames, threshold: ev.threshold });
  return {
    block: ev.block,
    task: set.task,
    n: set.n,
    labelNames: set.labelNames,
    imageShape: set.imageShape,
    labelShape: set.labelShape,
    ids: set.ids,
    truth: set.y,
    pred: out.values,
    images: set.x.byteLength <= KEEP_IMAGES_BYTES ? set.x : null,
    threshold: ev.threshold,
    scores,
  };
}
