import type { DataStep, LossSpec, OptimizerValue, TaskKind } from './ports';
import type { Shape } from './shape';

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
  /** Estimated bytes to train at the plan's batch size: weights, gradients, optimizer state, activations. */
  trainingBytes: number;
}

export interface DataPlan {
  steps: DataStep[];
  image: number[];
  label: number[];
}

/** Everything a runtime needs to train and evaluate, and nothing about the canvas. */
export interface Plan {
  format: 'jimu.plan';
  version: 1;
  name: string;
  seed: number;
  task: TaskKind;
  labelNames: string[];
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
  evaluations: { block: string; data: DataPlan; metrics: string[]; threshold: number }[];
  cost: CostSummary;
}
