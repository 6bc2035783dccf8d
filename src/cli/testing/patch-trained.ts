import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Doc = {
  blocks: { id: string; type: string; params?: Record<string, unknown> }[];
  links: { from: { block: string; port: string }; to: { block: string; port: string } }[];
  layout?: Record<string, unknown>;
};

const templates = new URL('../../../public/templates/', import.meta.url).pathname;

/**
 * A template trained on random patches (`patch`³) of larger synthetic volumes (`size`³), scored twice on the
 * same held-out cases: "patches" on patches of the test volumes (the model input size), "whole" on the whole
 * test volumes (sliding windows). Saved under `dir`; returns its path.
 */
export function patchTrainedPipeline(dir: string, template: string, o: { size: number; patch: number; count: number; epochs: number; batchSize?: number; perVolume?: number; base?: number }): string {
  const doc = JSON.parse(readFileSync(join(templates, template), 'utf8')) as Doc;
  const block = (id: string) => doc.blocks.find((b) => b.id === id)!;
  block('data').params = { ...block('data').params, count: o.count, size: o.size };
  block('input').params = { ...block('input').params, depth: o.patch, height: o.patch, width: o.patch };
  block('train').params = { ...block('train').params, epochs: o.epochs, ...(o.batchSize ? { batchSize: o.batchSize } : {}) };
  if (o.base) block('unet').params = { ...block('unet').params, baseFilters: o.base };
  const patches = (id: string) => doc.blocks.push({ id, type: 'PatchSample', params: { size: [o.patch, o.patch, o.patch], perVolume: o.perVolume ?? 2, foreground: 0.5 } });
  for (const subset of ['train', 'validation']) {
    const id = `patch_${subset}`;
    patches(id);
    const link = doc.links.find((l) => l.from.block === 'split' && l.from.port === subset)!;
    doc.links.push({ from: { block: id, port: 'data' }, to: { ...link.to } });
    link.to = { block: id, port: 'data' };
  }
  // The template's Evaluate becomes "whole"; "patches" scores patches of the same test cases.
  const evaluate = block('evaluate');
  evaluate.id = 'whole';
  for (const l of doc.links) {
    if (l.to.block === 'evaluate') l.to.block = 'whole';
  }
  if (doc.layout?.evaluate) {
    doc.layout.whole = doc.layout.evaluate;
    delete doc.layout.evaluate;
  }
  doc.blocks.push({ id: 'patches', type: 'Evaluate', params: {} });
  patches('patch_test');
  doc.links.push(
    { from: { block: 'split', port: 'test' }, to: { block: 'patch_test', port: 'data' } },
    { from: { block: 'patch_test', port: 'data' }, to: { block: 'patches', port: 'data' } },
    { from: { block: 'train', port: 'model' }, to: { block: 'patches', port: 'model' } },
  );
  const path = join(dir, `${template.replace('.pipeline.json', '')}-patches-${o.patch}-of-${o.size}.pipeline.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}
