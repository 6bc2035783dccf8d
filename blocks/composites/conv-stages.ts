import { SubgraphBuilder } from '../../src/core';

/** Convolution → (batch normalisation) → ReLU, the unit every composite here is made of. */
export function convUnit(g: SubgraphBuilder, id: string, dims: 2 | 3, filters: number, kernelSize: number, batchNorm: boolean, from: string | null, strides = 1): string {
  const conv = g.add(`${id}_conv`, `Conv${dims}D`, { filters, kernelSize, strides, padding: 'same', activation: batchNorm ? 'linear' : 'relu', useBias: !batchNorm }, ...(from ? [from] : []));
  if (!batchNorm) return conv;
  const bn = g.add(`${id}_bn`, 'BatchNormalization', {}, conv);
  return g.add(`${id}_relu`, 'Activation', { activation: 'relu' }, bn);
}
