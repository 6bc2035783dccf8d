import type { EvaluationResult } from '../metrics/evaluation-result';
import Papa from 'papaparse';
import type { PipelineDocument, TaskKind } from '../core';
import { CodedError, type CodedErrorData } from '../core/diagnostics/coded-error';
import { parseDocument } from '../core/document';
import { scoreTask } from '../metrics/report';
import type { EvaluateTask } from '../metrics/prediction-files';
import { formatBytes } from './inflate';
import { readVolume } from './medical';
import { listZip, readZipEntry } from './run-zip';

/**
 * A run folder opened in the app: the folder `jimu train --out` writes, or the one the PyTorch export's
 * `train.py --out` writes in the same layout (model.json + weights, history.json, metrics.json,
 * manifest.json, predictions/ + truth/), or a zip of either. Pure: the page hands in names and bytes and
 * gets back what it can show, or coded reasons (catalogue J760–J773) why not, naming the file.
 */

/** How training ended and one epoch of its history, as src/runtime/train-types.ts declares them (the pure core cannot import the runtime). */
export type StopReason = 'completed' | 'early-stopping' | 'aborted' | 'nan';
export interface EpochRecord {
  epoch: number;
  learningRate: number;
  logs: Record<string, number>;
}

/** What Jimu unpacks or reads of one run at most (model, weights, reports and predictions together). */
export const RUN_FOLDER_MAX_BYTES = 512 * 1024 * 1024;

export interface RunFile {
  /** Relative to the run folder, '/'-separated. */
  path: string;
  bytes: Uint8Array;
}

/** Whether Jimu reads a file of a run folder (everything else is left aside, e.g. model.pt and checkpoints). */
export function isRunFile(path: string): boolean {
  return /^(model|history|metrics|manifest|pipeline)\.json$/.test(path) || /^[^/]+\.bin$/.test(path) || /^(predictions|truth)\/.+\.(csv|nii|nii\.gz)$/i.test(path);
}

/** A name that is absolute, climbs out (`..`), uses backslashes or control characters: never read. */
export function unsafePath(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name === '' || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || /[\u0000-\u001f]/.test(name) || name.split('/').some((s) => s === '..' || s === '.');
}

/**
 * Which of a folder's (or zip's) files Jimu reads, under their run-relative names: the one top folder that a
 * folder picker or `zip -r run.zip run` puts around everything is dropped. Unsafe names and files a run
 * does not show are listed, not read.
 */
export function selectRunFiles(names: readonly string[]): { keep: Map<string, string>; ignored: string[]; unsafe: string[] } {
  const unsafe = names.filter(unsafePath);
  const safe = names.filter((n) => !unsafePath(n));
  const tops = new Set(safe.map((n) => (n.includes('/') ? n.split('/')[0]! : '')));
  const prefix = tops.size === 1 && !tops.has('') && !safe.includes('model.json') ? `${[...tops][0]}/` : '';
  const keep = new Map<string, string>();
  const ignored: string[] = [];
  for (const n of safe) {
    const rel = n.slice(prefix.length);
    if (isRunFile(rel)) keep.set(n, rel);
    else ignored.push(rel);
  }
  return { keep, ignored, unsafe };
}

/** What a zip holds of a run: the files Jimu reads (unpacked under the cap), and the names left aside. */
export function unzipRun(bytes: Uint8Array, maxBytes = RUN_FOLDER_MAX_BYTES): { files: RunFile[]; ignored: string[]; unsafe: string[] } {
  const entries = listZip(bytes);
  const { keep, ignored, unsafe } = selectRunFiles(entries.map((e) => e.name));
  const wanted = entries.filter((e) => keep.has(e.name));
  // The declared sizes first: a zip that says it unpacks to too much is refused before anything is unpacked.
  const declared = wanted.reduce((a, e) => a + e.size, 0);
  if (declared > maxBytes) throw new CodedError('J769', { limit: formatBytes(maxBytes) });
  return { files: wanted.map((e) => ({ path: keep.get(e.name)!, bytes: readZipEntry(bytes, e) })), ignored, unsafe };
}

