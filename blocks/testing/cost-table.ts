import { describe, expect, it } from 'vitest';
import { inferBlock, type BlockDef, type Shape, type TensorValue } from '../../src/core';

export interface CostCase {
  name: string;
  params?: Record<string, unknown>;
  /** The input tensor shape, batch first. */
  input: Shape;
  /** Expected weights (shapeTable already compares them with tfjs). */
  weights?: number;
  /** Expected multiply-adds per example, worked out by hand. */
  macs: number;
}

/**
 * Checks a layer block's multiply-adds against hand-worked values, and that the block and every
 * parameter have English and Chinese text for the palette and inspector.
 */
export function costTable(def: BlockDef, cases: CostCase[]): void {
  describe(`${def.type}: cost and text`, () => {
    it('has English and Chinese text for the block and every parameter', () => {
      for (const t of [def.label, def.doc]) expect(t.en.length * t.zh.length).toBeGreaterThan(0);
      for (const key of Object.keys(def.params.shape)) {
        const text = def.paramText?.[key];
        expect(text, key).toBeDefined();
        expect(text!.label.en.length * text!.label.zh.length, key).toBeGreaterThan(0);
      }
    });
    it.each(cases)('$name', (c) => {
      const r = inferBlock(def, c.params ?? {}, { in: { kind: 'tensor', shape: c.input } });
      expect(r.diagnostics).toEqual([]);
      const output = (r.outputs!['out'] as TensorValue).shape;
      const cost = def.cost!(r.params, { inputs: [c.input], output });
      expect(cost.macs).toBe(c.macs);
      if (c.weights !== undefined) expect(cost.params).toBe(c.weights);
    });
  });
}
