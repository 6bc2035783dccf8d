import { describe, expect, it } from 'vitest';
import { inferBlock, toSnake, type BlockDef, type DiagnosticCode, type PortValue, type Shape } from '../../core';
import { tf } from '../tf';

export interface ShapeCase {
  name: string;
  params?: Record<string, unknown>;
  /** Input tensor shapes, batch first (`null`). */
  inputs: Shape[];
  /** Expected output shape; omit when an error is expected. */
  out?: Shape;
  /** Expected diagnostic code. */
  error?: DiagnosticCode;
}

/** Builds a model of input layers plus this one layer from the block's lowering, the way a plan is read. */
export async function tfjsLayerModel(def: BlockDef, params: unknown, inputs: Shape[], outputShape: Shape): Promise<tf.LayersModel> {
  const lowered = def.lower!(params, { seed: 7, inputShapes: inputs, outputShape });
  const inputNames = inputs.map((_, i) => `input_${i}`);
  const topology = {
    class_name: 'Model',
    config: {
      name: 'shape_check',
      layers: [
        ...inputs.map((s, i) => ({ name: inputNames[i], class_name: 'InputLayer', config: { batch_input_shape: s, dtype: 'float32', sparse: false, name: inputNames[i] }, inbound_nodes: [] })),
        { name: 'layer', class_name: lowered.className, config: toSnake({ ...lowered.config, name: 'layer' }), inbound_nodes: [inputNames.map((n) => [n, 0, 0, {}])] },
      ],
      input_layers: inputNames.map((n) => [n, 0, 0]),
      output_layers: [['layer', 0, 0]],
    },
  };
  return tf.models.modelFromJSON({ modelTopology: topology } as unknown as tf.io.ModelJSON);
}

/**
 * A table of shape cases for one model block. For every case that should work, the inferred shape
 * must equal the expected one *and* the shape tfjs computes for the lowered layer, and the block's
 * parameter count must equal tfjs's.
 */
export function shapeTable(def: BlockDef, cases: ShapeCase[]): void {
  describe(`${def.type}: shapes`, () => {
    it.each(cases)('$name', async (c) => {
      const multiple = def.inputs.in?.multiple === true;
      const values: PortValue[] = c.inputs.map((shape) => ({ kind: 'tensor', shape }));
      const result = inferBlock(def, c.params ?? {}, { in: multiple ? values : values[0] });
      if (c.error) {
        expect(result.outputs).toBeUndefined();
        expect(result.diagnostics.map((d) => d.code)).toContain(c.error);
        for (const d of result.diagnostics) expect(d.hint.length).toBeGreaterThan(10);
        return;
      }
      expect(result.diagnostics).toEqual([]);
      const out = result.outputs!.out;
      expect(out).toEqual({ kind: 'tensor', shape: c.out });
      const model = await tfjsLayerModel(def, result.params, c.inputs, c.out!);
      try {
        expect(model.outputs[0]!.shape).toEqual(c.out);
        if (def.cost) {
          const cost = def.cost(result.params, { inputs: c.inputs, output: c.out! });
          expect(cost.params).toBe(model.countParams());
        }
      } finally {
        model.dispose();
      }
    });
  });
}
