import { BLOCKS } from '../../../blocks';
import Conv2D from '../../../blocks/layers/Conv2D';
import { makeRegistry, type Registry } from '../../core';

/**
 * Every Jimu block has a PyTorch counterpart, so a refusal (J501) needs a block that has none: a made-up
 * layer, a Conv 2D that lowers to a class jimu_torch does not know. Only tests use it.
 */
export const UNSUPPORTED_LAYER = 'DeformableConv2D';

export function registryWithUnsupportedLayer(): Registry {
  return makeRegistry([...BLOCKS, { ...Conv2D, type: UNSUPPORTED_LAYER, lower: (p, ctx) => ({ ...Conv2D.lower!(p, ctx), className: UNSUPPORTED_LAYER }) }]);
}
