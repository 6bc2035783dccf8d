import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { main } from '../cli/main';
import { compile } from '../core';
import { exportProblems } from './pytorch';
import { torchMissing, torchrun } from './testing/python';

// Every shipped template exports without refusal; one template, shortened, trains under torchrun (2 gloo
// processes) and its test predictions are scored by `jimu evaluate` (the learning tier trains them all to
// their targets: templates-torch.learn.test.ts).
const templates = new URL('../../public/templates/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-templates-torch-quick-'));
const files = readdirSync(templates).filter((f) => f.endsWith('.pipeline.json')).sort();

describe('shipped templates and the PyTorch export', () => {
  it('there are templates to check', () => expect(files.length).toBeGreaterThanOrEqual(6));

  it.each(files)('%s exports without refusal', (file) => {
    const r = compile(readFileSync(join(templates, file), 'utf8'), REGISTRY);
    expect(r.plan, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(exportProblems(r.plan!).map((d) => d.message)).toEqual([]);
  });

  it.skipIf(torchMissing())('sample shapes, shortened, trains under torchrun and jimu evaluate scores what it wrote', async () => {
    const doc = JSON.parse(readFileSync(join(templates, 'sample-shapes.pipeline.json'), 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
    Object.assign(doc.blocks.find((b) => b.id === 'data')!.params, { count: 160 });
    Object.assign(doc.blocks.find((b) => b.id === 'train')!.params, { epochs: 4 });
    const file = join(dir, 'shapes.pipeline.json');
    writeFileSync(file, JSON.stringify(doc));
    const project = join(dir, 'shapes');
    const said: string[] = [];
    expect(await main(['export', file, '--target', 'pytorch', '--out', project, '--with-data'], { out: (s) => said.push(s), err: (s) => said.push(s) }), said.join('\n')).toBe(0);
    const out = join(project, 'run');
    torchrun(2, [join(project, 'train.py'), '--out', out, '--quiet', '--batch-size', '16'], { env: { ...process.env, OMP_NUM_THREADS: '1' } });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { engine: { world_size: number }; predictions: { split: string; task: string; pred: string; truth: string }[] };
    expect(manifest.engine.world_size).toBe(2);
    const p = manifest.predictions[0]!;
    const scored: string[] = [];
    expect(await main(['evaluate', '--task', p.task, '--json', join(out, p.pred), join(out, p.truth)], { out: (s) => scored.push(s), err: (s) => scored.push(s) })).toBe(0);
    const e = JSON.parse(scored.join('\n')) as { n: number; auc_macro: number };
    expect(e.n).toBe(24);
    // Better than chance on held-out shapes after four short epochs (the learning tier asks for more of the full template).
    expect(e.auc_macro).toBeGreaterThan(0.7);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { evaluations: { evaluate: { n: number; auc_macro: number } } };
    expect(metrics.evaluations.evaluate.n).toBe(24);
    expect(metrics.evaluations.evaluate.auc_macro).toBeGreaterThan(0.7);
  });
});
