import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { compile, type Plan } from '../core';
import { runSteps } from '../data/run-steps';
import { python, torchMissing } from '../export/testing/python';
import { registryWithUnsupportedLayer, UNSUPPORTED_LAYER } from '../export/testing/unsupported-block';
import { importModel } from '../runtime/export-model';
import { predict } from '../runtime/predict';
import { tf } from '../runtime/tf';
import { exportPipeline } from './export';
import { diskIO } from './files';
import { main } from './main';

const templates = new URL('../../public/templates/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-export-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Doc = { blocks: { id: string; type: string; params?: Record<string, unknown> }[]; links: { from: { block: string; port: string }; to: { block: string; port: string } }[] };

function template(name: string, params: Record<string, Record<string, unknown>>, edit?: (d: Doc) => void): string {
  const doc = JSON.parse(readFileSync(join(templates, name), 'utf8')) as Doc;
  for (const b of doc.blocks) if (params[b.id]) b.params = { ...b.params, ...params[b.id] };
  edit?.(doc);
  const path = join(dir, `${Object.keys(params).join('-')}-${name}`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('jimu export --target pytorch', () => {
  it('refuses a pipeline with a block that has no PyTorch counterpart, names it, and leaves an earlier export untouched', async () => {
    // Every block Jimu ships has a PyTorch counterpart, so the test adds one that has none.
    const registry = registryWithUnsupportedLayer();
    const file = template('sample-shapes.pipeline.json', {}, (d) => {
      d.blocks.find((b) => b.id === 'conv2')!.type = UNSUPPORTED_LAYER;
    });
    const out = join(dir, 'refused');
    mkdirSync(out);
    writeFileSync(join(out, 'earlier.txt'), 'an earlier export');
    const said = { out: [] as string[], err: [] as string[] };
    const io = { out: (s: string) => said.out.push(s), err: (s: string) => said.err.push(s) };
    expect(await exportPipeline(file, { target: 'pytorch', out, withData: true }, io, registry)).toBe(1);
    const r = { err: said.err.join('\n') };
    expect(r.err).toContain('J501');
    expect(r.err).toContain('"conv2" (DeformableConv2D) has no PyTorch counterpart');
    expect(r.err).toContain('nothing was written');
    expect(readdirSync(out)).toEqual(['earlier.txt']);
    said.err.length = 0;
    expect(await exportPipeline(file, { target: 'pytorch', out, lang: 'zh' }, io, registry)).toBe(1);
    const zh = { err: said.err.join('\n') };
    expect(zh.err).toContain('没有对应的 PyTorch 实现');
    expect(readdirSync(out)).toEqual(['earlier.txt']);
    expect(readdirSync(dir).some((n) => n.includes('.part-'))).toBe(false);
  });

  it('refuses an unknown target', async () => {
    const r = await run('export', join(templates, 'sample-shapes.pipeline.json'), '--target', 'onnx', '--out', join(dir, 'onnx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('Use --target pytorch');
    expect(existsSync(join(dir, 'onnx'))).toBe(false);
  });

  it('writes the plan, jimu_torch, train.py, requirements, README and the sample data as files', async () => {
    const file = template('glioma-segmentation.pipeline.json', { data: { count: 6, size: 16 }, input: { depth: 16, height: 16, width: 16 }, unet: { depth: 1, baseFilters: 4 } });
    const out = join(dir, 'glioma');
    const r = await run('export', file, '--target', 'pytorch', '--out', out, '--with-data', '--data-type', 'int16');
    expect(r.code, r.err).toBe(0);
    for (const f of ['plan.json', 'train.py', 'requirements.txt', 'README.md', 'jimu_torch/model.py', 'jimu_torch/layers.py', 'data/manifest.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'data/manifest.json'), 'utf8')) as { items: { images: Record<string, string>; labelFile: string }[]; labelEncoding: string; imageShape: number[] };
    expect(manifest.items).toHaveLength(6);
    expect(manifest.labelEncoding).toBe('onehot');
    expect(manifest.imageShape).toEqual([16, 16, 16, 4]);
    expect(Object.keys(manifest.items[0]!.images)).toHaveLength(4);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('torchrun --nproc_per_node=4 train.py');
  });
});

describe.skipIf(torchMissing())('an exported project trained by PyTorch comes back', () => {
  const out = join(dir, 'shapes');
  let plan: Plan;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const file = template('sample-shapes.pipeline.json', { data: { count: 96 }, train: { epochs: 2 } });
    plan = compile(readFileSync(file, 'utf8'), REGISTRY).plan!;
    const r = await run('export', file, '--target', 'pytorch', '--out', out, '--with-data');
    expect(r.code, r.err).toBe(0);
    python([join(out, 'train.py'), '--out', join(out, 'run'), '--quiet'], { cwd: out });
  });

  it('writes a run folder in the layout of jimu train --out', () => {
    for (const f of ['model.json', 'weights.bin', 'history.json', 'metrics.json', 'manifest.json', 'model.pt', 'checkpoint.pt', 'predictions/evaluate.csv', 'truth/evaluate.csv']) expect(existsSync(join(out, 'run', f)), f).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'run/manifest.json'), 'utf8')) as { format: string; engine: { torch: string; world_size: number; devices: string[] } };
    expect(manifest.format).toBe('jimu.run');
    expect(manifest.engine.world_size).toBe(1);
    expect(manifest.engine.torch).toMatch(/^\d+\.\d+/);
    const history = JSON.parse(readFileSync(join(out, 'run/history.json'), 'utf8')) as { epoch: number; logs: Record<string, number> }[];
    expect(history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(Object.keys(history[0]!.logs)).toEqual(['loss', 'val_loss']);
  });

  it("splits the data exactly as Jimu does, and tfjs reproduces PyTorch's test predictions within 1e-4", async () => {
    const ev = plan.evaluations[0]!;
    const set = await runSteps(ev.data.steps, REGISTRY, diskIO('.'), plan.seed);
    const rows = readFileSync(join(out, 'run/predictions/evaluate.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(set.ids);
    const model = await importModel({ modelJson: JSON.parse(readFileSync(join(out, 'run/model.json'), 'utf8')) as Record<string, unknown>, weights: new Uint8Array(readFileSync(join(out, 'run/weights.bin'))) });
    const pred = (await predict(model, set, 32)).values;
    let worst = 0;
    rows.forEach((r, i) => r.slice(1).forEach((v, k) => (worst = Math.max(worst, Math.abs(Number(v) - pred[i * 2 + k]!)))));
    expect(worst).toBeLessThan(1e-4);
    model.dispose();
  });

  it('writes predictions that jimu evaluate scores', async () => {
    const r = await run('evaluate', '--task', 'classification', join(out, 'run/predictions/evaluate.csv'), join(out, 'run/truth/evaluate.csv'), '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { auc_macro: number }).auc_macro).toBeGreaterThan(0);
  });
});
