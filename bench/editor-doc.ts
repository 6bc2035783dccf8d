import type { PipelineDocument } from '../src/core';

/**
 * A large, valid pipeline for the editor benchmark: `chains` parallel models, each a Vector Input
 * followed by Dense layers and closed by a loss, laid out on a grid: `chains × length` blocks.
 */
export function largeDocument(chains = 10, length = 50): PipelineDocument {
  const blocks: PipelineDocument['blocks'] = [];
  const links: PipelineDocument['links'] = [];
  const layout: PipelineDocument['layout'] = {};
  for (let c = 0; c < chains; c++) {
    for (let i = 0; i < length; i++) {
      const id = `c${c}_${i}`;
      const type = i === 0 ? 'VectorInput' : i === length - 1 ? 'MeanSquaredError' : 'Dense';
      const params = i === 0 ? { features: 32 } : type === 'Dense' ? { units: 16 + ((i * 7) % 48), activation: 'relu' } : {};
      blocks.push({ id, type, params });
      layout[id] = { x: i * 260, y: c * 170 };
      if (i > 0) links.push({ from: { block: `c${c}_${i - 1}`, port: 'out' }, to: { block: id, port: i === length - 1 ? 'pred' : 'in' } });
    }
  }
  return { format: 'jimu.pipeline', version: 3, composites: {}, name: `Benchmark: ${chains * length} blocks`, description: { en: '', zh: '' }, blocks, links, layout, meta: { seed: 42 } };
}
