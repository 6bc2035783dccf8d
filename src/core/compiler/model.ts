import type { BlockDef } from '../block';
import type { PipelineDocument } from '../document';
import type { PortValue } from '../ports';
import type { KerasModelJson } from '../plan';
import type { Shape } from '../shape';
import type { Incoming } from './graph';
import { own } from '../own';

/** Blocks of the model that ends at `outputBlock`, inputs first (walks tensor links backwards). */
export function modelBlocks(doc: PipelineDocument, incoming: Incoming, defs: Map<string, BlockDef>, outputBlock: string, order: string[]): string[] {
  const found = new Set<string>();
  const stack = [outputBlock];
  while (stack.length) {
    const id = stack.pop()!;
    if (found.has(id)) continue;
    const def = defs.get(id);
    if (!def || typeof def.lower !== 'function') continue;
    found.add(id);
    for (const [portName, links] of incoming.get(id) ?? []) {
      if (own(def.inputs, portName)?.kind !== 'tensor') continue;
      for (const i of links) stack.push(doc.links[i]!.from.block);
    }
  }
  return order.filter((id) => found.has(id));
}

export function isInputBlock(def: BlockDef | undefined): boolean {
  return !!def && def.category === 'input';
}

/** camelCase → snake_case for keys, as Keras JSON spells them (tfjs reads both). */
export function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toSnake(v)]),
    );
  }
  return value;
}

/** A per-block seed derived from the document seed, stable under unrelated edits. */
export function blockSeed(seed: number, id: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 2147483647;
}

/** Builds the Keras functional JSON of the model ending at `outputBlock`. */
export function kerasModel(args: {
  name: string;
  seed: number;
  blocks: string[];
  doc: PipelineDocument;
  incoming: Incoming;
  defs: Map<string, BlockDef>;
  params: Map<string, unknown>;
  outputs: Map<string, Record<string, PortValue>>;
  outputBlock: string;
}): KerasModelJson {
  const { doc, incoming, defs, params, outputs } = args;
  const shapeOf = (id: string): Shape => {
    const v = outputs.get(id)?.out;
    return v && v.kind === 'tensor' ? v.shape : [];
  };
  const layers = args.blocks.map((id) => {
    const def = defs.get(id)!;
    const inbound: [string, number, number, Record<string, never>][] = [];
    for (const [portName, spec] of Object.entries(def.inputs)) {
      if (spec.kind !== 'tensor') continue;
      for (const i of incoming.get(id)?.get(portName) ?? []) inbound.push([doc.links[i]!.from.block, 0, 0, {}]);
    }
    const lowered = def.lower!(params.get(id), {
      seed: blockSeed(args.seed, id),
      inputShapes: inbound.map(([src]) => shapeOf(src)),
      outputShape: shapeOf(id),
    });
    return {
      name: id,
      class_name: lowered.className,
      config: toSnake({ ...lowered.config, name: id }) as Record<string, unknown>,
      inbound_nodes: inbound.length ? [inbound] : [],
    };
  });
  const inputs = args.blocks.filter((id) => isInputBlock(defs.get(id)));
  return {
    class_name: 'Model',
    config: {
      name: args.name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'model',
      layers,
      input_layers: inputs.map((id) => [id, 0, 0]),
      output_layers: [[args.outputBlock, 0, 0]],
    },
    keras_version: 'jimu',
    backend: 'tensor_flow.js',
  };
}
