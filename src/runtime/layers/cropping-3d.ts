import * as tf from '@tensorflow/tfjs';
import { dataFormatOf, marginShape, marginsOf, spatialAxes, type DataFormat, type LayerArgs, type Margins, type Shape, type Triple } from './spatial-3d';

export interface Cropping3DArgs extends LayerArgs {
  /** Voxels removed from every side, per axis, or as [before, after] per axis (depth, height, width). */
  cropping?: number | Triple | Margins;
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/** Keras' Cropping3D, which tfjs-layers 4.22 lacks: removes voxels from the borders of a volume. */
export class Cropping3D extends tf.layers.Layer {
  static className = 'Cropping3D';
  readonly cropping: Margins;
  readonly dataFormat: DataFormat;

  constructor(args?: Cropping3DArgs) {
    super(args ?? {});
    this.cropping = marginsOf(args?.cropping ?? 1, 'Cropping3D cropping');
    this.dataFormat = dataFormatOf(args?.dataFormat);
    this.inputSpec = [{ ndim: 5 }];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return marginShape(inputShape, this.dataFormat, this.cropping, -1);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const begin = x.shape.map(() => 0);
      const size = x.shape.slice();
      spatialAxes(this.dataFormat).forEach((axis, i) => {
        const [before, after] = this.cropping[i]!;
        begin[axis] = before;
        size[axis] = x.shape[axis]! - before - after;
        if (size[axis]! <= 0) {
          throw new Error(`Cropping3D removes ${before + after} of ${x.shape[axis]} voxels along axis ${axis}: nothing would be left.`);
        }
      });
      // slice's gradient pads the upstream gradient back with zeros.
      return tf.slice(x, begin, size);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { cropping: this.cropping.map((p) => [...p]), dataFormat: this.dataFormat, ...super.getConfig() };
  }
}
tf.serialization.registerClass(Cropping3D);
