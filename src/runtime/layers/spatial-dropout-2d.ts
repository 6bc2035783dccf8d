import * as tf from '@tensorflow/tfjs';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout';

/** Keras' SpatialDropout2D: drops whole channels of [batch, height, width, channels]. */
export class SpatialDropout2D extends SpatialDropout {
  static override className = 'SpatialDropout2D';
  constructor(args: SpatialDropoutArgs) {
    super(args, 2);
  }
}
tf.serialization.registerClass(SpatialDropout2D);
