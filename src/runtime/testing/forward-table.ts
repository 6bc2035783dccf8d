import { describe, expect, it } from 'vitest';
import { inferBlock, type BlockDef, type Shape, type TensorValue } from '../../core';
import { tf } from '../tf';
import { tfjsLayerModel } from './shape-table';

export interface ForwardCase {
  name: string;
  params?: Record<string, unknown>;
  /** A fully known input shape after the batch. */
  input: Shape;
}

/**
 * Runs the lowered layer on a real batch of 2 and checks that the tensor tfjs produces has the shape the
 * block inferred. Symbolic shapes (shapeTable) come from a layer's computeOutputShape; this catches a
 * layer whose call() disagrees with it, or that tfjs refuses only when it runs.
 */
export function forwardTable(def: BlockDef, cases: ForwardCase[]): void {
  describe(`${def.type}: forward pass`, () => {
    it.each(cases)('$name', async (c) => {
      await tf.setBackend('cpu');
      const r = inferBlock(def, c.params ?? {}, { in: { kind: 'tensor', shape: c.input } });
      expect(r.diagnostics).toEqual([]);
      const out = (r.outputs!['out'] as TensorValue).shape;
      const model = await tfjsLayerModel(def, r.params, [c.input], out);
      const x = tf.randomUniform([2, ...c.input.slice(1).map((d) => d!)], 0, 1, 'float32', 1);
      const y = model.predict(x) as tf.Tensor;
      try {
        expect(y.shape).toEqual([2, ...out.slice(1)]);
        expect(Number.isFinite(tf.tidy(() => y.sum().dataSync()[0]!))).toBe(true);
      } finally {
        tf.dispose([x, y]);
        model.dispose();
      }
    });
  });
}
