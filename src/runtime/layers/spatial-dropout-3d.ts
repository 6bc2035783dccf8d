import * as tf from '@tensorflow/tfjs';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout';

/** Keras' SpatialDropout3D: drops whole channels of [batch, depth, height, width, channels]. */
export class SpatialDropout3D extends SpatialDropout {
  static override className = 'SpatialDropout3D';
  constructor(args: SpatialDropoutArgs) {
    super(args, 3);
  }
}
tf.serialization.registerClass(SpatialDropout3D);
