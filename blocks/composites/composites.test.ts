import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { compile, defineBlock, localize, makeRegistry, port, type ExampleSet, type PipelineDocument } from '../../src/core';
import { buildModel } from '../../src/runtime/build-model';
import { predict } from '../../src/runtime/predict';
import { train } from '../../src/runtime/train';
import { BLOCKS } from '../index';
import { dice } from '../../src/metrics/segmentation';

// A stand-in source that declares shapes; the test hands the examples to train() itself.
const Shapes = defineBlock({
  type: 'ShapesOnly',
  category: 'data',
  version: 1,
  label: { en: 'Shapes only', zh: '仅形状' },
  doc: { en: 'Test data shapes.', zh: '测试数据形状。' },
  inputs: {},
  outputs: { out: port.dataset() },
  params: z.strictObject({ image: z.array(z.number()), label: z.array(z.number()), task: z.enum(['segmentation', 'multiclass']) }),
  infer: (_i, p) => ({ outputs: { out: { kind: 'dataset', image: p.image, label: p.label, task: p.task, labelNames: p.label.length === 1 ? ['a', 'b'] : ['lesion'], count: null, steps: [] } } }),
});
const REGISTRY = makeRegistry([...BLOCKS, Shapes]);

type B = PipelineDocument['blocks'][number];
function pipeline(model: B[], opts: { image: number[]; label: number[]; task: 'segmentation' | 'multiclass'; loss?: string; lr?: number; epochs?: number }): PipelineDocument {
  const blocks: B[] = [
    { id: 'data', type: 'ShapesOnly', params: { image: opts.image, label: opts.label, task: opts.task } },
    { id: 'input', type: opts.image.length === 3 ? 'ImageInput' : 'VolumeInput', params: opts.image.length === 3 ? { height: opts.image[0], width: opts.image[1], channels: opts.image[2] } : { depth: opts.image[0], height: opts.image[1], width: opts.image[2], channels: opts.image[3] } },
    ...model,
    { id: 'loss', type: opts.loss ?? 'CategoricalCrossentropy', params: {} },
    { id: 'adam', type: 'Adam', params: { learningRate: opts.lr ?? 0.01 } },
    { id: 'train', type: 'Train', params: { epochs: opts.epochs ?? 1, batchSize: 8 } },
  ];
  const chain = ['input', ...model.map((b) => b.id)];
  const links = chain.slice(1).map((to, i) => ({ from: { block: chain[i]!, port: 'out' }, to: { block: to, port: 'in' } }));
  links.push(
    { from: { block: chain.at(-1)!, port: 'out' }, to: { block: 'loss', port: 'pred' } },
    { from: { block: 'loss', port: 'model' }, to: { block: 'train', port: 'model' } },
    { from: { block: 'adam', port: 'optimizer' }, to: { block: 'train', port: 'optimizer' } },
    { from: { block: 'data', port: 'out' }, to: { block: 'train', port: 'train' } },
  );
  return { format: 'jimu.pipeline', version: 3, composites: {}, name: 'composite test', description: { en: '', zh: '' }, blocks, links, layout: {}, meta: { seed: 3 } };
}