/** One Evaluate block's predictions and reference, read back from predictions/ and truth/ (no images are kept). */
export type RunEvaluation = EvaluationResult & { images: null };

/** Where a run was trained, from its manifest.json. */
export interface RunOrigin {
  /** `pytorch`: the exported project's train.py; `jimu`: `jimu train`. */
  engine: 'pytorch' | 'jimu' | 'unknown';
  backend: string;
  torch: string | null;
  python: string | null;
  devices: string[];
  worldSize: number | null;
  amp: string | null;
  /** The folder or zip it was opened from. */
  source: string;
}

/** Everything the app keeps of an opened run folder. */
export interface OpenedRun {
  name: string;
  seed: number;
  started: string | null;
  finished: number;
  stoppedBecause: StopReason;
  message: string | null;
  history: EpochRecord[];
  bestEpoch: number | null;
  model: { modelJson: Record<string, unknown>; weights: Uint8Array; weightsFile: string };
  evaluations: RunEvaluation[];
  /** Where the scores shown come from: metrics.json, or computed here from predictions/ + truth/. */
  scoresFrom: Record<string, 'metrics.json' | 'predictions'>;
  samplesPerSecond: number;
  counts: { train: number; validation: number };
  origin: RunOrigin;
  /** The pipeline.json a `jimu train` run writes (PyTorch runs carry only its name). */
  doc: PipelineDocument | null;
  /** The model's layers (name → Keras class), to tell whether a pipeline is the one the run trained. */
  layers: Record<string, string>;
  inputShape: number[];
}

export interface RunFolderCheck {
  run: OpenedRun | null;
  errors: CodedErrorData[];
  /** Opened, but with something missing or left aside. */
  warnings: CodedErrorData[];
}

const text = new TextDecoder('utf-8');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problem extends Error {
  constructor(readonly data: CodedErrorData) {
    super(data.code);
  }
}
const problem = (code: CodedErrorData['code'], args: CodedErrorData['args']) => new Problem({ code, args });

function json(files: Map<string, Uint8Array>, file: string): unknown {
  const bytes = files.get(file);
  if (!bytes) return undefined;
  try {
    return JSON.parse(text.decode(bytes)) as unknown;
  } catch (e) {
    throw problem('J761', { file, detail: e instanceof Error ? e.message : String(e) });
  }
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, int16: 2, complex64: 8 };

