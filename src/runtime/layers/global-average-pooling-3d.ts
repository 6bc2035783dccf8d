import * as tf from '@tensorflow/tfjs';
import { GlobalPooling3D } from './global-pooling-3d';

/** Keras' GlobalAveragePooling3D: the mean of every channel over depth, height and width. */
export class GlobalAveragePooling3D extends GlobalPooling3D {
  static className = 'GlobalAveragePooling3D';
  protected reduce(x: tf.Tensor, axes: number[]): tf.Tensor {
    return tf.mean(x, axes);
  }
}
tf.serialization.registerClass(GlobalAveragePooling3D);
