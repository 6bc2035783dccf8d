import type { z } from 'zod';
import type { BlockDef, InferContext, Subgraph } from './block';
import type { BlockIssue } from './diagnostics';
import type { PortValue } from './ports';
import { port, type PortSpec } from './ports';
import type { Text } from './text';

export interface CompositeSpec<S extends z.ZodObject> {
  type: string;
  version?: number;
  label: Text;
  doc: Text;
  params: S;
  paramText?: { [K in keyof z.output<S>]?: { label: Text; doc?: Text } };
  /** Defaults to one tensor input `in`. */
  inputs?: Record<string, PortSpec>;
  /** Defaults to one tensor output `out`. */
  outputs?: Record<string, PortSpec>;
  /** The sub-graph, in the document's own format, for these parameters. */
  build(params: z.output<S>): Subgraph;
  /**
   * What the composite asks of its inputs, in its own terms (a U-Net: sizes that divide by 2^depth),
   * with a fix its inspector can apply. When it finds a problem, the inner blocks' shape errors that
   * follow from it are not shown.
   */
  check?(inputs: Record<string, PortValue | undefined>, params: z.output<S>, ctx: InferContext): BlockIssue[];
}

/**
 * Declares a composite block: a sub-graph of other blocks with some of their parameters exposed.
 * The compiler expands it before checking shapes, so every inner block is checked as if the user had
 * drawn it, and its errors are reported on the composite.
 */
export function defineComposite<S extends z.ZodObject>(spec: CompositeSpec<S>): BlockDef {
  return {
    type: spec.type,
    category: 'composite',
    version: spec.version ?? 1,
    label: spec.label,
    doc: spec.doc,
    params: spec.params,
    ...(spec.paramText ? { paramText: spec.paramText as BlockDef['paramText'] } : {}),
    inputs: spec.inputs ?? { in: port.tensor() },
    outputs: spec.outputs ?? { out: port.tensor() },
    expand: (p) => spec.build(p as z.output<S>),
    ...(spec.check ? { check: (inputs: Record<string, PortValue | undefined>, p: unknown, ctx: InferContext) => spec.check!(inputs, p as z.output<S>, ctx) } : {}),
    // Reached only when the expansion was refused (its parameters are invalid, reported already).
    infer: (_inputs, _p, ctx) => ({
      issues: [ctx.fail('J307')],
    }),
  };
}

/** Builds a sub-graph step by step: `g.add('conv', 'Conv2D', {...}, from)` chains blocks. */
export class SubgraphBuilder {
  readonly blocks: Subgraph['blocks'] = [];
  readonly links: Subgraph['links'] = [];

  /** Adds a block fed by the `out` ports of `from` (in order) and returns its id. */
  add(id: string, type: string, params: Record<string, unknown>, ...from: string[]): string {
    this.blocks.push({ id, type, params });
    for (const f of from) this.links.push({ from: { block: f, port: 'out' }, to: { block: id, port: 'in' } });
    return id;
  }
}
