import { diagnostic, type Diagnostic } from '../diagnostics';
import type { BlockCost, MemoryEstimate } from '../plan';
import type { DataStep } from '../ports';
import type { Text } from '../text';

const F32 = 4;
const MiB = 1024 * 1024;

/**
 * Fitted to the measured peak memory of `jimu train` on the six templates (bench/memory-bench.ts; the
 * table in BENCHMARKS.md shows estimate ÷ measured for each): what training holds besides the weights.
 */
export const MEMORY_MODEL = {
  /** Node, tfjs and the wasm module before the first example (peak RSS less heap and data, 232–276 MiB measured). */
  runtimeBytes: 240 * MiB,
  /**
   * Bytes the data pipeline holds per byte of the training examples at its peak: each stream (training,
   * validation, test) makes its examples from the source, and copies live until collected.
   */
  dataCopies: 2.5,
  /**
   * Bytes on the backend per byte of one batch's layer outputs at the peak of a step: the outputs kept
   * for the backward pass (each once: src/runtime/lean-gradients.ts frees them and their gradients as
   * the backward pass goes), the gradients in flight, the kernels' tiled working buffers, and the
   * allocator's slack (the wasm heap only grows). Was 7 before the backward pass freed as it went.
   */
  activationCopies: 1.5,
  /**
   * Bytes per byte of the weights while the optimizer updates them: tfjs' optimizers make every
   * variable's temporaries in one scope (Adam: about a dozen weight-sized tensors at once). The step's
   * peak is the larger of this and the activations' (the activations are gone by then).
   */
  updateCopies: 12,
};

/** The largest heap a wasm32 module can have (Emscripten's getHeapMax in tfjs-backend-wasm: 4 GiB − 64 KiB). */
export const WASM32_HEAP_BYTES = 4294901760;

/** Optimizer state per weight: none for plain SGD, one for momentum and RMSprop, two for Adam. */
function optimizerSlots(type: string | undefined, params: Record<string, unknown>): number {
  if (type === 'adam') return 2;
  if (type === 'rmsprop') return 1 + (Number(params.momentum) > 0 ? 1 : 0);
  return Number(params.momentum) > 0 ? 1 : 0;
}

export interface MemoryInputs {
  params: number;
  /** Layer outputs per example, summed over the model. */
  activations: number;
  batchSize: number;
  optimizer?: { type: string; params: Record<string, unknown> };
  /** Each model block's cost, for the largest single tensor. */
  blocks: readonly BlockCost[];
  /** The training stream: its example shapes and its steps (a sample source says how many it makes). */
  data?: { image: readonly number[]; label: readonly number[]; steps: readonly DataStep[] };
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Peak memory to train a model: its weights and optimizer state, a batch's activations, and its data. */
export function memoryEstimate(m: MemoryInputs): MemoryEstimate {
  const weights = F32 * m.params * (2 + optimizerSlots(m.optimizer?.type, m.optimizer?.params ?? {}));
  const activations = Math.max(F32 * m.batchSize * m.activations * MEMORY_MODEL.activationCopies, F32 * m.params * MEMORY_MODEL.updateCopies);
  const count = m.data?.steps[0]?.params.count;
  const data = m.data && typeof count === 'number' && count > 0 ? count * F32 * (product(m.data.image) + product(m.data.label)) * MEMORY_MODEL.dataCopies : 0;
  const largest = Math.max(0, ...m.blocks.map((b) => Math.max(b.params, b.activations * m.batchSize)));
  const tensors = weights + activations;
  return { total: MEMORY_MODEL.runtimeBytes + data + tensors, runtime: MEMORY_MODEL.runtimeBytes, data, tensors, largestTensor: F32 * largest };
}

/** What a place where training runs can hold, each bound with where it comes from. Any bound may be unknown. */
export interface MemoryLimits {
  /** The backend's tensor memory (the wasm heap). */
  tensors?: { bytes: number; where: Text };
  /** The largest single tensor (one typed array, one heap). */
  largestTensor?: { bytes: number; where: Text };
  /** The machine's memory for the whole run. */
  total?: { bytes: number; where: Text };
}

const WHAT = {
  tensors: { en: 'its tensors need', zh: '其张量需要' },
  largestTensor: { en: 'its largest tensor needs', zh: '其最大的张量需要' },
  total: { en: 'the whole run (runtime, data and tensors) needs', zh: '整个训练（运行环境、数据和张量）需要' },
} satisfies Record<keyof MemoryLimits, Text>;

/** The first bound an estimate breaks, with both numbers; undefined when it fits. */
export function memoryOverrun(e: MemoryEstimate, limits: MemoryLimits): { need: number; limit: number; what: Text; where: Text } | undefined {
  const needs = { tensors: e.tensors, largestTensor: e.largestTensor, total: e.total };
  for (const key of ['tensors', 'largestTensor', 'total'] as const) {
    const bound = limits[key];
    if (bound && needs[key] > bound.bytes) return { need: needs[key], limit: bound.bytes, what: WHAT[key], where: bound.where };
  }
  return undefined;
}

/** J409 for an estimate that breaks a bound: both numbers, and how much smaller the model must be. */
export function memoryDiagnostic(over: NonNullable<ReturnType<typeof memoryOverrun>>, batchSize: number, block?: string): Diagnostic {
  return diagnostic(
    'J409',
    { what: over.what, where: over.where, need: formatBytes(over.need), limit: formatBytes(over.limit), batch: batchSize, factor: Math.ceil((over.need / over.limit) * 10) / 10 },
    block !== undefined ? { block } : {},
  );
}

/** Bytes in words: 512 B, 3.3 GiB, 15 TiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
