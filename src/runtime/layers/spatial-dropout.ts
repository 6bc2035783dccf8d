import { Dropout, type DropoutArgs } from './dropout';

export interface SpatialDropoutArgs extends Omit<DropoutArgs, 'noiseShape'> {
  dataFormat?: 'channelsLast' | 'channelsFirst';
}

/**
 * Dropout that zeroes whole feature maps (every position of a channel at once) rather than single
 * values: neighbouring pixels are strongly correlated, so dropping single values barely regularises
 * a convolutional network. Identity at inference; while training the kept channels are scaled by
 * 1 / (1 - rate) so the expected activation is unchanged. Seeded layers draw a fresh mask per batch.
 */
export abstract class SpatialDropout extends Dropout {
  readonly dataFormat: 'channelsLast' | 'channelsFirst';

  protected constructor(args: SpatialDropoutArgs, spatialDims: number) {
    super(args);
    this.dataFormat = args.dataFormat ?? 'channelsLast';
    this.inputSpec = [{ ndim: spatialDims + 2 }];
  }

  /** [batch, 1, …, 1, channels]: one keep/drop decision per example and channel. */
  protected override maskShape(shape: number[]): number[] {
    const ones = shape.slice(1).map(() => 1);
    if (this.dataFormat === 'channelsLast') ones[ones.length - 1] = shape[shape.length - 1]!;
    else ones[0] = shape[1]!;
    return [shape[0]!, ...ones];
  }

  override getConfig() {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
