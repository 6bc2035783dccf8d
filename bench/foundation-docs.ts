import type { PipelineDocument } from '../src/core';

type Block = PipelineDocument['blocks'][number];

/**
 * The benchmark CNN as a Jimu pipeline (64×64×3, conv 16/32/64 3×3 same ReLU with 2×2 max-pools,
 * global average pool, Dense 2 softmax, cross-entropy, Adam) — the same model as bench/torch_cnn.py.
 */
export function cnnDocument(batchSize: number): PipelineDocument {
  const blocks: Block[] = [
    // The data block only gives the plan its shapes here; the benchmark feeds random tensors.
    { id: 'data', type: 'ImageFolder', params: { height: 64, width: 64, channels: 3, classes: ['a', 'b'] } },
    { id: 'input', type: 'ImageInput', params: { height: 64, width: 64, channels: 3 } },
    { id: 'c1', type: 'Conv2D', params: { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { id: 'p1', type: 'MaxPooling2D', params: { poolSize: 2 } },
    { id: 'c2', type: 'Conv2D', params: { filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { id: 'p2', type: 'MaxPooling2D', params: { poolSize: 2 } },
    { id: 'c3', type: 'Conv2D', params: { filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { id: 'gap', type: 'GlobalAveragePooling2D', params: {} },
    { id: 'dense', type: 'Dense', params: { units: 2, activation: 'softmax' } },
    { id: 'loss', type: 'CategoricalCrossentropy', params: {} },
    { id: 'adam', type: 'Adam', params: { learningRate: 0.001 } },
    { id: 'train', type: 'Train', params: { epochs: 1, batchSize, shuffle: false } },
  ];
  const chain = ['input', 'c1', 'p1', 'c2', 'p2', 'c3', 'gap', 'dense'];
  const links = chain.slice(1).map((to, i) => ({ from: { block: chain[i]!, port: 'out' }, to: { block: to, port: 'in' } }));
  links.push(
    { from: { block: 'dense', port: 'out' }, to: { block: 'loss', port: 'pred' } },
    { from: { block: 'loss', port: 'model' }, to: { block: 'train', port: 'model' } },
    { from: { block: 'adam', port: 'optimizer' }, to: { block: 'train', port: 'optimizer' } },
    { from: { block: 'data', port: 'data' }, to: { block: 'train', port: 'train' } },
  );
  return { format: 'jimu.pipeline', version: 3, composites: {}, name: 'bench CNN', description: { en: '', zh: '' }, blocks, links, layout: {}, meta: { seed: 1 } };
}

/** A deep but valid document of about `n` blocks: conv / batch-norm / activation stages, then a head. */
export function largeDocument(n: number): PipelineDocument {
  const blocks: Block[] = [
    { id: 'data', type: 'SampleShapes', params: { count: 64, size: 32 } },
    { id: 'input', type: 'ImageInput', params: { height: 32, width: 32, channels: 1 } },
  ];
  const links: PipelineDocument['links'] = [];
  let prev = 'input';
  let i = 0;
  while (blocks.length < n - 6) {
    const stage = [
      { id: `conv${i}`, type: 'Conv2D', params: { filters: 8, kernelSize: 3, padding: 'same' } },
      { id: `bn${i}`, type: 'BatchNormalization', params: {} },
      { id: `act${i}`, type: 'Activation', params: { activation: 'relu' } },
    ];
    for (const b of stage) {
      blocks.push(b);
      links.push({ from: { block: prev, port: 'out' }, to: { block: b.id, port: 'in' } });
      prev = b.id;
    }
    i++;
  }
  blocks.push(
    { id: 'gap', type: 'GlobalAveragePooling2D', params: {} },
    { id: 'dense', type: 'Dense', params: { units: 2, activation: 'softmax' } },
    { id: 'loss', type: 'CategoricalCrossentropy', params: {} },
    { id: 'adam', type: 'Adam', params: {} },
    { id: 'train', type: 'Train', params: {} },
  );
  links.push(
    { from: { block: prev, port: 'out' }, to: { block: 'gap', port: 'in' } },
    { from: { block: 'gap', port: 'out' }, to: { block: 'dense', port: 'in' } },
    { from: { block: 'dense', port: 'out' }, to: { block: 'loss', port: 'pred' } },
    { from: { block: 'loss', port: 'model' }, to: { block: 'train', port: 'model' } },
    { from: { block: 'adam', port: 'optimizer' }, to: { block: 'train', port: 'optimizer' } },
    { from: { block: 'data', port: 'data' }, to: { block: 'train', port: 'train' } },
  );
  return { format: 'jimu.pipeline', version: 3, composites: {}, name: `large ${blocks.length}`, description: { en: '', zh: '' }, blocks, links, layout: {}, meta: { seed: 1 } };
}
