// Peak memory of `jimu train` on a synthetic glioma cohort far larger than the memory it may use, read
// case by case (src/data/lazy), with the share of each epoch spent waiting for data.
//   npx tsx bench/lazy-bench.ts [--count 640 --size 64 --cache-mib 256 --cap-mib 1024 --epochs 2 --dir /tmp/jimu-lazy-bench]
// Writes bench/lazy-results.md. Peak RSS comes from GNU time (`/usr/bin/time -v`, "Maximum resident set size").
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const count = Number(arg('count', '640'));
const size = Number(arg('size', '64'));
const cacheMiB = Number(arg('cache-mib', '256'));
const capMiB = Number(arg('cap-mib', '1024'));
const epochs = Number(arg('epochs', '2'));
const dir = arg('dir', '/tmp/jimu-lazy-bench');
const root = new URL('..', import.meta.url).pathname;

const decodedBytes = count * size ** 3 * 5 * 4;
if (!existsSync(join(dir, 'cohort', 'manifest.json'))) {
  const w = spawnSync('npx', ['tsx', 'bench/write-glioma-cohort.ts', dir, '--count', String(count), '--size', String(size), '--patch', '32', '--per-volume', '2', '--per-read', '2', '--epochs', String(epochs), '--batch', '4', '--base', '4', '--fast-prep'], { cwd: root, stdio: 'inherit' });
  if (w.status !== 0) throw new Error('writing the cohort failed');
}
rmSync(join(dir, '.jimu-cache'), { recursive: true, force: true });

interface Run {
  label: string;
  peakMiB: number;
  seconds: number;
  history: { epoch: number; dataWaitSeconds?: number; dataWaitShare?: number }[];
  reading: Record<string, unknown>;
  dice: number | null;
}

function train(label: string, out: string, extra: string[]): Run {
  rmSync(join(dir, out), { recursive: true, force: true });
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', 'node', join(root, 'bin/jimu.mjs'), 'train', 'glioma-patches.pipeline.json', '--data', '.', '--out', out, '--quiet', ...extra], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stderr}`);
  const peakKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  const manifest = JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8'));
  const metrics = JSON.parse(readFileSync(join(dir, out, 'metrics.json'), 'utf8'));
  return { label, peakMiB: peakKiB / 1024, seconds, history: JSON.parse(readFileSync(join(dir, out, 'history.json'), 'utf8')), reading: manifest.data.reading, dice: metrics.evaluations?.evaluate?.dice_mean ?? null };
}

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(2)} GiB`;
const runs: Run[] = [];
const plan: [string, string][] = [
  ['lazy, cold disk cache', 'run-cold'],
  ['lazy, disk cache from the run before', 'run-warm'],
];
for (const [label, out] of plan.slice(0, Number(arg('runs', '2')))) {
  runs.push(train(label, out, ['--lazy', 'on', '--cache-memory', String(cacheMiB)]));
  report();
}

function report(): void {
  const lines = [
    '# Lazy datasets: peak memory of `jimu train` on a cohort larger than its memory',
    '',
    `Measured by \`npx tsx bench/lazy-bench.ts\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}. The machine is shared; times are indicative, memory is not.`,
    '',
    `Cohort: ${count} synthetic glioma cases of ${size}³ × 4 modalities + mask as NIfTI (bench/write-glioma-cohort.ts), **${gib(decodedBytes)} decoded** (float32) — ${(decodedBytes / (capMiB * 1024 ** 2)).toFixed(1)} × the ${capMiB} MiB process cap. Pipeline: Volume Folder (files kept at their 1 mm spacing) → Normalize (× 0.001, the files' int16 scale) → Split (70/15/15) → Random Patches 32³ (2 per scan, 2 per read) → 3D U-Net (depth 2, base 4) → soft Dice, batch 4, ${epochs} epochs, wasm backend. \`--lazy on --cache-memory ${cacheMiB}\`.`,
    '',
    '| run | peak RSS | under the cap | wall time | cases prepared | disk-cache hits | memory-cache peak | test Dice |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => `| ${r.label} | ${r.peakMiB.toFixed(0)} MiB | ${r.peakMiB <= capMiB ? 'yes' : '**no**'} (${((r.peakMiB / capMiB) * 100).toFixed(0)} %) | ${r.seconds.toFixed(0)} s | ${r.reading.casesPrepared} | ${r.reading.diskCacheHits} | ${((r.reading.memoryCachePeakBytes as number) / 1024 ** 2).toFixed(0)} MiB | ${r.dice?.toFixed(3) ?? '–'} |`),
    '',
    'Data wait per epoch (time training waited for its batches; share of the epoch, from history.json):',
    '',
    `| run | ${runs[0]!.history.map((h) => `epoch ${h.epoch}`).join(' | ')} |`,
    `|---|${runs[0]!.history.map(() => '---').join('|')}|`,
    ...runs.map((r) => `| ${r.label} | ${r.history.map((h) => `${((h.dataWaitShare ?? 0) * 100).toFixed(0)} % (${(h.dataWaitSeconds ?? 0).toFixed(1)} s)`).join(' | ')} |`),
    '',
  ];
  writeFileSync(join(root, 'bench/lazy-results.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}
