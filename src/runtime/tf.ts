/**
 * The one place Jimu imports TensorFlow.js from, so the custom layers are always registered
 * before any model is built or deserialised.
 */
import * as tf from '@tensorflow/tfjs';
import './layers';

export { tf };
