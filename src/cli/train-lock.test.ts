import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

/**
 * Real `jimu train` processes racing for one --out and stopped by signals. Nothing waits on a clock: each
 * step waits for a line the run prints (its first finished epoch) or for a process to exit.
 */
const bin = new URL('../../bin/jimu.mjs', import.meta.url).pathname;
const template = new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-train-lock-'));

function pipeline(name: string, epochs: number): string {
  const doc = JSON.parse(readFileSync(template, 'utf8'));
  doc.blocks.find((b: { id: string }) => b.id === 'data').params.count = 40;
  doc.blocks.find((b: { id: string }) => b.id === 'train').params.epochs = epochs;
  const path = join(dir, `${name}.pipeline.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}
const long = pipeline('long', 10_000);
const short = pipeline('short', 1);

interface Child { child: ChildProcess; stderr: () => string; waitFor: (re: RegExp) => Promise<void>; exit: Promise<number | null> }

function jimu(...args: string[]): Child {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) if (w.re.test(err)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => err,
    exit,
    waitFor: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(err)) return resolve();
        waiters.push({ re, resolve });
        void exit.then((code) => reject(new Error(`jimu exited (${code}) before printing ${re}:\n${err}`)));
      }),
  };
}

const leftovers = (out: string) => readdirSync(join(out, '..')).filter((n) => n.startsWith('.') && n.includes('jimu-'));

describe('two jimu train runs into one --out', () => {
  it('the second refuses while the first runs; SIGTERM stops the first, which writes its run marked interrupted', async () => {
    const out = join(dir, 'run');
    mkdirSync(out);
    // An older, finished run of another pipeline is in OUT, beside a file of the user's.
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ format: 'jimu.run', pipeline: { file: 'old.pipeline.json' }, stoppedBecause: 'completed' }));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const first = jimu('train', long, '--data', dir, '--out', out);
    await first.waitFor(/epoch 1\//);
    const second = jimu('train', long, '--data', dir, '--out', out, '--quiet');
    expect(await second.exit).toBe(2);
    expect(second.stderr()).toMatch(new RegExp(`Another jimu train \\(process ${first.child.pid}, started .*\\) is writing to`));
    expect(second.stderr()).toMatch(/another --out/);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(143);
    expect(first.stderr()).toMatch(/Stopping after this batch \(SIGTERM\)/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'interrupted', signal: 'SIGTERM', stoppedBecause: 'aborted', pipeline: { file: long } });
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(leftovers(out)).toEqual([]);
  });

  it('SIGINT is marked interrupted alike', async () => {
    const out = join(dir, 'run-int');
    const run = jimu('train', long, '--data', dir, '--out', out);
    await run.waitFor(/epoch 1\//);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted', signal: 'SIGINT' });
    expect(leftovers(out)).toEqual([]);
  });

  it('a run killed outright leaves OUT as it was, and the next run takes over its lock', async () => {
    const out = join(dir, 'run-kill');
    expect(await main(['train', short, '--data', dir, '--out', out, '--quiet'], { out: () => undefined, err: () => undefined })).toBe(0);
    const finished = readFileSync(join(out, 'manifest.json'), 'utf8');
    const killed = jimu('train', long, '--data', dir, '--out', out);
    await killed.waitFor(/epoch 1\//);
    killed.child.kill('SIGKILL');
    await killed.exit;
    // OUT holds the finished run, whole: nothing of the killed one is mixed in.
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(finished);
    const err: string[] = [];
    const code = await main(['train', short, '--data', dir, '--out', out, '--quiet'], { out: () => undefined, err: (s) => err.push(s) });
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(new RegExp(`earlier jimu train into .* \\(process ${killed.child.pid}, .*\\) stopped without finishing`));
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'finished' });
    expect(leftovers(out)).toEqual([]);
  });
});
