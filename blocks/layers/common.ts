import { z } from 'zod';

/** Activations that tfjs-layers and Keras both name, usable inside Dense and convolution layers. */
export const ACTIVATIONS = ['linear', 'relu', 'elu', 'gelu', 'swish', 'sigmoid', 'softmax', 'tanh'] as const;
export const activation = z.enum(ACTIVATIONS).default('linear').describe(`one of ${ACTIVATIONS.join(', ')}`);

export const padding = z.enum(['same', 'valid']).default('same').describe('"same" keeps the size, "valid" shrinks it');

/** An initializer config that gives the same weights for the same seed. */
export function glorot(seed: number) {
  return { className: 'GlorotUniform', config: { seed } };
}
