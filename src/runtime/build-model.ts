import type { Plan } from '../core';
import { tf } from './tf';

/**
 * Plan → tf.LayersModel, read from the plan's Keras functional JSON exactly as Keras would read it.
 * Initializer seeds are part of that JSON, so the same plan always starts from the same weights.
 */
export async function buildModel(plan: Plan): Promise<tf.LayersModel> {
  return tf.models.modelFromJSON({ modelTopology: plan.model.topology } as unknown as tf.io.ModelJSON);
}
