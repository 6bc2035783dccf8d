import type { BlockDef } from '../block';
import type { PipelineDocument } from '../document';
import type { PortValue } from '../ports';
import type { Shape } from '../shape';
import type { Text } from '../text';
import type { Incoming } from './graph';

/**
 * Layers that act on every voxel's neighbourhood the same way wherever it is (or on each voxel alone),
 * so a model made only of them can be run window by window over a larger volume. Keyed by block type;
 * a block type missing here (Dense, Flatten, Reshape, global pooling) sees the whole input at once.
 */
const SLIDABLE = new Set([
  'ImageInput', 'VolumeInput',
  'Conv2D', 'Conv3D', 'Conv2DTranspose', 'Conv3DTranspose',
  'MaxPooling2D', 'MaxPooling3D', 'AveragePooling2D', 'AveragePooling3D',
  'UpSampling2D', 'UpSampling3D',
  'ZeroPadding2D', 'ZeroPadding3D', 'Cropping2D', 'Cropping3D',
  'BatchNormalization', 'Activation', 'Dropout', 'SpatialDropout2D', 'SpatialDropout3D',
  'Concatenate', 'Add', 'Multiply',
]);

/** Whether a model can predict volumes larger than its input by sliding windows, and if not, why. */
export type ConvolutionalCheck =
  | {
      ok: true;
      /** Per spatial axis, the factor the input is divided by at its deepest (2^depth for a U-Net). */
      divisor: number[];
    }
  /** A layer that sees the whole input at once. */
  | { ok: false; reason: 'layer'; label: Text; type: string }
  /** A layer that divides a size that is not a multiple of its factor, so windows would not line up. */
  | { ok: false; reason: 'divisor'; label: Text; size: number; factor: number; divisor: number[] }
  /** The output is not one prediction per input voxel. */
  | { ok: false; reason: 'output'; input: Shape; output: Shape };

/**
 * Checks the model's blocks (inputs first) for sliding-window inference: every layer is convolutional,
 * pooling, resampling, normalisation, activation, dropout or a merge; each down-sampling divides its
 * input exactly (the input is a multiple of what the architecture needs); and the output has the input's
 * spatial size. Pure and cheap, from the shapes the compiler has already inferred.
 */
export function convolutionalCheck(args: {
  blocks: readonly string[];
  doc: PipelineDocument;
  incoming: Incoming;
  defs: Map<string, BlockDef>;
  labels: Map<string, Text>;
  outputs: Map<string, Record<string, PortValue>>;
  outputBlock: string;
}): ConvolutionalCheck {
  const { blocks, doc, incoming, defs, labels, outputs } = args;
  const shapeOf = (id: string): Shape | undefined => {
    const v = outputs.get(id)?.out;
    return v && v.kind === 'tensor' ? v.shape : undefined;
  };
  // The cumulative down-sampling factor of each block's output, per spatial axis.
  const factor = new Map<string, number[]>();
  let deepest: number[] | undefined;
  for (const id of blocks) {
    const def = defs.get(id);
    const type = def?.type ?? '?';
    const label = labels.get(id) ?? { en: id, zh: id };
    if (!SLIDABLE.has(type)) return { ok: false, reason: 'layer', label, type };
    const out = shapeOf(id);
    if (!out) return { ok: false, reason: 'layer', label, type };
    const space = out.slice(1, -1);
    const sources = [...(incoming.get(id)?.values() ?? [])].flat().map((i) => doc.links[i]!.from.block).filter((b) => factor.has(b));
    if (!sources.length) {
      factor.set(id, space.map(() => 1));
      continue;
    }
    const src = sources[0]!;
    const inSpace = shapeOf(src)?.slice(1, -1) ?? space;
    const before = factor.get(src)!;
    // Down-sampling (pooling, strided convolution) divides a size by about 2 or more; a valid convolution
    // or a crop only trims the border, which does not change how windows line up.
    const f = [...before];
    for (const [a, d] of space.entries()) {
      const i = inSpace[a];
      if (d === null || i === null || i === undefined || d === i) continue;
      if (d < i && i / d >= 1.5) {
        const step = Math.round(i / d);
        if (i % step !== 0 || i / step !== d) {
          return { ok: false, reason: 'divisor', label, size: i, factor: step, divisor: before.map((x, b) => Math.ceil(x * (b === a ? step : 1))) };
        }
        f[a] = before[a]! * step;
      } else if (d > i && d / i >= 1.5) {
        f[a] = before[a]! / Math.round(d / i);
      }
    }
    factor.set(id, f);
    deepest = deepest ? deepest.map((x, a) => Math.max(x, f[a]!)) : f;
  }
  const input = blocks.map(shapeOf).find(Boolean);
  const output = shapeOf(args.outputBlock);
  if (!input || !output || input.length !== output.length || input.slice(1, -1).some((d, a) => d !== output[a + 1])) {
    return { ok: false, reason: 'output', input: input ?? [], output: output ?? [] };
  }
  return { ok: true, divisor: (deepest ?? input.slice(1, -1).map(() => 1)).map((x) => Math.max(1, Math.round(x))) };
}
