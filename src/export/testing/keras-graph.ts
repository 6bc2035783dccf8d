import type { KerasModelJson } from '../../core';

/** One layer of a test graph: its class, snake_case config, and the layers it reads (default: the one before). */
export interface TestLayer {
  cls: string;
  config?: Record<string, unknown>;
  from?: string[];
}

/** A Keras functional model JSON (as plans carry it) from an input shape and a chain of layers l0, l1 … */
export function kerasGraph(inputShape: number[], layers: TestLayer[]): KerasModelJson {
  const out: KerasModelJson['config']['layers'] = [
    { name: 'input', class_name: 'InputLayer', config: { batch_input_shape: [null, ...inputShape], dtype: 'float32', sparse: false, name: 'input' }, inbound_nodes: [] },
  ];
  layers.forEach((l, i) => {
    const name = `l${i}`;
    const from = l.from ?? [i === 0 ? 'input' : `l${i - 1}`];
    out.push({ name, class_name: l.cls, config: { ...(l.config ?? {}), name }, inbound_nodes: [from.map((f) => [f, 0, 0, {}] as [string, number, number, Record<string, never>])] });
  });
  return {
    class_name: 'Model',
    config: { name: 'parity', layers: out, input_layers: [['input', 0, 0]], output_layers: [[`l${layers.length - 1}`, 0, 0]] },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
}
