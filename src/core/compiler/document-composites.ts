import { z } from 'zod';
import type { BlockDef } from '../block';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { CompositeDef, PipelineDocument } from '../document';
import type { PortSpec } from '../ports';
import { port } from '../ports';
import type { Registry } from './registry';
import { own } from '../own';

const fix = (en: string, zh: string) => ({ en, zh });

/** A zod schema for an exposed parameter, with the type its default has. */
function schemaFor(value: unknown): z.ZodType {
  if (typeof value === 'number') return z.number().default(value);
  if (typeof value === 'boolean') return z.boolean().default(value);
  if (typeof value === 'string') return z.string().default(value);
  if (Array.isArray(value)) return z.array(z.number()).default(value as number[]);
  return z.null().default(null);
}

/**
 * The registry this document compiles against: the library plus the composites the document itself
 * defines. A composite that cannot work (an unknown inner block, a port or parameter that is not
 * there, a name the library already uses) is reported once, on its definition, and left out.
 */
export function withDocumentComposites(doc: PipelineDocument, registry: Registry): { registry: Registry; diagnostics: Diagnostic[] } {
  const entries = Object.entries(doc.composites ?? {});
  if (entries.length === 0) return { registry, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const map = new Map(registry);
  const defined = new Map(entries);
  // Inner blocks may use other composites of the document: resolve in dependency order.
  const resolving = new Set<string>();
  const resolve = (type: string): BlockDef | undefined => {
    if (map.has(type)) return map.get(type);
    const def = defined.get(type);
    if (!def || resolving.has(type)) return undefined;
    resolving.add(type);
    const block = compositeBlock(type, def, resolve, (detail, hint, path) => diagnostics.push(diagnostic('J008', { composite: type, detail, fix: hint }, { path: `composites.${type}${path}` })));
    resolving.delete(type);
    if (block) map.set(type, block);
    defined.delete(type);
    return block;
  };
  for (const [type] of entries) {
    if (registry.has(type)) {
      diagnostics.push(diagnostic('J008', { composite: type, detail: { en: 'the block library already has a block of this name', zh: '模块库中已有同名模块' }, fix: fix(`Rename it, for example to My${type}.`, `请重命名，例如 My${type}。`) }, { path: `composites.${type}` }));
      continue;
    }
    resolve(type);
  }
  return { registry: map, diagnostics };
}

function compositeBlock(
  type: string,
  def: CompositeDef,
  resolve: (type: string) => BlockDef | undefined,
  report: (detail: { en: string; zh: string }, hint: { en: string; zh: string }, path: string) => void,
): BlockDef | undefined {
  const inner = new Map<string, BlockDef>();
  let ok = true;
  def.blocks.forEach((b, i) => {
    const d = resolve(b.type);
    if (!d) {
      report(fix(`its block "${b.id}" has the unknown type "${b.type}" (or the composites use each other in a loop)`, `其内部模块 "${b.id}" 的类型 "${b.type}" 未知（或组合模块互相循环引用）`), fix('Replace that block inside the composite.', '请替换组合模块中的该模块。'), `.blocks[${i}]`);
      ok = false;
    } else inner.set(b.id, d);
  });
  if (!ok) return undefined;
  const portKind = (ref: { block: string; port: string }, side: 'inputs' | 'outputs', path: string): PortSpec | undefined => {
    const d = inner.get(ref.block);
    const spec = d ? own(d[side], ref.port) : undefined;
    if (!spec) {
      report(fix(`"${ref.block}.${ref.port}" is not an ${side === 'inputs' ? 'input' : 'output'} port inside it`, `其内部没有${side === 'inputs' ? '输入' : '输出'}端口 "${ref.block}.${ref.port}"`), fix('Point the port at an existing block and port.', '请让端口指向已有的模块和端口。'), path);
      ok = false;
    }
    return spec;
  };
  const inputs: Record<string, PortSpec> = {};
  for (const [name, targets] of Object.entries(def.inputs)) {
    const kinds = targets.map((t, i) => portKind(t, 'inputs', `.inputs.${name}[${i}]`));
    const first = kinds[0];
    if (first) inputs[name] = port[first.kind]();
  }
  const outputs: Record<string, PortSpec> = {};
  for (const [name, source] of Object.entries(def.outputs)) {
    const spec = portKind(source, 'outputs', `.outputs.${name}`);
    if (spec) outputs[name] = port[spec.kind]();
  }
  const shape: Record<string, z.ZodType> = {};
  for (const [name, exposed] of Object.entries(def.params)) {
    shape[name] = schemaFor(exposed.default);
    exposed.targets.forEach((t, i) => {
      const d = inner.get(t.block);
      if (!d || !Object.hasOwn(d.params.shape, t.param)) {
        report(fix(`its parameter "${name}" sets "${t.block}.${t.param}", which does not exist`, `其参数 "${name}" 指向不存在的 "${t.block}.${t.param}"`), fix('Point it at a parameter of an inner block.', '请让它指向内部模块的参数。'), `.params.${name}.targets[${i}]`);
        ok = false;
      }
    });
  }
  if (!ok) return undefined;
  return {
    type,
    category: 'composite',
    version: 1,
    label: { en: def.label, zh: def.label },
    doc: { en: def.description || def.label, zh: def.description || def.label },
    inputs,
    outputs,
    params: z.strictObject(shape),
    paramText: Object.fromEntries(Object.entries(def.params).map(([k, v]) => [k, { label: { en: v.label ?? k, zh: v.label ?? k } }])),
    expand(p) {
      const values = p as Record<string, unknown>;
      const blocks = def.blocks.map((b) => ({ ...b, params: { ...b.params } }));
      for (const [name, exposed] of Object.entries(def.params)) {
        for (const t of exposed.targets) blocks.find((b) => b.id === t.block)!.params[t.param] = values[name];
      }
      return { blocks, links: def.links, inputs: def.inputs, outputs: def.outputs };
    },
    infer: (_i, _p, ctx) => ({ issues: [ctx.fail('J307')] }),
  };
}
