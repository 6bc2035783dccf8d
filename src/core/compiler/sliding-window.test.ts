import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { localize } from '../diagnostics';
import { compile } from './compile';

type Doc = {
  blocks: { id: string; type: string; params?: Record<string, unknown> }[];
  links: { from: { block: string; port: string }; to: { block: string; port: string } }[];
};

const template = (name: string) => JSON.parse(readFileSync(new URL(`../../../public/templates/${name}.pipeline.json`, import.meta.url), 'utf8')) as Doc;

/** The template, its training and validation data cut into patches of the model input; the test data stays whole (`size`³). */
function patchTrained(name: string, size: number, patch: number): Doc {
  const doc = template(name);
  const source = doc.blocks.find((b) => b.id === 'data')!;
  source.params = { ...source.params, size };
  for (const subset of ['train', 'validation']) {
    const id = `patch_${subset}`;
    doc.blocks.push({ id, type: 'PatchSample', params: { size: [patch, patch, patch], perVolume: 2 } });
    const link = doc.links.find((l) => l.from.block === 'split' && l.from.port === subset)!;
    doc.links.push({ from: { block: id, port: 'data' }, to: { ...link.to } });
    link.to = { block: id, port: 'data' };
  }
  return doc;
}

describe('Evaluate on volumes larger than the model input', () => {
  it('plans sliding windows for a fully convolutional U-Net trained on patches', () => {
    const doc = patchTrained('glioma-segmentation', 40, 24);
    const evaluate = doc.blocks.find((b) => b.type === 'Evaluate')!;
    evaluate.params = { overlap: 0.25, blend: 'constant' };
    const r = compile(doc, REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const info = r.diagnostics.find((d) => d.code === 'J421')!;
    expect(info).toMatchObject({ severity: 'info', block: 'evaluate' });
    expect(localize(info, 'en').message).toContain('40 × 40 × 40');
    expect(localize(info, 'zh').message).toContain('24 × 24 × 24');
    // The template's U-Net has depth 2: its input is divided by 4 at the bottom.
    expect(r.plan!.evaluations[0]!.slidingWindow).toEqual({ window: [24, 24, 24], divisor: [4, 4, 4], overlap: 0.25, mode: 'constant', sigmaScale: 0.125 });
    expect(r.plan!.evaluations[0]!.data.image).toEqual([40, 40, 40, 4]);
  });

  it('plans no windows when the test data has the model input size', () => {
    const r = compile(template('glioma-segmentation'), REGISTRY);
    expect(r.plan!.evaluations[0]!.slidingWindow).toBeUndefined();
    expect(r.diagnostics.some((d) => d.code === 'J421')).toBe(false);
  });

  it('refuses a model with global pooling and dense layers, naming the layer, in English and Chinese', () => {
    const r = compile(patchTrained('brain-age', 48, 32), REGISTRY);
    const d = r.diagnostics.find((x) => x.code === 'J420')!;
    expect(d).toMatchObject({ severity: 'error', block: 'evaluate', port: 'data' });
    expect(localize(d, 'en').message).toMatch(/GlobalAveragePooling3D\) looks at the whole input at once/);
    expect(localize(d, 'zh').message).toMatch(/一次查看整个输入/);
    expect(localize(d, 'en').hint).toMatch(/Resize or Crop\/Pad/);
    expect(r.plan).toBeUndefined();
  });

  it('finds a model whose output is not one value per input voxel unfit for windows', () => {
    const doc = patchTrained('glioma-segmentation', 40, 24);
    // A valid (unpadded) convolution at the end makes the output 2 voxels smaller per axis.
    doc.blocks.push({ id: 'shrink', type: 'Conv3D', params: { filters: 4, kernelSize: 3, padding: 'valid', activation: 'softmax' } });
    const toLoss = doc.links.find((l) => l.to.block === 'loss')!;
    doc.links.push({ from: { block: 'shrink', port: 'out' }, to: { ...toLoss.to } });
    toLoss.to = { block: 'shrink', port: 'in' };
    const model = compile(doc, REGISTRY).outputs.loss!.model;
    expect(model).toMatchObject({ convolutional: { ok: false, reason: 'output', input: [null, 24, 24, 24, 4], output: [null, 22, 22, 22, 4] } });
  });

  it('finds a pooling that leaves a remainder unfit for windows, with the multiple the input needs', () => {
    const doc = template('glioma-segmentation');
    // Input 25 × 24 × 24 through pooling by 2 (25 → 12 along z) and back up: the windows would not line up.
    doc.blocks = doc.blocks.filter((b) => b.id !== 'unet');
    doc.links = doc.links.filter((l) => l.from.block !== 'unet' && l.to.block !== 'unet');
    doc.blocks.find((b) => b.id === 'input')!.params = { depth: 25, height: 24, width: 24, channels: 4 };
    doc.blocks.push(
      { id: 'pool', type: 'MaxPooling3D', params: { poolSize: 2 } },
      { id: 'up', type: 'UpSampling3D', params: { size: 2 } },
      { id: 'head', type: 'Conv3D', params: { filters: 4, kernelSize: 1, activation: 'softmax' } },
    );
    for (const [from, to] of [['input', 'pool'], ['pool', 'up'], ['up', 'head']]) doc.links.push({ from: { block: from!, port: 'out' }, to: { block: to!, port: 'in' } });
    doc.links.push({ from: { block: 'head', port: 'out' }, to: { block: 'loss', port: 'pred' } });
    const model = compile(doc, REGISTRY).outputs.loss!.model;
    expect(model).toMatchObject({ convolutional: { ok: false, reason: 'divisor', size: 25, factor: 2, divisor: [2, 1, 1] } });
  });

  it('plans windows over test volumes smaller than the model input, which are padded', () => {
    const doc = patchTrained('glioma-segmentation', 40, 24);
    doc.blocks.push({ id: 'small', type: 'CropPad', params: { size: [20, 16, 30] } });
    const link = doc.links.find((l) => l.from.block === 'split' && l.from.port === 'test')!;
    doc.links.push({ from: { block: 'small', port: 'data' }, to: { ...link.to } });
    link.to = { block: 'small', port: 'data' };
    const r = compile(doc, REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan!.evaluations[0]!.data.image).toEqual([30, 16, 20, 4]);
    expect(r.plan!.evaluations[0]!.slidingWindow).toMatchObject({ window: [24, 24, 24], overlap: 0.5, mode: 'gaussian' });
  });
});
