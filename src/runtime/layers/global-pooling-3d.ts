import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];

export interface GlobalPooling3DArgs extends LayerArgs {
  dataFormat?: 'channelsLast' | 'channelsFirst';
}

/** Reduces [batch, depth, height, width, channels] to [batch, channels] over the three spatial axes. */
export abstract class GlobalPooling3D extends tf.layers.Layer {
  readonly dataFormat: 'channelsLast' | 'channelsFirst';

  constructor(args?: GlobalPooling3DArgs) {
    super(args ?? {});
    this.dataFormat = args?.dataFormat ?? 'channelsLast';
    this.inputSpec = [{ ndim: 5 }];
  }

  protected abstract reduce(x: tf.Tensor, axes: number[]): tf.Tensor;

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return this.dataFormat === 'channelsLast' ? [s[0] ?? null, s[4] ?? null] : [s[0] ?? null, s[1] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return this.reduce(x, this.dataFormat === 'channelsLast' ? [1, 2, 3] : [2, 3, 4]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { dataFormat: this.dataFormat, ...super.getConfig() };
  }
}
