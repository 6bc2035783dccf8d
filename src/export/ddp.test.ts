import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { PYTHON, python, torchMissing, torchrun } from './testing/python';

// Distributed training that is really distributed: torchrun with two gloo processes on the CPU.
const templates = new URL('../../public/templates/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-ddp-'));
const project = join(dir, 'glioma');

/** Every weight and moving average of a run's model.pt, as {name: values}. */
function weights(run: string): Record<string, number[]> {
  return JSON.parse(python(['-c', `import torch, json; sd = torch.load(${JSON.stringify(join(run, 'model.pt'))})["model"]; print(json.dumps({k: v.flatten().tolist() for k, v in sd.items()}))`])) as Record<string, number[]>;
}

function history(run: string): number[][] {
  return (JSON.parse(readFileSync(join(run, 'history.json'), 'utf8')) as { logs: Record<string, number> }[]).map((h) => [h.logs.loss!, h.logs.val_loss!]);
}

function maxRelative(a: Record<string, number[]>, b: Record<string, number[]>): number {
  let worst = 0;
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(a)) {
    const scale = Math.max(1e-12, ...b[k]!.map(Math.abs));
    a[k]!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[k]![i]!) / scale)));
  }
  return worst;
}

describe.skipIf(torchMissing())('the exported project under torchrun (gloo, 2 processes on the CPU)', () => {
  beforeAll(async () => {
    const doc = JSON.parse(readFileSync(join(templates, 'glioma-segmentation.pipeline.json'), 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
    const set = (id: string, p: Record<string, unknown>) => Object.assign(doc.blocks.find((b) => b.id === id)!.params, p);
    set('data', { count: 10, size: 16 });
    set('input', { depth: 16, height: 16, width: 16 });
    set('unet', { depth: 1, baseFilters: 4 });
    set('split', { train: 0.8, validation: 0.1, test: 0.1 });
    const file = join(dir, 'glioma-small.pipeline.json');
    writeFileSync(file, JSON.stringify(doc));
    const out: string[] = [];
    expect(await main(['export', file, '--target', 'pytorch', '--out', project, '--with-data'], { out: (s) => out.push(s), err: (s) => out.push(s) }), out.join('\n')).toBe(0);
  });

  it('2 processes × batch 2 (synchronised batch norm) reach the weights of 1 process × batch 4', () => {
    const common = ['--epochs', '2', '--no-predictions', '--quiet', '--no-resume'];
    python([join(project, 'train.py'), '--out', join(dir, 'one'), '--batch-size', '4', ...common]);
    torchrun(2, [join(project, 'train.py'), '--out', join(dir, 'two'), '--batch-size', '2', '--sync-bn', ...common]);
    const manifest = JSON.parse(readFileSync(join(dir, 'two', 'manifest.json'), 'utf8')) as { engine: { world_size: number } };
    expect(manifest.engine.world_size).toBe(2);
    expect(maxRelative(weights(join(dir, 'two')), weights(join(dir, 'one')))).toBeLessThan(1e-5);
    const [a, b] = [history(join(dir, 'one')), history(join(dir, 'two'))];
    a.flat().forEach((v, i) => expect(Math.abs(v - b.flat()[i]!) / Math.abs(v)).toBeLessThan(1e-5));
  });

  it('a run killed after a checkpoint resumes and continues the same curve', async () => {
    const args = [join(project, 'train.py'), '--epochs', '4', '--no-predictions'];
    python([...args, '--out', join(dir, 'whole'), '--quiet']);
    const killed = join(dir, 'killed');
    // Started, then killed (SIGKILL, no clean-up) as soon as it says the checkpoint after epoch 2 is saved.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(PYTHON, [...args, '--out', killed], { stdio: ['ignore', 'ignore', 'pipe'] });
      let seen = '';
      child.stderr.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('checkpoint after epoch 2')) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the run ended by itself (${code}): ${seen}`))));
    });
    const resumed = spawnText([...args, '--out', killed]);
    expect(resumed).toContain('Resuming from');
    expect(resumed).toContain('after epoch 2');
    const [a, b] = [history(join(dir, 'whole')), history(killed)];
    expect(b).toHaveLength(4);
    a.flat().forEach((v, i) => expect(Math.abs(v - b.flat()[i]!) / Math.abs(v)).toBeLessThan(1e-6));
    expect(maxRelative(weights(killed), weights(join(dir, 'whole')))).toBeLessThan(1e-6);
  });
});

/** Runs train.py and returns what it printed on stderr. */
function spawnText(args: string[]): string {
  return python(['-c', `import subprocess, sys; r = subprocess.run([sys.executable] + ${JSON.stringify(args)}, stderr=subprocess.PIPE, text=True); sys.stdout.write(r.stderr); sys.exit(r.returncode)`]);
}
