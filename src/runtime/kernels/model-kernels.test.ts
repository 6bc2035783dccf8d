import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REGISTRY } from '../../../blocks';
import type { BlockDef, Shape } from '../../core';
import { LAYER_KERNELS, kernelsForLayers } from './model-kernels';
import { OP_CASES } from './op-cases';

/** Every choice a block's parameters offer: the defaults, then each option of each choice and toggle. */
function variants(def: BlockDef): Record<string, unknown>[] {
  const defaults = def.params.parse({}) as Record<string, unknown>;
  const out = [defaults];
  for (const [name, schema] of Object.entries(def.params.shape)) {
    const js = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { enum?: unknown[]; type?: unknown; anyOf?: { enum?: unknown[] }[] };
    const options = [...(js.enum ?? []), ...(js.anyOf ?? []).flatMap((o) => o.enum ?? []), ...(js.type === 'boolean' ? [true, false] : [])];
    for (const v of options) out.push({ ...defaults, [name]: v });
  }
  return out;
}

/** The Keras classes a block lowers to, over every choice of its parameters. */
function loweredClasses(def: BlockDef): Set<string> {
  const classes = new Set<string>();
  for (const params of variants(def)) {
    for (const rank of [2, 4, 5]) {
      const shape: Shape = [null, ...Array<number>(rank - 1).fill(8)];
      try {
        classes.add(def.lower!(params, { seed: 1, inputShapes: [shape, shape], outputShape: shape }).className);
      } catch {
        // A lowering that needs another rank; the other ranks cover it.
      }
    }
  }
  return classes;
}

const layerBlocks = [...REGISTRY.values()].filter((d) => typeof d.lower === 'function');

describe('the kernel list follows the block library', () => {
  it('finds the layer blocks', () => {
    expect(layerBlocks.length).toBeGreaterThan(25);
  });

  it.each(layerBlocks.map((d) => [d.type, d] as const))('%s: every class it lowers to has a kernel list (else training falls back to cpu)', (_type, def) => {
    const classes = loweredClasses(def);
    expect(classes.size, 'no lowering found').toBeGreaterThan(0);
    expect(kernelsForLayers(classes).unknown).toEqual([]);
  });

  it('every kernel a layer needs is proven by some self-check case (else wasm is never chosen for it)', () => {
    const proven = new Set(OP_CASES.flatMap((c) => c.kernels));
    const unproven = Object.entries(LAYER_KERNELS).flatMap(([layer, ks]) => ks.filter((k) => !proven.has(k)).map((k) => `${layer}: ${k}`));
    expect(unproven).toEqual([]);
  });

  it('names that Object.prototype holds are no layer class', () => {
    expect(kernelsForLayers(['constructor', 'toString']).unknown).toEqual(['constructor', 'toString']);
  });
});
