/**
 * Plain-loop helpers for checking volume layers against hand-computed references:
 * channels-last 5D arrays [batch, depth, height, width, channels] held as flat number arrays.
 */
import * as tf from '@tensorflow/tfjs';

export type Shape5 = [number, number, number, number, number];

/** Flat index of (b, d, h, w, c) in a channels-last array of this shape. */
export function at(shape: Shape5, b: number, d: number, h: number, w: number, c: number): number {
  return (((b * shape[1] + d) * shape[2] + h) * shape[3] + w) * shape[4] + c;
}

/** Calls `f` for every index of the shape, in memory order. */
export function each(shape: Shape5, f: (b: number, d: number, h: number, w: number, c: number) => void): void {
  for (let b = 0; b < shape[0]; b++)
    for (let d = 0; d < shape[1]; d++)
      for (let h = 0; h < shape[2]; h++)
        for (let w = 0; w < shape[3]; w++) for (let c = 0; c < shape[4]; c++) f(b, d, h, w, c);
}

/** Distinct, exactly representable values (multiples of 1/8), so copies can be compared exactly. */
export function ramp(shape: Shape5, offset = 0): number[] {
  const n = shape.reduce((a, d) => a * d, 1);
  return Array.from({ length: n }, (_, i) => (((i * 7 + offset) % 23) - 11) / 8);
}

/**
 * A model of one layer read from Keras-style JSON (snake_case keys, `channels_last`), the way a plan
 * or a Keras file names it: this checks the class is registered and its config is understood.
 */
export async function kerasLayerModel(className: string, config: Record<string, unknown>, inputShape: (number | null)[]): Promise<tf.LayersModel> {
  const topology = {
    class_name: 'Model',
    config: {
      name: 'reference',
      layers: [
        { name: 'x', class_name: 'InputLayer', config: { batch_input_shape: inputShape, dtype: 'float32', sparse: false, name: 'x' }, inbound_nodes: [] },
        { name: 'layer', class_name: className, config: { ...config, name: 'layer' }, inbound_nodes: [[['x', 0, 0, {}]]] },
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [['layer', 0, 0]],
    },
  };
  return tf.models.modelFromJSON({ modelTopology: topology } as unknown as tf.io.ModelJSON);
}
