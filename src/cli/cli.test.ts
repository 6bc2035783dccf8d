import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REGISTRY } from '../../blocks';
import { main } from './main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const template = new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('jimu validate', () => {
  it('accepts the template and summarises its cost', async () => {
    const r = await run('validate', template);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/is valid: [\d,]+ parameters/);
  });

  it('prints diagnostics as JSON, in Chinese on request, and exits 1 when invalid', async () => {
    const doc = JSON.parse(readFileSync(template, 'utf8'));
    doc.blocks.find((b: { id: string }) => b.id === 'dense').params.units = 3;
    const r = await run('validate', file('bad.pipeline.json', JSON.stringify(doc)), '--json', '--lang', 'zh');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toContain('J404');
    expect(report.diagnostics.find((d: { code: string }) => d.code === 'J404').message).toContain('标签');
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), 2, /Cannot find the pipeline file/],
    ['a folder', () => dir, 2, /is a folder/],
    ['broken JSON', () => file('broken.json', '{"format": "jimu.pipeline",'), 1, /J001.*not valid JSON/s],
    ['another kind of JSON', () => file('other.json', '{"hello": 1}'), 1, /J002/],
  ])('explains %s in one message without a stack trace', async (_name, path, code, message) => {
    const r = await run('validate', path());
    expect(r.code).toBe(code);
    expect(`${r.out}\n${r.err}`).toMatch(message);
    expect(`${r.out}\n${r.err}`).not.toMatch(/\n\s+at /);
  });
});

describe('jimu blocks', () => {
  it('lists the library by category, in English and Chinese', async () => {
    const en = await run('blocks');
    expect(en.out).toMatch(/Layers:\n(.|\n)*Conv2D/);
    const zh = await run('blocks', '--lang', 'zh');
    expect(zh.out).toContain('网络层');
    const json = JSON.parse((await run('blocks', '--json')).out);
    expect(json.find((b: { type: string }) => b.type === 'Train').inputs).toMatchObject({ model: 'model', train: 'dataset' });
  });

  it('refuses an unknown option and an unknown language', async () => {
    expect((await run('blocks', '--colour')).code).toBe(2);
    const r = await run('blocks', '--lang', 'fr');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown language "fr"/);
  });
});

describe('jimu train', () => {
  it('refuses a pipeline with errors before loading anything', async () => {
    const r = await run('train', file('empty.pipeline.json', '{"format":"jimu.pipeline","version":1}'), '--data', dir, '--out', join(dir, 'run0'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot be trained/);
  });

  it('refuses a model that cannot fit the wasm heap before reading any data, and validate says the same', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../public/templates/glioma-segmentation.pipeline.json', import.meta.url), 'utf8'));
    const set = (type: string, p: Record<string, unknown>) => Object.assign(doc.blocks.find((b: { type: string }) => b.type === type).params, p);
    set('SampleGlioma', { size: 96, count: 20 });
    set('VolumeInput', { depth: 96, height: 96, width: 96 });
    set('UNet3D', { depth: 4, baseFilters: 16 });
    set('Train', { batchSize: 3 }); // at batch 1 it fits since the lean backward pass (BENCHMARKS.md: memory)
    const big = file('unet96.pipeline.json', JSON.stringify(doc));
    const out = join(dir, 'run-unet96');
    const r = await run('train', big, '--data', dir, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error J409 \[train\]: This model cannot be trained here: at batch size 3 its tensors need about \d+\.\d GiB, but the wasm backend's heap \(wasm32\) holds at most 4\.0 GiB\./);
    expect(r.err).toMatch(/lower the batch size \(now 3\), the image or patch size/);
    expect(existsSync(out)).toBe(false);
    const v = await run('validate', big);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/J409/);
  });

  it('trains the sample template to ≥ 0.9 accuracy on its held-out test split and writes the run', async () => {
    const out = join(dir, 'run');
    const r = await run('train', template, '--data', dir, '--out', out, '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.evaluations.evaluate.n).toBe(72); // 15 % of 480 examples, never seen in training
    expect(metrics.evaluations.evaluate.accuracy).toBeGreaterThanOrEqual(0.9);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'jimu.run', seed: 42, backend: { name: 'wasm', kernels: expect.arrayContaining(['Conv2DBackpropFilter']) }, data: { train: 336, validation: 72 } });
    expect(manifest.pipeline.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.versions['tfjs-core']).toBe('4.22.0');
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    expect(history.length).toBeGreaterThan(0);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(readFileSync(join(out, 'weights.bin')).byteLength).toBe(4 * 14_114);
    // The model card beside the model says what it is for and that it is not a medical device.
    const card = JSON.parse(readFileSync(join(out, 'model-card.json'), 'utf8'));
    expect(card).toMatchObject({ format: 'jimu.model-card', task: { kind: 'multiclass' }, data: { synthetic: true, train: 336, validation: 72 } });
    expect(card.metrics.evaluate.accuracy).toBe(metrics.evaluations.evaluate.accuracy);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('NOT a medical device');
    expect(manifest.outputs).toEqual(expect.arrayContaining(['model-card.json', 'README.md', 'pipeline.json']));
    expect(readFileSync(join(out, 'pipeline.json'), 'utf8')).toBe(readFileSync(template, 'utf8'));
  });

  it('draws augmentation afresh each epoch, reading the data only once per stream', async () => {
    const doc = JSON.parse(readFileSync(template, 'utf8'));
    doc.blocks.push({ id: 'aug', type: 'Augment', params: { noise: 0.05 } });
    const toTrain = doc.links.find((l: { from: { port: string } }) => l.from.port === 'train');
    doc.links.push({ from: { block: 'split', port: 'train' }, to: { block: 'aug', port: 'data' } });
    toTrain.from = { block: 'aug', port: 'data' };
    doc.blocks.find((b: { id: string }) => b.id === 'data').params.count = 80;
    doc.blocks.find((b: { id: string }) => b.id === 'train').params.epochs = 3;
    const augmentRun = REGISTRY.get('Augment')!.run as { transform: (...a: unknown[]) => unknown };
    const source = REGISTRY.get('SampleShapes')!.run as { source: (...a: unknown[]) => unknown };
    const augment = vi.spyOn(augmentRun, 'transform');
    const read = vi.spyOn(source, 'source');
    try {
      const r = await run('train', file('augmented.pipeline.json', JSON.stringify(doc)), '--data', dir, '--out', join(dir, 'run-aug'), '--quiet');
      expect([r.code, r.err]).toEqual([0, '']);
      expect(augment.mock.calls.map((c) => (c[2] as { epoch?: number; subset?: string }))).toEqual([1, 2, 3].map((epoch) => expect.objectContaining({ epoch, subset: 'train' })));
      expect(read).toHaveBeenCalledTimes(3); // training, validation and test streams, once each
    } finally {
      augment.mockRestore();
      read.mockRestore();
    }
  });
});
