import { diagnostic, type Diagnostic, type ExampleSet, type Plan } from '../core';
import { datasetFiles, type ExportFile } from './dataset-files';
import { exportReadme, REQUIREMENTS } from './readme';
import { DATA_BLOCKS, LAYER_CLASSES, LOSS_TYPES, OPTIMIZER_TYPES, SAMPLE_SOURCES, SCHEDULE_TYPES } from './torch-support';

export type { ExportFile } from './dataset-files';

const has = (list: readonly string[], v: string) => list.includes(v);

/** The block a plan layer comes from: a composite's inner layers are named `<composite>__<inner>`. */
export const layerBlock = (layerName: string) => layerName.split('__')[0]!;

/**
 * Why a plan cannot be exported to PyTorch: one J501 per block whose layer class, data step, loss,
 * optimizer or schedule jimu_torch does not implement (each block named once). Empty when it can.
 */
export function exportProblems(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const refuse = (what: string, block: string, type: string, supported: readonly string[]) => {
    if (seen.has(block)) return;
    seen.add(block);
    out.push(diagnostic('J501', { what: { en: what, zh: ZH[what] ?? what }, block, type, supported: supported.join(', ') }, { block }));
  };
  for (const layer of plan.model.topology.config.layers) {
    if (layer.class_name === 'InputLayer' || layer.class_name in LAYER_CLASSES) continue;
    refuse('The layer block', layerBlock(layer.name), layer.class_name, Object.keys(LAYER_CLASSES));
  }
  const streams = [plan.data.train, ...(plan.data.validation ? [plan.data.validation] : []), ...plan.evaluations.map((e) => e.data)];
  for (const s of streams) for (const step of s.steps) if (!has(DATA_BLOCKS, step.type)) refuse('The data block', step.block, step.type, DATA_BLOCKS);
  const t = plan.training;
  if (!has(LOSS_TYPES, t.loss.type)) refuse('The loss block', t.loss.block, t.loss.type, LOSS_TYPES);
  if (!has(OPTIMIZER_TYPES, t.optimizer.type)) refuse('The optimizer block', t.optimizer.block, t.optimizer.type, OPTIMIZER_TYPES);
  const sched = t.optimizer.schedule;
  if (sched && !has(SCHEDULE_TYPES, sched.type)) refuse('The schedule block', sched.block, sched.type, SCHEDULE_TYPES);
  return out;
}

const ZH: Record<string, string> = {
  'The layer block': '网络层模块',
  'The data block': '数据模块',
  'The loss block': '损失模块',
  'The optimizer block': '优化器模块',
  'The schedule block': '学习率调度模块',
};

export interface ExportOptions {
  /** The jimu_torch package and train.py, as `python/` holds them (paths relative to it). */
  python: ExportFile[];
  /** The source's examples, for `--with-data` (null: the project reads a dataset folder given with --data). */
  sourceSet: ExampleSet | null;
  dataType: 'float32' | 'int16';
  gzip: (bytes: Uint8Array) => Uint8Array;
  modalities?: readonly string[];
  pipelineFile: string;
  jimuVersion: string;
  /** Told after each case of the source set is written. */
  onCase?: (done: number, total: number) => void;
}

/**
 * The files of an exported project: plan.json, jimu_torch/ and train.py, requirements.txt, README.md and,
 * with a source set, data/ (the dataset folder train.py reads by default). Call `exportProblems` first.
 */
export function exportFiles(plan: Plan, o: ExportOptions): ExportFile[] {
  const text = (path: string, s: string): ExportFile => ({ path, bytes: new TextEncoder().encode(s) });
  const source = plan.data.train.steps[0]!;
  const sample = has(SAMPLE_SOURCES, source.type);
  const exported = { ...plan, export: { target: 'pytorch', jimu: o.jimuVersion, pipeline: o.pipelineFile, withData: !!o.sourceSet, sampleSource: sample ? source.type : null } };
  const files: ExportFile[] = [text('plan.json', `${JSON.stringify(exported, null, 1)}\n`), ...o.python, text('requirements.txt', REQUIREMENTS), text('README.md', exportReadme(plan, { withData: !!o.sourceSet, sample }))];
  if (o.sourceSet) files.push(...datasetFiles(o.sourceSet, { dataType: o.dataType, gzip: o.gzip, source: { block: source.block, type: source.type, params: source.params }, ...(o.modalities ? { modalities: o.modalities } : {}), ...(o.onCase ? { onCase: o.onCase } : {}) }));
  return files;
}
