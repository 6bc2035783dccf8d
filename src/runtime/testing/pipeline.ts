import { z } from 'zod';
import { BLOCKS } from '../../../blocks';
import { compile, defineBlock, makeRegistry, port, type ExampleSet, type Plan, type TaskKind } from '../../core';
import { mulberry32 } from '../random';

/**
 * A stand-in data source for runtime tests: it declares the dataset's shapes so that a pipeline
 * compiles; the examples themselves are made by {@link blobs} and handed to train() directly.
 */
const TestData = defineBlock({
  type: 'TestData',
  category: 'data',
  version: 1,
  label: { en: 'Test data', zh: '测试数据' },
  doc: { en: 'Synthetic examples for runtime tests.', zh: '运行时测试用的合成样本。' },
  inputs: {},
  outputs: { out: port.dataset() },
  params: z.strictObject({
    features: z.number().int().min(1).default(4),
    outputs: z.number().int().min(1).default(3),
    task: z.enum(['binary', 'multiclass', 'regression']).default('multiclass'),
  }),
  infer: (_i, p) => ({
    outputs: {
      out: { kind: 'dataset', image: [p.features], label: [p.outputs], task: p.task as TaskKind, labelNames: Array.from({ length: p.outputs }, (_, i) => `c${i}`), count: null, steps: [] },
    },
  }),
});

export const TEST_REGISTRY = makeRegistry([...BLOCKS, TestData]);

export interface MlpOptions {
  features?: number;
  hidden?: number;
  outputs?: number;
  activation?: 'softmax' | 'sigmoid' | 'linear';
  loss?: { type: string; params?: Record<string, unknown> };
  optimizer?: { type: string; params?: Record<string, unknown> };
  schedule?: { type: string; params?: Record<string, unknown> };
  train?: Record<string, unknown>;
  task?: 'binary' | 'multiclass' | 'regression';
  seed?: number;
  validation?: boolean;
}

/** VectorInput → Dense(relu) → Dense → loss → Train, with an optimizer: compiled to a plan. */
export function mlpPlan(o: MlpOptions = {}): Plan {
  const features = o.features ?? 4;
  const outputs = o.outputs ?? 3;
  const blocks = [
    { id: 'data', type: 'TestData', params: { features, outputs, task: o.task ?? 'multiclass' } },
    { id: 'x', type: 'VectorInput', params: { features } },
    { id: 'h', type: 'Dense', params: { units: o.hidden ?? 16, activation: 'relu' } },
    { id: 'y', type: 'Dense', params: { units: outputs, activation: o.activation ?? 'softmax' } },
    { id: 'loss', type: o.loss?.type ?? 'CategoricalCrossentropy', params: o.loss?.params ?? {} },
    { id: 'opt', type: o.optimizer?.type ?? 'Adam', params: o.optimizer?.params ?? { learningRate: 0.05 } },
    ...(o.schedule ? [{ id: 'sched', type: o.schedule.type, params: o.schedule.params ?? {} }] : []),
    { id: 'train', type: 'Train', params: { epochs: 10, batchSize: 16, ...(o.train ?? {}) } },
  ];
  const link = (from: string, fp: string, to: string, tp: string) => ({ from: { block: from, port: fp }, to: { block: to, port: tp } });
  const links = [
    link('x', 'out', 'h', 'in'),
    link('h', 'out', 'y', 'in'),
    link('y', 'out', 'loss', 'pred'),
    link('loss', 'model', 'train', 'model'),
    link('opt', 'optimizer', 'train', 'optimizer'),
    link('data', 'out', 'train', 'train'),
    ...(o.validation === false ? [] : [link('data', 'out', 'train', 'validation')]),
    ...(o.schedule ? [link('sched', 'schedule', 'opt', 'schedule')] : []),
  ];
  const doc = { format: 'jimu.pipeline', version: 1, name: 'runtime test', blocks, links, meta: { seed: o.seed ?? 42 } };
  const r = compile(doc, TEST_REGISTRY);
  if (!r.plan) throw new Error(`The test pipeline did not compile: ${JSON.stringify(r.diagnostics)}`);
  return r.plan;
}

/** Gaussian blobs around well-separated class centres: learnable, with one-hot (or 0/1) labels. */
export function blobs(n: number, seed: number, o: { features?: number; classes?: number; binary?: boolean } = {}): ExampleSet {
  const features = o.features ?? 4;
  const classes = o.binary ? 2 : (o.classes ?? 3);
  const outputs = o.binary ? 1 : classes;
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const x = new Float32Array(n * features);
  const y = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    for (let f = 0; f < features; f++) x[i * features + f] = (f % classes === c ? 2.5 : 0) + 0.7 * gauss();
    if (o.binary) y[i] = c;
    else y[i * outputs + c] = 1;
  }
  return {
    x,
    y,
    n,
    imageShape: [features],
    labelShape: [outputs],
    ids: Array.from({ length: n }, (_, i) => `e${i}`),
    groups: Array.from({ length: n }, (_, i) => `p${i}`),
    labelNames: Array.from({ length: classes }, (_, i) => `c${i}`),
    task: o.binary ? 'binary' : 'multiclass',
  };
}

/** Share of examples whose arg-max prediction is the labelled class (or, for one output, the side of 0.5). */
export function accuracy(pred: Float32Array, set: ExampleSet): number {
  const k = set.labelShape[0]!;
  let right = 0;
  for (let i = 0; i < set.n; i++) {
    if (k === 1) {
      right += pred[i]! > 0.5 === set.y[i]! > 0.5 ? 1 : 0;
      continue;
    }
    let pi = 0;
    let yi = 0;
    for (let c = 1; c < k; c++) {
      if (pred[i * k + c]! > pred[i * k + pi]!) pi = c;
      if (set.y[i * k + c]! > set.y[i * k + yi]!) yi = c;
    }
    right += pi === yi ? 1 : 0;
  }
  return right / set.n;
}
