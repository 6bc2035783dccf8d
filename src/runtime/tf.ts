/**
 * The one place Jimu imports TensorFlow.js from, so the custom layers are always registered
 * before any model is built or deserialised.
 */
import * as tf from '@tensorflow/tfjs';
import './layers';
import { installLeanGradients } from './lean-gradients';

// Production mode: tfjs skips its debug checks and stops printing its own advice to the console
// (in Node it suggests installing tfjs-node, which cannot be installed here). Jimu reports the
// backend it uses and why in its own words.
tf.env().set('PROD', true);

// The backward pass frees activations and gradients as soon as it is done with them (same gradients).
installLeanGradients();

export { tf };
