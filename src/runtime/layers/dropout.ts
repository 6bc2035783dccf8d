import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];

export interface DropoutArgs extends LayerArgs {
  /** Fraction of values dropped while training, in [0, 1). */
  rate: number;
  /** Shape of the keep/drop mask; `null` entries follow the input (Keras' noise_shape). */
  noiseShape?: Shape;
  seed?: number;
}

/**
 * The seed of a layer's n-th training call. `tf.dropout` with a fixed seed draws the *same* mask on
 * every call, so a seeded tfjs Dropout drops the same units in every batch; deriving a seed per call
 * keeps runs reproducible while every batch gets a fresh mask, as Keras' seeded dropout does.
 */
export function callSeed(seed: number, call: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ call, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Keras' Dropout, replacing tfjs-layers' own under the same class name (see `callSeed` for why).
 * Identity at inference; while training, zeroes values at `rate` and scales the rest by 1 / (1 - rate).
 */
export class Dropout extends tf.layers.Layer {
  static className = 'Dropout';
  readonly rate: number;
  readonly seed: number | undefined;
  readonly noiseShape: Shape | undefined;
  private calls = 0;

  constructor(args: DropoutArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`Dropout rate must be in [0, 1), got ${args.rate}.`);
    this.rate = args.rate;
    this.seed = args.seed ?? undefined;
    this.noiseShape = args.noiseShape ?? undefined;
    this.supportsMasking = true;
  }

  /** The mask's shape for an input of this shape; undefined means one decision per value. */
  protected maskShape(shape: number[]): number[] | undefined {
    return this.noiseShape?.map((d, i) => d ?? shape[i]!);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      if (kwargs['training'] !== true || this.rate === 0) return x;
      const seed = this.seed === undefined ? undefined : callSeed(this.seed, this.calls++);
      return tf.dropout(x, this.rate, this.maskShape(x.shape), seed);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { rate: this.rate };
    if (this.noiseShape !== undefined) config['noiseShape'] = this.noiseShape;
    if (this.seed !== undefined) config['seed'] = this.seed;
    return { ...config, ...super.getConfig() };
  }
}
tf.serialization.registerClass(Dropout);
