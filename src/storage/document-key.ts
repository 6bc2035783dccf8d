import type { PipelineDocument } from '../core';

const keys = new WeakMap<PipelineDocument['blocks'], string>();

/**
 * Which pipeline a document is, for telling whose training results are whose: its blocks (ids and
 * types). Parameters, layout, name and description are left out, so tuning a value, moving blocks or
 * renaming keeps a pipeline's results beside it, while opening another template or file — or
 * undoing back to the first — switches to that pipeline's own results. The same document opened
 * again (the same template, a reload, a restored run) is the same pipeline.
 */
export function documentKey(doc: Pick<PipelineDocument, 'blocks'>): string {
  let key = keys.get(doc.blocks);
  if (key === undefined) {
    key = doc.blocks
      .map((b) => `${b.id}:${b.type}`)
      .sort()
      .join('|');
    keys.set(doc.blocks, key);
  }
  return key;
}
