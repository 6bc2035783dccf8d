import { SubgraphBuilder } from '../../src/core';

/**
 * The batch-normalisation settings inside composites: momentum 0.9 (PyTorch's default) rather than
 * Keras' 0.99, because the moving averages that inference uses must settle within the few hundred
 * steps a run on a laptop takes; at 0.99 they still hold much of their starting 0 and 1 after an
 * epoch or two of a small dataset, and validation scores collapse although training learns.
 */
export const COMPOSITE_BATCH_NORM = { momentum: 0.9 } as const;

/** Convolution → (batch normalisation) → ReLU, the unit every composite here is made of. */
export function convUnit(g: SubgraphBuilder, id: string, dims: 2 | 3, filters: number, kernelSize: number, batchNorm: boolean, from: string | null, strides = 1): string {
  const conv = g.add(`${id}_conv`, `Conv${dims}D`, { filters, kernelSize, strides, padding: 'same', activation: batchNorm ? 'linear' : 'relu', useBias: !batchNorm }, ...(from ? [from] : []));
  if (!batchNorm) return conv;
  const bn = g.add(`${id}_bn`, 'BatchNormalization', { ...COMPOSITE_BATCH_NORM }, conv);
  return g.add(`${id}_relu`, 'Activation', { activation: 'relu' }, bn);
}
