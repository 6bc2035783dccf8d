/**
 * Layers that Keras has and tfjs-layers 4.22 lacks, registered under their Keras class names so that
 * `tf.models.modelFromJSON` reads a plan's model. Each file registers itself on import.
 */
import './conv3d-transpose-gradient'; // tfjs 4.22 cannot train Conv3DTranspose without it
import './cropping-3d';
import './batch-normalization'; // replaces tfjs' own: it threw while training without gamma or beta
import './dropout'; // replaces tfjs' own Dropout: a seeded one drew the same mask every batch
import './global-average-pooling-3d';
import './global-max-pooling-3d';
import './spatial-dropout-2d';
import './spatial-dropout-3d';
import './up-sampling-3d';
import './zero-padding-3d';
export {};
