import type { Shape } from './shape';
import type { Text } from './text';
import type { ConvolutionalCheck } from './compiler/convolutional';

/**
 * What travels along a link. A link is legal only between ports of the same kind.
 * - dataset: a stream of {image, label} examples (shapes per example, no batch);
 * - tensor: a symbolic model tensor (batch first, `null`);
 * - model: a model closed by a loss (ready to train), or a trained model;
 * - optimizer / schedule: training settings;
 * - report: evaluation results.
 */
export type PortKind = 'dataset' | 'tensor' | 'model' | 'optimizer' | 'schedule' | 'report';

/** Port kinds in words, with their article in English ("an optimizer"). */
export const PORT_KIND_NAMES: Record<PortKind, Text> = {
  dataset: { en: 'a dataset', zh: '数据集' },
  tensor: { en: 'a tensor', zh: '张量' },
  model: { en: 'a model', zh: '模型' },
  optimizer: { en: 'an optimizer', zh: '优化器' },
  schedule: { en: 'a learning-rate schedule', zh: '学习率调度' },
  report: { en: 'a report', zh: '评估报告' },
};

export interface PortSpec {
  kind: PortKind;
  label?: Text;
  /** An optional input may stay unconnected. */
  optional?: boolean;
  /** The input takes any number of links (Add, Concatenate); their order is the document's link order. */
  multiple?: boolean;
}

function portOf<K extends PortKind>(kind: K) {
  return <const O extends Omit<PortSpec, 'kind'> = Record<never, never>>(o?: O) => ({ kind, ...(o ?? {}) }) as { kind: K } & O;
}

/** Port constructors that keep the literal kind, so a block's `infer` sees typed inputs. */
export const port = {
  dataset: portOf('dataset'),
  tensor: portOf('tensor'),
  model: portOf('model'),
  optimizer: portOf('optimizer'),
  schedule: portOf('schedule'),
  report: portOf('report'),
};

/** The kind of learning problem a dataset poses; losses and metrics follow from it. */
export type TaskKind = 'binary' | 'multiclass' | 'multilabel' | 'regression' | 'segmentation' | 'dense-regression';

/** One step of a data pipeline, as the plan records it; executed by the data block's `run`. */
export interface DataStep {
  block: string;
  type: string;
  params: Record<string, unknown>;
  /** For blocks with several dataset outputs (a split): which output this stream comes from. */
  output: string;
}

export interface DatasetValue {
  kind: 'dataset';
  /** Shape of one example's image, no batch: [H, W, C] or [D, H, W, C]. */
  image: number[];
  /** Shape of one example's label, no batch: [classes] for classification, [1] for regression, … */
  label: number[];
  task: TaskKind;
  labelNames: string[];
  /** Regression targets: what one unit of the label is (years, the prescribed dose), when the source knows. */
  labelUnit?: Text;
  /** Known number of examples, when the source says (null when it depends on files). */
  count: number | null;
  /** Every step from the source to here. */
  steps: DataStep[];
  /** Set by a split block. */
  subset?: 'train' | 'validation' | 'test';
  /** Voxel spacing in mm [x, y, z] of every example, when the source knows it before reading (see ExampleSet.spacing). */
  spacing?: number[];
}

export interface TensorValue {
  kind: 'tensor';
  shape: Shape;
  /** The block output this tensor comes from; the compiler sets it, so a loss block can name the model output. */
  source?: { block: string; port: string };
}

export interface LossSpec {
  type: string;
  params: Record<string, unknown>;
  block: string;
}

export interface ModelValue {
  kind: 'model';
  /** The block whose `out` tensor is the model output (the loss block's input). */
  output: { block: string; port: string };
  outputShape: Shape;
  inputShapes: Shape[];
  loss: LossSpec;
  /** Metrics that fit the loss / task, tfjs names or Jimu names. */
  metrics: string[];
  /** Set by the Train block on its output. */
  trainedBy?: string;
  /** Whether the model can predict volumes larger than its input by sliding windows (set by the compiler). */
  convolutional?: ConvolutionalCheck;
}

export interface ScheduleSpec {
  type: string;
  params: Record<string, unknown>;
  block: string;
}

export interface OptimizerValue {
  kind: 'optimizer';
  spec: { type: string; params: Record<string, unknown>; block: string; schedule?: ScheduleSpec };
}

export interface ScheduleValue {
  kind: 'schedule';
  spec: ScheduleSpec;
}

export interface ReportValue {
  kind: 'report';
  block: string;
  metrics: string[];
}

export type PortValue = DatasetValue | TensorValue | ModelValue | OptimizerValue | ScheduleValue | ReportValue;
export type ValueOf<K extends PortKind> = Extract<PortValue, { kind: K }>;
