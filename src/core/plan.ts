import type { DataStep, LossSpec, OptimizerValue, TaskKind } from './ports';
import type { Shape } from './shape';
import type { SlidingWindowSettings } from './sliding-window';
import type { Text } from './text';

/** Keras functional-model JSON, as `tf.models.modelFromJSON` and Keras read it (snake_case keys). */
export interface KerasModelJson {
  class_name: 'Model';
  config: {
    name: string;
    layers: {
      name: string;
      class_name: string;
      config: Record<string, unknown>;
      inbound_nodes: [string, number, number, Record<string, never>][][];
    }[];
    input_layers: [string, number, number][];
    output_layers: [string, number, number][];
  };
  keras_version: string;
  backend: string;
}

export interface EarlyStopping {
  monitor: string;
  mode: 'min' | 'max';
  patience: number;
  minDelta: number;
}

/** What the Train block asks for. */
export interface TrainSettings {
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  /** null: the document's seed. */
  seed: number | null;
  earlyStopping: EarlyStopping | null;
  /** Keep the weights of the best epoch (by `monitor`) rather than the last. */
  keepBest: boolean;
  monitor: string;
  monitorMode: 'min' | 'max';
}

export interface BlockCost {
  params: number;
  /** Multiply-adds per example, forward. */
  macs: number;
  /** Output values per example (activation memory is 4 bytes each). */
  activations: number;
}

export interface CostSummary {
  blocks: Record<string, BlockCost>;
  params: number;
  macs: number;
  activations: number;
  /** Estimated peak bytes to train at the plan's batch size: runtime, data, weights, gradients, optimizer state, activations. */
  trainingBytes: number;
  /** trainingBytes in parts (compiler/memory.ts), when the pipeline can be trained. */
  memory?: MemoryEstimate;
}

/** Peak memory of a training run, in parts (fitted to measurements: src/core/compiler/memory.ts). */
export interface MemoryEstimate {
  /** Everything: runtime + data + tensors. */
  total: number;
  runtime: number;
  /** The examples in memory (0 when their number is known only once read, as for folders). */
  data: number;
  /** Tensors on the backend: weights, gradients, optimizer state, activations. */
  tensors: number;
  /** The largest single tensor: a layer's output for a whole batch, or its weights. */
  largestTensor: number;
}

export interface DataPlan {
  steps: DataStep[];
  image: number[];
  label: number[];
}

/**
 * How an Evaluate block whose volumes are larger than the model's input predicts them: windows of the
 * model's input size, blended (src/core/sliding-window.ts, src/runtime/sliding-window.ts).
 */
export interface SlidingWindowPlan extends SlidingWindowSettings {
  /** The model's input, spatial axes only. */
  window: number[];
  /** What the architecture divides each axis by at its deepest (2^depth for a U-Net). */
  divisor: number[];
}

/** Everything a runtime needs to train and evaluate, and nothing about the canvas. */
export interface Plan {
  format: 'jimu.plan';
  version: 1;
  name: string;
  seed: number;
  task: TaskKind;
  labelNames: string[];
  /** Regression targets: what one unit of the label is, when the data source says. */
  labelUnit?: Text;
  model: {
    topology: KerasModelJson;
    inputs: { block: string; shape: Shape }[];
    output: { block: string; shape: Shape };
  };
  data: { train: DataPlan; validation: DataPlan | null };
  training: TrainSettings & {
    block: string;
    loss: LossSpec;
    optimizer: OptimizerValue['spec'];
    metrics: string[];
  };
  evaluations: { block: string; data: DataPlan; metrics: string[]; threshold: number; slidingWindow?: SlidingWindowPlan }[];
  cost: CostSummary;
}
