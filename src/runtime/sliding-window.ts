import { CodedError, exampleSize, formatShape, sameShape, slideOverVolume, SLIDING_WINDOW_DEFAULTS, type ExampleSet, type SlidingWindowSettings } from '../core';
import { predict } from './predict';
import { tf } from './tf';

/** Window batches stay under this many bytes of inputs, outputs and activations unless told otherwise. */
export const DEFAULT_WINDOW_MEMORY_BYTES = 512 * 1024 * 1024;

export interface SlidingWindowOptions extends Partial<SlidingWindowSettings> {
  /** Windows run through the model at once, at most (MONAI's sw_batch_size). */
  batchSize?: number;
  /** Bytes the window batches may take: batch size is lowered until the batch fits. */
  memoryBytes?: number;
  /**
   * What one window costs on the backend, in bytes: the plan's activations per example × 4 where known
   * (src/core/compiler), else its input and output.
   */
  bytesPerWindow?: number;
}

/** The model's single input and output, spatial axes and channels, as sliding windows need them. */
function modelIo(model: tf.LayersModel): { window: number[]; inChannels: number; outChannels: number; outSpatial: (number | null)[] } {
  const input = model.inputs[0]!.shape;
  const output = model.outputs[0]!.shape;
  return {
    window: input.slice(1, -1).map((d) => d ?? 0),
    inChannels: input.at(-1) ?? 0,
    outChannels: output.at(-1) ?? 0,
    outSpatial: output.slice(1, -1),
  };
}

/** Whether a set's examples must be slid over (their size differs from the model's input) and can be. */
export function needsSlidingWindow(model: tf.LayersModel, imageShape: readonly number[]): boolean {
  const input = model.inputs[0]!.shape.slice(1);
  if (sameShape(input, [...imageShape])) return false;
  const io = modelIo(model);
  const slidable = imageShape.length === input.length && imageShape.length >= 3 && imageShape.at(-1) === io.inChannels && io.window.every((d) => d > 0) && sameShape(io.outSpatial, io.window);
  if (!slidable) throw new CodedError('J620', { model: formatShape(model.inputs[0]!.shape), data: formatShape([null, ...imageShape]) });
  return true;
}

/** How many windows go through the model at once: the asked batch size, lowered to fit the memory bound. */
export function windowBatchSize(model: tf.LayersModel, options: SlidingWindowOptions = {}): number {
  const io = modelIo(model);
  const voxels = exampleSize(io.window);
  const perWindow = options.bytesPerWindow ?? voxels * (io.inChannels + io.outChannels) * 4;
  const fits = Math.floor((options.memoryBytes ?? DEFAULT_WINDOW_MEMORY_BYTES) / Math.max(1, perWindow));
  return Math.max(1, Math.min(options.batchSize ?? 4, fits));
}

/**
 * Predicts one whole volume ([D, H, W, C] or [H, W, C], channels-last) with windows of the model's input
 * size, blended as `options` says (defaults: nnU-Net's half overlap, Gaussian weights). Only one batch of
 * windows is on the backend at a time; the blended result accumulates in plain arrays.
 */
export async function slidingWindowPredict(model: tf.LayersModel, volume: { x: Float32Array; shape: readonly number[] }, options: SlidingWindowOptions = {}): Promise<{ values: Float32Array; shape: number[]; windows: number; batchSize: number }> {
  const io = modelIo(model);
  const batchSize = windowBatchSize(model, options);
  const result = await slideOverVolume(
    volume,
    io.window,
    io.outChannels,
    async (batch, count) => {
      const xs = tf.tensor(batch, [count, ...io.window, io.inChannels]);
      // predict (not apply) frees each layer's output once the layers that read it have run: a window's
      // peak is then a few feature maps, not all of them.
      const out = model.predict(xs, { batchSize: count }) as tf.Tensor;
      xs.dispose();
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
    { ...SLIDING_WINDOW_DEFAULTS, ...options, batchSize },
  );
  return { ...result, batchSize };
}

/**
 * Predictions for every example of a set, example-major: the model over whole examples where they have its
 * input size, else window by window over each example (a model trained on patches, a larger volume).
 */
export async function predictSet(
  model: tf.LayersModel,
  set: Pick<ExampleSet, 'x' | 'n' | 'imageShape' | 'y' | 'labelShape'>,
  batchSize = 32,
  sliding: SlidingWindowOptions = {},
): Promise<{ values: Float32Array; shape: number[] }> {
  if (!needsSlidingWindow(model, set.imageShape)) return predict(model, set, batchSize);
  const io = modelIo(model);
  const spatial = set.imageShape.slice(0, -1);
  const per = exampleSize(spatial) * io.outChannels;
  const values = new Float32Array(set.n * per);
  const size = exampleSize(set.imageShape);
  for (let i = 0; i < set.n; i++) {
    const one = await slidingWindowPredict(model, { x: set.x.subarray(i * size, (i + 1) * size), shape: set.imageShape }, { batchSize, ...sliding });
    values.set(one.values, i * per);
  }
  return { values, shape: [set.n, ...spatial, io.outChannels] };
}
