/**
 * Layers that Keras has and tfjs-layers 4.22 lacks, registered under their Keras class names so that
 * `tf.models.modelFromJSON` reads a plan's model. Each file registers itself on import.
 */
export {};
