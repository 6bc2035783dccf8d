import * as tf from '@tensorflow/tfjs';
import { GlobalPooling3D } from './global-pooling-3d';

/** Keras' GlobalMaxPooling3D: the largest value of every channel over depth, height and width. */
export class GlobalMaxPooling3D extends GlobalPooling3D {
  static className = 'GlobalMaxPooling3D';
  protected reduce(x: tf.Tensor, axes: number[]): tf.Tensor {
    return tf.max(x, axes);
  }
}
tf.serialization.registerClass(GlobalMaxPooling3D);
