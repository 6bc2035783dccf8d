/** Argument handling shared by the 3D resampling layers (UpSampling3D, ZeroPadding3D, Cropping3D). */
import type * as tf from '@tensorflow/tfjs';

export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
export type Shape = (number | null)[];
export type DataFormat = 'channelsLast' | 'channelsFirst';
export type Triple = [number, number, number];
export type Margins = [[number, number], [number, number], [number, number]];

/** Keras writes `channels_last`; tfjs' deserialiser camel-cases it. Accept both, default channels-last. */
export function dataFormatOf(v: string | undefined | null): DataFormat {
  if (v == null || v === 'channelsLast' || v === 'channels_last') return 'channelsLast';
  if (v === 'channelsFirst' || v === 'channels_first') return 'channelsFirst';
  throw new Error(`Unknown dataFormat "${v}": expected "channelsLast" or "channelsFirst".`);
}

/** The tensor axes of depth, height and width. */
export function spatialAxes(dataFormat: DataFormat): Triple {
  return dataFormat === 'channelsLast' ? [1, 2, 3] : [2, 3, 4];
}

function checkCount(v: unknown, min: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`${what} must be whole numbers of at least ${min}, got ${JSON.stringify(v)}.`);
  }
  return v;
}

/** `2` or `[2, 2, 1]` → one whole number ≥ `min` per spatial axis. */
export function tripleOf(v: number | readonly number[], min: number, what: string): Triple {
  const a = typeof v === 'number' ? [v, v, v] : [...v];
  if (a.length !== 3) throw new Error(`${what} needs 3 values (depth, height, width), got ${JSON.stringify(v)}.`);
  return a.map((x) => checkCount(x, min, what)) as Triple;
}

/** `1`, `[1, 2, 3]` or `[[1, 1], [2, 2], [3, 3]]` → a [before, after] pair per spatial axis, as Keras accepts. */
export function marginsOf(v: number | readonly (number | readonly number[])[], what: string): Margins {
  if (typeof v === 'number') return [[v, v], [v, v], [v, v]].map((p) => p.map((x) => checkCount(x, 0, what))) as Margins;
  if (!Array.isArray(v) || v.length !== 3) throw new Error(`${what} needs 3 entries (depth, height, width), got ${JSON.stringify(v)}.`);
  return v.map((p) => {
    const pair = typeof p === 'number' ? [p, p] : [...p];
    if (pair.length !== 2) throw new Error(`${what} needs [before, after] pairs, got ${JSON.stringify(p)}.`);
    return pair.map((x) => checkCount(x, 0, what));
  }) as Margins;
}

/** The one input shape of a single-input layer. */
export function oneShape(inputShape: Shape | Shape[]): Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
}

/** The output shape after adding (sign 1) or removing (sign -1) margins along the spatial axes. */
export function marginShape(inputShape: Shape | Shape[], dataFormat: DataFormat, margins: Margins, sign: 1 | -1): Shape {
  const out = oneShape(inputShape).slice();
  spatialAxes(dataFormat).forEach((axis, i) => {
    const d = out[axis];
    const [before, after] = margins[i]!;
    out[axis] = d == null ? null : d + sign * (before + after);
  });
  return out;
}
