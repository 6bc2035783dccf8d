import * as tf from '@tensorflow/tfjs';
import { dataFormatOf, marginShape, marginsOf, spatialAxes, type DataFormat, type LayerArgs, type Margins, type Shape, type Triple } from './spatial-3d';

export interface ZeroPadding3DArgs extends LayerArgs {
  /** Zeros added to every side, per axis, or as [before, after] per axis (depth, height, width). */
  padding?: number | Triple | Margins;
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/** Keras' ZeroPadding3D, which tfjs-layers 4.22 lacks: adds zeros around the depth, height and width of a volume. */
export class ZeroPadding3D extends tf.layers.Layer {
  static className = 'ZeroPadding3D';
  readonly padding: Margins;
  readonly dataFormat: DataFormat;

  constructor(args?: ZeroPadding3DArgs) {
    super(args ?? {});
    this.padding = marginsOf(args?.padding ?? 1, 'ZeroPadding3D padding');
    this.dataFormat = dataFormatOf(args?.dataFormat);
    this.inputSpec = [{ ndim: 5 }];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return marginShape(inputShape, this.dataFormat, this.padding, 1);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const pattern: [number, number][] = x.shape.map(() => [0, 0]);
      spatialAxes(this.dataFormat).forEach((axis, i) => {
        pattern[axis] = [...this.padding[i]!];
      });
      return tf.pad(x, pattern);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { padding: this.padding.map((p) => [...p]), dataFormat: this.dataFormat, ...super.getConfig() };
  }
}
tf.serialization.registerClass(ZeroPadding3D);
