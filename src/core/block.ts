import type { SlidingWindowSettings } from './sliding-window';
import type { BlockMigration } from './block-migrations';
import type { z } from 'zod';
import type { BlockIssue, DiagnosticArgs, DiagnosticCode } from './diagnostics';
import type { CaseSource, DataIO, ExampleMeta, ExampleSet } from './examples';
import type { PortKind, PortSpec, PortValue, ValueOf } from './ports';
import type { Shape } from './shape';
import type { TrainSettings } from './plan';
import type { Text } from './text';

/** Palette groups, in the order a pipeline reads. */
export const CATEGORIES = [
  'data',
  'preprocessing',
  'input',
  'layer',
  'composite',
  'merge',
  'loss',
  'optimizer',
  'training',
  'evaluation',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAMES: Record<Category, Text> = {
  data: { en: 'Data', zh: '数据' },
  preprocessing: { en: 'Preprocessing', zh: '预处理' },
  input: { en: 'Model inputs', zh: '模型输入' },
  layer: { en: 'Layers', zh: '网络层' },
  composite: { en: 'Building blocks (composite)', zh: '组合模块' },
  merge: { en: 'Merge', zh: '合并' },
  loss: { en: 'Losses', zh: '损失函数' },
  optimizer: { en: 'Optimizers', zh: '优化器' },
  training: { en: 'Training', zh: '训练' },
  evaluation: { en: 'Evaluation', zh: '评估' },
};

type InputValues<I extends Record<string, PortSpec>> = {
  [K in keyof I]: I[K]['multiple'] extends true
    ? ValueOf<I[K]['kind']>[]
    : I[K]['optional'] extends true
      ? ValueOf<I[K]['kind']> | undefined
      : ValueOf<I[K]['kind']>;
};

type OutputValues<O extends Record<string, PortSpec>> = { [K in keyof O]: ValueOf<O[K]['kind']> };

export interface InferContext {
  /** The block's id in the document. */
  id: string;
  /** The block's display name, for messages. */
  label: Text;
  /** Builds an issue about this block (the compiler fills in the block id). */
  fail(code: DiagnosticCode, args?: DiagnosticArgs, port?: string): BlockIssue;
}

/** Outputs (with any warnings worth showing), or the issues that stop this block. */
export type InferResult<O extends Record<string, PortSpec>> = { outputs: OutputValues<O>; warnings?: BlockIssue[] } | { issues: BlockIssue[] };

/** A layer as tfjs-layers and Keras name it. Config keys are tfjs-layers' camelCase names. */
export interface LayerLowering {
  className: string;
  config: Record<string, unknown>;
}

export interface LowerContext {
  /** A seed for this block's initializers and dropout, derived from the document seed. */
  seed: number;
  inputShapes: Shape[];
  outputShape: Shape;
}

/** Per-example cost of a layer. */
export interface LayerCost {
  params: number;
  /** Multiply-adds for one example in the forward pass. */
  macs: number;
}

export type DataRun<P> =
  | {
      /**
       * `limit`: the caller needs only the first `limit` examples (a preview); a source may make just
       * those, the very ones the full set starts with, or ignore it and make them all.
       */
      source: (params: P, io: DataIO, ctx: { seed: number; limit?: number }) => Promise<ExampleSet>;
      /** The same data as a list of cases read one at a time (what lets a cohort larger than memory train); absent: read whole. */
      cases?: (params: P, io: DataIO, ctx: { seed: number }) => Promise<CaseSource>;
    }
  | {
      /**
       * `subset`: the part of a split this stream ends in (`train` for the training stream), if a split names one.
       * `epoch`: the training epoch (from 1) a per-epoch step runs for; its `seed` then differs from epoch to epoch.
       */
      transform: (input: ExampleSet, params: P, ctx: { seed: number; output: string; subset?: 'train' | 'validation' | 'test'; epoch?: number }) => ExampleSet | Promise<ExampleSet>;
      /**
       * A random step whose draws training renews (augmentation, random patches): the training stream
       * runs it, and every step after it, afresh each epoch with a seed derived from the run seed and
       * the epoch, while the steps before it run once and are kept. Validation and test streams run it
       * once with the step's own seed, so they stay the same in every epoch.
       */
      perEpoch?: boolean;
      /**
       * The transform treats each example on its own (its randomness, if any, drawn per example from the
       * seed and the example's id), so it can run on one case at a time: the number of examples it makes
       * from each. Absent: it needs the whole set.
       */
      perCase?: (params: P) => number;
      /**
       * A step that only chooses examples (a split): the indices it keeps, from what the set says about
       * its examples; null when it needs the labels themselves.
       */
      select?: (meta: ExampleMeta, params: P, ctx: { seed: number; output: string }) => number[] | null;
    };

export interface BlockSpec<
  I extends Record<string, PortSpec>,
  O extends Record<string, PortSpec>,
  S extends z.ZodObject,
> {
  /** Stable type name; layer blocks use the Keras class name. */
  type: string;
  category: Category;
  /** The version of the parameters; raise it, and add a migration, whenever saved parameters would change meaning. */
  version: number;
  /** How parameters of each earlier version become the next (`to` = 2, 3, …, `version`). */
  migrations?: BlockMigration[];
  label: Text;
  /** Help text: what it does, when to use it. */
  doc: Text;
  inputs: I;
  outputs: O;
  /** The parameters: their type, defaults, form and JSON Schema all come from this. */
  params: S;
  /** Labels (and optional help) for each parameter in the inspector. */
  paramText?: { [K in keyof z.output<S>]?: { label: Text; doc?: Text } };
  infer(inputs: InputValues<I>, params: z.output<S>, ctx: InferContext): InferResult<O>;
  /** Model blocks (inputs and layers): how the block becomes a tfjs/Keras layer. */
  lower?(params: z.output<S>, ctx: LowerContext): LayerLowering;
  /** Model blocks: parameter count and multiply-adds per example. */
  cost?(params: z.output<S>, io: { inputs: Shape[]; output: Shape }): LayerCost;
  /** Data blocks: how the step runs. */
  run?: DataRun<z.output<S>>;
  /** Composite blocks: the sub-graph this block stands for, built from its parameters. */
  expand?(params: z.output<S>): Subgraph;
  /** Composite blocks: what they ask of their inputs, said in their own terms (see {@link CompositeCheck}). */
  check?(inputs: Record<string, PortValue | undefined>, params: z.output<S>, ctx: InferContext): BlockIssue[];
  /** The Train block: the settings the plan records. */
  train?(params: z.output<S>): TrainSettings;
  /** Evaluation blocks: their decision threshold and sliding-window settings (the metrics come from the report they infer). */
  evaluate?(params: z.output<S>): EvaluateSettings;
}

/**
 * What a composite block stands for: blocks and links in the document's own format, and where the
 * composite's ports attach inside. Inner ids are local; the compiler prefixes them with the
 * composite's id.
 */
export interface Subgraph {
  blocks: { id: string; type: string; params?: Record<string, unknown>; name?: string }[];
  links: { from: { block: string; port: string }; to: { block: string; port: string } }[];
  /** For each input port of the composite, the inner input ports it feeds. */
  inputs: Record<string, { block: string; port: string }[]>;
  /** For each output port of the composite, the inner output port it is. */
  outputs: Record<string, { block: string; port: string }>;
}

/** A block declaration with its types erased, as the registry and the compiler hold it. */
export interface BlockDef {
  type: string;
  category: Category;
  version: number;
  migrations?: BlockMigration[];
  label: Text;
  doc: Text;
  inputs: Record<string, PortSpec>;
  outputs: Record<string, PortSpec>;
  params: z.ZodObject;
  paramText?: Record<string, { label: Text; doc?: Text } | undefined>;
  infer(inputs: Record<string, PortValue | PortValue[] | undefined>, params: unknown, ctx: InferContext): {
    outputs: Record<string, PortValue>;
    warnings?: BlockIssue[];
  } | { issues: BlockIssue[] };
  lower?(params: unknown, ctx: LowerContext): LayerLowering;
  cost?(params: unknown, io: { inputs: Shape[]; output: Shape }): LayerCost;
  run?: DataRun<unknown>;
  expand?(params: unknown): Subgraph;
  check?(inputs: Record<string, PortValue | undefined>, params: unknown, ctx: InferContext): BlockIssue[];
  train?(params: unknown): TrainSettings;
  evaluate?(params: unknown): EvaluateSettings;
}

/** Declares a block once: everything else (palette, inspector, compiler, schema) reads this. */
export function defineBlock<
  const I extends Record<string, PortSpec>,
  const O extends Record<string, PortSpec>,
  S extends z.ZodObject,
>(spec: BlockSpec<I, O, S>): BlockDef {
  return spec as unknown as BlockDef;
}

/** True for blocks that become part of the tf model. */
export function isModelBlock(def: BlockDef): boolean {
  return typeof def.lower === 'function';
}

export function outputKinds(def: BlockDef): PortKind[] {
  return Object.values(def.outputs).map((p) => p.kind);
}

/** What an evaluation block sets: its decision threshold, and how volumes larger than the model's input are slid over. */
export interface EvaluateSettings {
  threshold?: number;
  slidingWindow?: Partial<SlidingWindowSettings>;
}
