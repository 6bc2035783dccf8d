import * as tf from '@tensorflow/tfjs';
import { dataFormatOf, oneShape, spatialAxes, tripleOf, type DataFormat, type LayerArgs, type Shape, type Triple } from './spatial-3d';

export interface UpSampling3DArgs extends LayerArgs {
  /** How many times each voxel is repeated along depth, height and width. */
  size?: number | Triple;
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/** Repeats every slice of `x` along `axis` `times` times: [a, b] → [a, a, b, b]. */
function repeatAlong(x: tf.Tensor, axis: number, times: number): tf.Tensor {
  if (times === 1) return x;
  const shape = x.shape;
  const before = shape.slice(0, axis).reduce((a, d) => a * d, 1);
  const after = shape.slice(axis + 1).reduce((a, d) => a * d, 1);
  const target = shape.slice();
  target[axis] = shape[axis]! * times;
  // [before, n, 1, after] → tile → [before, n, times, after] → target. tfjs differentiates tile only up to
  // rank 4, hence folding the other axes together first; reshape and tile both have gradients.
  const folded = tf.reshape(x, [before, shape[axis]!, 1, after]);
  return tf.reshape(tf.tile(folded, [1, 1, times, 1]), target);
}

/**
 * Keras' UpSampling3D, which tfjs-layers 4.22 lacks: nearest-neighbour enlargement of a volume,
 * every voxel repeated size[0] × size[1] × size[2] times.
 */
export class UpSampling3D extends tf.layers.Layer {
  static className = 'UpSampling3D';
  readonly size: Triple;
  readonly dataFormat: DataFormat;

  constructor(args?: UpSampling3DArgs) {
    super(args ?? {});
    this.size = tripleOf(args?.size ?? 2, 1, 'UpSampling3D size');
    this.dataFormat = dataFormatOf(args?.dataFormat);
    this.inputSpec = [{ ndim: 5 }];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const out = oneShape(inputShape).slice();
    spatialAxes(this.dataFormat).forEach((axis, i) => {
      const d = out[axis];
      out[axis] = d == null ? null : d * this.size[i]!;
    });
    return out;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      let y = Array.isArray(inputs) ? inputs[0]! : inputs;
      spatialAxes(this.dataFormat).forEach((axis, i) => {
        y = repeatAlong(y, axis, this.size[i]!);
      });
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { size: [...this.size], dataFormat: this.dataFormat, ...super.getConfig() };
  }
}
tf.serialization.registerClass(UpSampling3D);
