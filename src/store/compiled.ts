import { REGISTRY } from '../../blocks';
import { compile, withDocumentComposites, type BlockInstance, type CompileResult, type Diagnostic, type Link, type PipelineDocument, type Registry } from '../core';

/**
 * The compile result for a document, computed once per meaning: moving blocks changes only the
 * layout, so the blocks and links arrays stay the same objects and the cached result is reused.
 */
const cache = new WeakMap<readonly BlockInstance[], WeakMap<readonly Link[], CompileResult>>();

/** Name of the performance measure recorded for every compile (read by the editor benchmark). */
export const COMPILE_MEASURE = 'jimu:compile';

export function compiledFor(doc: PipelineDocument): CompileResult {
  let byLinks = cache.get(doc.blocks);
  if (!byLinks) {
    byLinks = new WeakMap();
    cache.set(doc.blocks, byLinks);
  }
  const hit = byLinks.get(doc.links);
  if (hit) return hit;
  const start = performance.now();
  const result = compile({ ...doc, layout: {} }, REGISTRY);
  try {
    performance.measure(COMPILE_MEASURE, { start, end: performance.now() });
  } catch {
    // Older runtimes without measure options: timing is optional.
  }
  byLinks.set(doc.links, result);
  return result;
}

const registries = new WeakMap<object, Registry>();

/** The block library plus the composite blocks this document defines (cached per composites object). */
export function registryFor(doc: PipelineDocument): Registry {
  const own = doc.composites ?? {};
  if (Object.keys(own).length === 0) return REGISTRY;
  let r = registries.get(own);
  if (!r) {
    r = withDocumentComposites(doc, REGISTRY).registry;
    registries.set(own, r);
  }
  return r;
}

const grouped = new WeakMap<CompileResult, Map<string, Diagnostic[]>>();

/** Diagnostics by block id (those without a block are under ''). */
export function diagnosticsByBlock(result: CompileResult): Map<string, Diagnostic[]> {
  let m = grouped.get(result);
  if (m) return m;
  m = new Map();
  for (const d of result.diagnostics) {
    const key = d.block ?? '';
    m.set(key, [...(m.get(key) ?? []), d]);
  }
  grouped.set(result, m);
  return m;
}