/** model.json's weights, joined in the manifest's order into one buffer, checked against the sizes it declares. */
function readModel(files: Map<string, Uint8Array>): OpenedRun['model'] & { layers: Record<string, string>; inputShape: number[] } {
  const m = json(files, 'model.json');
  if (m === undefined) throw problem('J760', {});
  if (!isObject(m) || !isObject(m.modelTopology) || !Array.isArray(m.weightsManifest)) throw problem('J762', { file: 'model.json', detail: 'it has no modelTopology and weightsManifest (a TensorFlow.js layers model)' });
  const groups = m.weightsManifest as unknown[];
  let expected = 0;
  const paths: string[] = [];
  for (const g of groups) {
    if (!isObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) throw problem('J762', { file: 'model.json', detail: 'a weightsManifest entry lacks its paths or weights' });
    for (const p of g.paths) if (typeof p === 'string') paths.push(p.replace(/^\.\//, ''));
    for (const w of g.weights as unknown[]) {
      if (!isObject(w) || !Array.isArray(w.shape)) throw problem('J762', { file: 'model.json', detail: 'a weight has no shape' });
      const q = isObject(w.quantization) && typeof w.quantization.dtype === 'string' ? w.quantization.dtype : String(w.dtype ?? 'float32');
      const size = BYTES[q];
      if (!size) throw problem('J762', { file: 'model.json', detail: `the weight ${String(w.name)} has the type ${q}` });
      expected += (w.shape as number[]).reduce((a, b) => a * Number(b), 1) * size;
    }
  }
  const parts: Uint8Array[] = [];
  for (const p of paths) {
    const b = files.get(p);
    if (!b) throw problem('J763', { file: p });
    parts.push(b);
  }
  const found = parts.reduce((a, b) => a + b.length, 0);
  if (found !== expected) throw problem('J764', { files: paths.join(', '), found, expected });
  const weights = new Uint8Array(found);
  let at = 0;
  for (const b of parts) {
    weights.set(b, at);
    at += b.length;
  }
  const allWeights = groups.flatMap((g) => (g as { weights: unknown[] }).weights);
  const modelJson = { ...m, weightsManifest: [{ paths: ['weights.bin'], weights: allWeights }] };
  const layers: Record<string, string> = {};
  let inputShape: number[] = [];
  const config = (m.modelTopology as { config?: { layers?: unknown } }).config;
  if (Array.isArray(config?.layers)) {
    for (const l of config.layers as { name?: unknown; class_name?: unknown; config?: { batch_input_shape?: unknown } }[]) {
      if (typeof l.name === 'string' && typeof l.class_name === 'string') layers[l.name] = l.class_name;
      if (l.class_name === 'InputLayer' && Array.isArray(l.config?.batch_input_shape) && !inputShape.length) inputShape = (l.config.batch_input_shape as (number | null)[]).slice(1).map(Number);
    }
  }
  return { modelJson, weights, weightsFile: 'weights.bin', layers, inputShape };
}

function readHistory(files: Map<string, Uint8Array>, warnings: CodedErrorData[]): EpochRecord[] {
  const h = json(files, 'history.json');
  if (h === undefined) {
    warnings.push({ code: 'J765', args: { file: 'history.json', what: { en: 'its curves', zh: '曲线' } } });
    return [];
  }
  if (!Array.isArray(h)) throw problem('J762', { file: 'history.json', detail: 'it is not a list of epochs' });
  return h.map((e, i) => {
    if (!isObject(e) || !isObject(e.logs)) throw problem('J762', { file: 'history.json', detail: `epoch ${i + 1} has no logs` });
    const logs = Object.fromEntries(Object.entries(e.logs).filter((kv): kv is [string, number] => typeof kv[1] === 'number'));
    return { epoch: typeof e.epoch === 'number' ? e.epoch : i + 1, learningRate: typeof e.learningRate === 'number' ? e.learningRate : Number.NaN, logs };
  });
}

const STOPS: readonly StopReason[] = ['completed', 'early-stopping', 'aborted', 'nan'];

function originOf(manifest: Record<string, unknown>, source: string): RunOrigin {
  const engine = isObject(manifest.engine) ? manifest.engine : {};
  const backend = isObject(manifest.backend) && typeof manifest.backend.name === 'string' ? manifest.backend.name : 'unknown';
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    engine: backend.startsWith('pytorch') || 'torch' in engine ? 'pytorch' : backend === 'unknown' ? 'unknown' : 'jimu',
    backend,
    torch: str(engine.torch),
    python: str(engine.python),
    devices: Array.isArray(engine.devices) ? engine.devices.filter((d): d is string => typeof d === 'string') : [],
    worldSize: typeof engine.world_size === 'number' ? engine.world_size : null,
    amp: str(engine.amp),
    source,
  };
}

/** A CSV of `id` and numbers (what `jimu evaluate` reads), as ids, columns and rows. */
function table(bytes: Uint8Array, file: string): { columns: string[]; rows: Map<string, number[]> } {
  const parsed = Papa.parse<string[]>(text.decode(bytes).trim(), { skipEmptyLines: true });
  const [header, ...body] = parsed.data;
  if (!header || header[0]?.trim().toLowerCase() !== 'id' || header.length < 2) throw new Error(`${file}: the first column must be "id", followed by the labels`);
  const rows = new Map<string, number[]>();
  body.forEach((cells, r) => {
    const values = cells.slice(1).map(Number);
    if (cells.length !== header.length || values.some((v) => !Number.isFinite(v))) throw new Error(`${file}: row ${r + 2} is not an id and ${header.length - 1} number(s)`);
    rows.set(cells[0]!.trim(), values);
  });
  return { columns: header.slice(1).map((c) => c.trim()), rows };
}

interface Written {
  set: string;
  task: EvaluateTask;
  pred: string;
  truth: string;
  threshold?: number;
}

/** Pairs two tables by id in the truth's order (as `jimu evaluate` does). */
function tables(files: Map<string, Uint8Array>, w: Written): { ids: string[]; columns: string[]; truth: number[][]; pred: number[][] } {
  const need = (p: string) => {
    const b = files.get(p);
    if (!b) throw new Error(`${p} is missing`);
    return table(b, p);
  };
  const pred = need(w.pred);
  const truth = need(w.truth);
  const ids = [...truth.rows.keys()];
  const missing = ids.filter((id) => !pred.rows.has(id));
  if (missing.length) throw new Error(`${missing.length} case(s) of ${w.truth} have no prediction in ${w.pred}`);
  const cols = truth.columns.map((c) => pred.columns.indexOf(c));
  if (cols.some((c) => c < 0)) throw new Error(`${w.pred} lacks columns of ${w.truth}`);
  return { ids, columns: truth.columns, truth: ids.map((id) => truth.rows.get(id)!), pred: ids.map((id) => cols.map((c) => pred.rows.get(id)![c]!)) };
}

/** Hints from the pipeline the run trained, when the app has it: the task and the label shape. */
export interface RunHints {
  task?: TaskKind;
  labelShape?: number[];
}

async function readEvaluation(files: Map<string, Uint8Array>, w: Written, inputShape: number[], hints: RunHints): Promise<Omit<RunEvaluation, 'scores'>> {
  const base = { block: w.set, imageShape: inputShape, images: null, threshold: w.threshold ?? 0.5 } as const;
  if (w.task === 'classification' || w.task === 'regression') {
    const t = tables(files, w);
    const per = t.columns.length;
    let task: TaskKind = 'regression';
    if (w.task === 'classification') {
      const oneHot = t.truth.every((r) => r.filter((v) => v === 1).length === 1);
      task = hints.task && hints.task !== 'regression' ? hints.task : per === 1 ? 'binary' : oneHot ? 'multiclass' : 'multilabel';
    }
    return { ...base, task, n: t.ids.length, labelNames: t.columns, labelShape: [per], ids: t.ids, truth: Float32Array.from(t.truth.flat()), pred: Float32Array.from(t.pred.flat()) };
  }
  if (w.task !== 'segmentation') throw new Error(`the app shows ${w.task} predictions only through metrics.json; score them with jimu evaluate`);
  // Label maps, one NIfTI per case, matched by name; scored as one-hot masks (or one channel for a sigmoid mask).
  const nifti = /\.nii(\.gz)?$/i;
  const under = (dir: string) => new Map([...files.keys()].filter((p) => p.startsWith(`${dir}/`) && nifti.test(p)).map((p) => [p.slice(dir.length + 1).replace(nifti, ''), p]));
  const preds = under(w.pred);
  const truths = under(w.truth);
  if (!truths.size) throw new Error(`${w.truth} holds no NIfTI files`);
  const ids = [...truths.keys()].sort();
  const missing = ids.filter((id) => !preds.has(id));
  if (missing.length) throw new Error(`${missing.length} case(s) of ${w.truth} have no prediction in ${w.pred}`);
  const maps: { truth: Float32Array; pred: Float32Array }[] = [];
  let shape: number[] = [];
  for (const id of ids) {
    const [t, p] = [await readVolume(files.get(truths.get(id)!)!), await readVolume(files.get(preds.get(id)!)!)];
    if (t.data.length !== p.data.length) throw new Error(`the prediction of ${id} is ${p.shape.join('×')} but its truth ${t.shape.join('×')}`);
    if (shape.length && shape.join() !== t.shape.join()) throw new Error(`the cases have different grids (${shape.join('×')} and ${t.shape.join('×')})`);
    shape = [...t.shape];
    maps.push({ truth: Float32Array.from(t.data), pred: Float32Array.from(p.data) });
  }
  const voxels = maps[0]!.truth.length;
  const top = Math.max(1, ...maps.flatMap((m) => [Math.max(...m.truth), Math.max(...m.pred)]));
  const channels = hints.labelShape?.at(-1) ?? top + 1;
  const spatial = hints.labelShape && hints.labelShape.slice(0, -1).reduce((a, b) => a * b, 1) === voxels ? hints.labelShape.slice(0, -1) : [...shape].reverse();
  const expand = (labels: Float32Array) => {
    const out = new Float32Array(voxels * channels);
    for (let v = 0; v < voxels; v++) {
      const l = Math.round(labels[v]!);
      if (channels === 1) out[v] = l > 0 ? 1 : 0;
      else if (l >= 0 && l < channels) out[v * channels + l] = 1;
    }
    return out;
  };
  const join = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  const labelNames = channels === 1 ? ['foreground'] : Array.from({ length: channels }, (_, c) => (c === 0 ? 'background' : `label_${c}`));
  return { ...base, task: 'segmentation', n: ids.length, labelNames, labelShape: [...spatial, channels], ids, truth: join(maps.map((m) => expand(m.truth))), pred: join(maps.map((m) => expand(m.pred))) };
}

/**
 * Checks a run folder's files and reads what the app shows of it. `hints` (the task and label shape of the
 * pipeline the app holds) only shape how label maps are read back; the scores come from metrics.json when
 * it has them, else from predictions/ + truth/ with the metrics the app and `jimu evaluate` share.
 */
export async function checkRunFolder(list: readonly RunFile[], source: string, hints: RunHints = {}): Promise<RunFolderCheck> {
  const files = new Map(list.map((f) => [f.path, f.bytes]));
  const warnings: CodedErrorData[] = [];
  try {
    const model = readModel(files);
    const history = readHistory(files, warnings);
    const manifestRaw = json(files, 'manifest.json');
    if (manifestRaw === undefined) warnings.push({ code: 'J765', args: { file: 'manifest.json', what: { en: 'where and how it was trained', zh: '训练地点与方式' } } });
    else if (!isObject(manifestRaw) || manifestRaw.format !== 'jimu.run') throw problem('J762', { file: 'manifest.json', detail: 'it is not a Jimu run manifest (format "jimu.run")' });
    const manifest = isObject(manifestRaw) ? manifestRaw : {};
    const metricsRaw = json(files, 'metrics.json');
    if (metricsRaw === undefined) warnings.push({ code: 'J765', args: { file: 'metrics.json', what: { en: 'its recorded scores', zh: '记录的分数' } } });
    else if (!isObject(metricsRaw)) throw problem('J762', { file: 'metrics.json', detail: 'it is not an object of scores' });
    const metrics = isObject(metricsRaw) ? metricsRaw : {};
    let doc: PipelineDocument | null = null;
    const pipelineBytes = files.get('pipeline.json');
    if (pipelineBytes) doc = parseDocument(text.decode(pipelineBytes)).document ?? null;

    const recorded = isObject(metrics.evaluations) ? metrics.evaluations : {};
    const written: Written[] = Array.isArray(manifest.predictions)
      ? manifest.predictions.filter((p): p is Written => isObject(p) && typeof p.set === 'string' && typeof p.pred === 'string' && typeof p.truth === 'string' && typeof p.task === 'string')
      : [];
    const evaluations: RunEvaluation[] = [];
    const scoresFrom: OpenedRun['scoresFrom'] = {};
    for (const w of written) {
      try {
        const e = await readEvaluation(files, w, model.inputShape, hints);
        const fromMetrics = recorded[w.set];
        const useRecorded = isObject(fromMetrics) && Object.keys(fromMetrics).length > 0;
        scoresFrom[w.set] = useRecorded ? 'metrics.json' : 'predictions';
        const scores = useRecorded ? fromMetrics : scoreTask({ task: e.task, truth: e.truth, pred: e.pred, n: e.n, labelShape: e.labelShape, labelNames: e.labelNames, threshold: e.threshold });
        evaluations.push({ ...e, scores });
      } catch (err) {
        warnings.push({ code: 'J766', args: { set: w.set, detail: err instanceof Error ? err.message : String(err) } });
      }
    }
    const stop = (metrics.stoppedBecause ?? manifest.stoppedBecause) as string;
    const stoppedBecause: StopReason = STOPS.includes(stop as StopReason) ? (stop as StopReason) : 'aborted';
    const pipeline = isObject(manifest.pipeline) ? manifest.pipeline : {};
    const data = isObject(manifest.data) ? manifest.data : {};
    const finished = Date.parse(String(manifest.finished ?? ''));
    const throughput = isObject(metrics.throughput) ? metrics.throughput.samplesPerSecond : undefined;
    const message = typeof manifest.message === 'string' ? manifest.message : null;
    return {
      run: {
        name: typeof pipeline.name === 'string' ? pipeline.name : (doc?.name ?? source),
        seed: typeof manifest.seed === 'number' ? manifest.seed : 0,
        started: typeof manifest.started === 'string' ? manifest.started : null,
        finished: Number.isFinite(finished) ? finished : Date.now(),
        stoppedBecause,
        message: stop && !STOPS.includes(stop as StopReason) ? [`stopped: ${stop}`, message].filter(Boolean).join('; ') : message,
        history,
        bestEpoch: typeof metrics.bestEpoch === 'number' ? metrics.bestEpoch : null,
        model: { modelJson: model.modelJson, weights: model.weights, weightsFile: model.weightsFile },
        evaluations,
        scoresFrom,
        samplesPerSecond: typeof throughput === 'number' ? throughput : 0,
        counts: { train: typeof data.train === 'number' ? data.train : 0, validation: typeof data.validation === 'number' ? data.validation : 0 },
        origin: originOf(manifest, source),
        doc,
        layers: model.layers,
        inputShape: model.inputShape,
      },
      errors: [],
      warnings,
    };
  } catch (e) {
    if (e instanceof Problem) return { run: null, errors: [e.data], warnings };
    if (e instanceof CodedError) return { run: null, errors: [e.diagnostic], warnings };
    throw e;
  }
}

/**
 * Whether `layers` (a pipeline's compiled model: layer name → class) is the network the run trained: the same
 * layers by name and class, and the same input shape. Null when it is; else why not, in both languages.
 */
export function pipelineMismatch(run: Pick<OpenedRun, 'layers' | 'inputShape'>, layers: Record<string, string>, inputShape: number[]): { en: string; zh: string } | null {
  const mine = Object.keys(run.layers);
  const theirs = Object.keys(layers);
  const missing = mine.filter((n) => !(n in layers));
  const extra = theirs.filter((n) => !(n in run.layers));
  if (missing.length || extra.length) {
    const names = [...missing, ...extra].slice(0, 4).join(', ');
    return { en: `the model's layers differ (${names})`, zh: `模型的层不同（${names}）` };
  }
  const changed = mine.filter((n) => run.layers[n] !== layers[n]);
  if (changed.length) return { en: `the layer ${changed[0]} is a ${run.layers[changed[0]!]} in the run`, zh: `层 ${changed[0]} 在运行中是 ${run.layers[changed[0]!]}` };
  if (run.inputShape.length && inputShape.join('×') !== run.inputShape.join('×')) {
    return { en: `the model takes ${run.inputShape.join('×')} inputs, the pipeline ${inputShape.join('×')}`, zh: `模型的输入为 ${run.inputShape.join('×')}，流程为 ${inputShape.join('×')}` };
  }
  return null;
}