describe('composite blocks', () => {
  it('a U-Net is checked like hand-drawn blocks: its output shape, its links, and its parameter count agree with tfjs', async () => {
    const doc = pipeline([{ id: 'unet', type: 'UNet2D', params: { depth: 2, baseFilters: 4, outChannels: 1 } }], { image: [16, 16, 1], label: [16, 16, 1], task: 'segmentation', loss: 'SoftDice' });
    const r = compile(doc, REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(r.outputs.unet!.out).toMatchObject({ kind: 'tensor', shape: [null, 16, 16, 1] });
    expect(r.links[1]).toMatchObject({ kind: 'tensor', shape: [null, 16, 16, 1], source: { block: 'unet', port: 'out' } });
    expect(Object.keys(r.cost.blocks)).toContain('unet');
    expect(Object.keys(r.cost.blocks).some((k) => k.includes('__'))).toBe(false);
    const model = await buildModel(r.plan!);
    expect(model.countParams()).toBe(r.cost.blocks.unet!.params);
    expect(model.layers.filter((l) => l.getClassName() === 'Concatenate')).toHaveLength(2);
    model.dispose();
  });

  it.each([
    ['ResidualBlock2D', { filters: 8 }, [12, 12, 3]],
    ['ResidualBlock2D', { filters: 3, projection: false }, [12, 12, 3]],
    ['CnnBackbone2D', { stages: 3, baseFilters: 4 }, [16, 16, 3]],
    ['ResidualBlock3D', { filters: 4, strides: 2 }, [8, 8, 8, 1]],
    ['Sfcn3D', { stages: 2, baseFilters: 4 }, [8, 8, 8, 1]],
    ['UNet3D', { depth: 1, baseFilters: 2 }, [8, 8, 8, 1]],
  ])('%s %j: the parameter count agrees with tfjs', async (type, params, image) => {
    const head: B[] = type.startsWith('Cnn') || type.startsWith('Sfcn') ? [] : [{ id: 'gap', type: image.length === 3 ? 'GlobalAveragePooling2D' : 'GlobalAveragePooling3D', params: {} }];
    const doc = pipeline([{ id: 'c', type, params }, ...head, { id: 'dense', type: 'Dense', params: { units: 2, activation: 'softmax' } }], { image, label: [2], task: 'multiclass' });
    const r = compile(doc, REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const model = await buildModel(r.plan!);
    expect(model.countParams()).toBe(r.cost.params);
    model.dispose();
  });

  it.each([
    ['an input size that does not halve cleanly', { depth: 2 }, [18, 18, 1], 'J310'],
    ['a parameter out of range', { depth: 9 }, [16, 16, 1], 'J102'],
    ['an unknown parameter', { levels: 2 }, [16, 16, 1], 'J103'],
  ])('reports %s on the composite itself, with a hint', (_name, params, image, code) => {
    const doc = pipeline([{ id: 'unet', type: 'UNet2D', params }], { image, label: [...image.slice(0, 2), 1], task: 'segmentation', loss: 'SoftDice' });
    const r = compile(doc, REGISTRY);
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d!.block).toBe('unet');
    expect(d!.hint.length).toBeGreaterThan(10);
    expect(r.plan).toBeUndefined();
  });

  it('a residual block without projection refuses a channel change, naming the block', () => {
    const doc = pipeline([{ id: 'res', type: 'ResidualBlock2D', params: { filters: 8, projection: false } }, { id: 'gap', type: 'GlobalAveragePooling2D', params: {} }, { id: 'dense', type: 'Dense', params: { units: 2, activation: 'softmax' } }], { image: [8, 8, 3], label: [2], task: 'multiclass' });
    const r = compile(doc, REGISTRY);
    const d = r.diagnostics.find((x) => x.block === 'res' && x.severity === 'error');
    // Said on the composite, in its terms: the inner step by its kind, never an inner id.
    expect(d).toMatchObject({ code: 'J311', block: 'res' });
    for (const lang of ['en', 'zh'] as const) expect(Object.values(localize(d!, lang)).join(' ')).not.toMatch(/__|res_/);
    expect(localize(d!, 'en').message).toContain('Residual block 2D (res)');
    expect(localize(d!, 'en').hint).toContain('inspector');
  });

  it('a U-Net too deep for its input says so on the U-Net, with the depth that fits as a fix to apply', () => {
    const glioma = (depth: number) =>
      pipeline([{ id: 'unet', type: 'UNet3D', params: { depth, baseFilters: 2, outChannels: 2, finalActivation: 'softmax' } }], { image: [24, 24, 24, 4], label: [24, 24, 24, 2], task: 'segmentation', loss: 'DiceCrossEntropy' });
    const r = compile(glioma(4), REGISTRY);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.block])).toEqual([['J310', 'unet']]);
    const d = errors[0]!;
    expect(d.fix).toEqual({ params: { depth: 3 } });
    const en = localize(d, 'en');
    expect(en.message).toBe('U-Net 3D (unet) halves its input 4 times, so the input’s depth, height and width must divide by 16; it gets [batch, 24, 24, 24, 4].');
    expect(en.hint).toContain('set Depth to 3');
    expect(en.hint).toContain('32 × 32 × 32');
    const zh = localize(d, 'zh');
    expect(zh.message).toContain('必须能被 16 整除');
    expect(zh.hint).toContain('深度设为 3');
    for (const text of [en.message, en.hint, zh.message, zh.hint]) expect(text).not.toContain('__');
    // The fix, applied, clears the problem.
    expect(compile(glioma(d.fix!.params.depth as number), REGISTRY).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a link the U-Net cannot take names the U-Net, not its first inner block', () => {
    const doc = pipeline([{ id: 'unet', type: 'UNet3D', params: { depth: 1, baseFilters: 2, outChannels: 1 } }], { image: [8, 8, 8, 1], label: [8, 8, 8, 1], task: 'segmentation', loss: 'SoftDice' });
    doc.links = doc.links.filter((l) => l.to.block !== 'unet');
    doc.links.push({ from: { block: 'data', port: 'out' }, to: { block: 'unet', port: 'in' } });
    const d = compile(doc, REGISTRY).diagnostics.find((x) => x.code === 'J203');
    expect(d).toBeDefined();
    expect(d!.message).toContain('U-Net 3D (unet)');
    expect(d!.message).not.toContain('__');
  });

  it('a 2D U-Net learns to segment bright squares (Dice on held-out images)', async () => {
    const size = 16;
    const make = (n: number, seed: number): ExampleSet => {
      let s = seed;
      const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
      const x = new Float32Array(n * size * size);
      const y = new Float32Array(n * size * size);
      for (let i = 0; i < n; i++) {
        const w = 3 + Math.floor(rnd() * 5);
        const r0 = Math.floor(rnd() * (size - w));
        const c0 = Math.floor(rnd() * (size - w));
        for (let r = 0; r < size; r++)
          for (let c = 0; c < size; c++) {
            const inside = r >= r0 && r < r0 + w && c >= c0 && c < c0 + w;
            x[i * size * size + r * size + c] = (inside ? 0.8 : 0.2) + (rnd() - 0.5) * 0.3;
            y[i * size * size + r * size + c] = inside ? 1 : 0;
          }
      }
      return { x, y, n, imageShape: [size, size, 1], labelShape: [size, size, 1], ids: [], groups: [], labelNames: ['lesion'], task: 'segmentation' };
    };
    const doc = pipeline([{ id: 'unet', type: 'UNet2D', params: { depth: 2, baseFilters: 8, outChannels: 1 } }], { image: [size, size, 1], label: [size, size, 1], task: 'segmentation', loss: 'DiceCrossEntropy', lr: 0.01, epochs: 6 });
    const plan = compile(doc, REGISTRY).plan!;
    const run = await train(plan, { train: make(96, 1) });
    const test = make(24, 99);
    const p = await predict(run.model, test);
    run.model.dispose();
    expect(run.backend).toBe('wasm');
    expect(dice(test.y, p.values)).toBeGreaterThan(0.8);
  });
});
