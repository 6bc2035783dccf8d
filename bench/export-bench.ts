/**
 * `npm run bench:export`: for every template, training samples per second in Jimu (its runtime on the
 * backend it chooses here, wasm on a CPU) and in the PyTorch export (`train.py` on the CPU, one process,
 * and two gloo processes under torchrun with half the batch each), measured interleaved in one run (the
 * machine is shared: 2 rounds, each engine keeps its best); then the per-layer parity residuals of
 * src/export/layer-parity.test.ts. Writes bench/export-results.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY } from '../blocks';
import { main } from '../src/cli/main';
import { diskIO } from '../src/cli/files';
import { compile, type Plan } from '../src/core';
import { runSteps } from '../src/data/run-steps';
import { train } from '../src/runtime/train';

const here = (file: string) => new URL(`../${file}`, import.meta.url).pathname;
const PY = '/usr/bin/python3';
const TEMPLATES = ['sample-shapes', 'fundus-screening', 'brain-age', 'glioma-segmentation', 'dose-prediction', 'petct-lesions'];
const STEPS = 8;
const dir = mkdtempSync(join(tmpdir(), 'jimu-export-bench-'));

async function jimu(plan: Plan): Promise<{ rate: number; backend: string }> {
  const set = await runSteps(plan.data.train.steps, REGISTRY, diskIO('.'), plan.seed);
  const stop = new AbortController();
  const times: number[] = [];
  let backend = '';
  await train({ ...plan, data: { ...plan.data, validation: null }, training: { ...plan.training, epochs: 1000 } }, { train: set }, {
    signal: stop.signal,
    onEvent: (e) => {
      if (e.type === 'run-start') backend = e.backend;
      if (e.type === 'batch-end') {
        times.push(performance.now());
        if (times.length > STEPS) stop.abort();
      }
    },
  }).then((r) => r.model.dispose());
  // The first step warms up; the rest are timed.
  return { rate: ((times.length - 1) * plan.training.batchSize) / ((times.at(-1)! - times[0]!) / 1000), backend };
}

const launcher = (() => {
  try {
    execFileSync(PY, ['-c', 'from torch.distributed.elastic.multiprocessing.api import Std; import sys; sys.exit(0 if any(s == 0 for s in Std) else 1)']);
    return [];
  } catch {
    return ['--redirects', '1', '--tee', '1'];
  }
})();

function torch(project: string, plan: Plan, processes: number): number {
  const args = [join(project, 'train.py'), '--out', join(project, `run${processes}`), '--max-steps', String(STEPS + 1), '--warmup-steps', '1', '--epochs', '100000', '--checkpoint-every', '100000', '--no-resume', '--no-predictions', '--quiet', '--device', 'cpu'];
  const batch = plan.training.batchSize;
  const out =
    processes === 1
      ? execFileSync(PY, args, { encoding: 'utf8' })
      : execFileSync(PY, ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${processes}`, ...launcher, ...args, '--batch-size', String(Math.max(1, batch / processes))], { encoding: 'utf8' });
  const line = out.trim().split('\n').at(-1)!.replace(/^\[[^\]]*\]:/, '');
  return (JSON.parse(line) as { samples_per_s: number }).samples_per_s;
}

const loads: number[] = [loadavg()[0]!];
const rows: Record<string, { jimu: number; one: number; two: number; backend: string; batch: number }> = {};
const projects: Record<string, { project: string; plan: Plan }> = {};
for (const t of TEMPLATES) {
  const file = here(`public/templates/${t}.pipeline.json`);
  const plan = compile(readFileSync(file, 'utf8'), REGISTRY).plan!;
  const project = join(dir, t);
  const code = await main(['export', file, '--target', 'pytorch', '--out', project, '--with-data'], { out: () => {}, err: (s) => console.error(s) });
  if (code !== 0) throw new Error(`export of ${t} failed`);
  projects[t] = { project, plan };
}
for (let round = 1; round <= 2; round++) {
  for (const t of TEMPLATES) {
    const { project, plan } = projects[t]!;
    const j = await jimu(plan);
    const one = torch(project, plan, 1);
    const two = torch(project, plan, 2);
    const r = (rows[t] ??= { jimu: 0, one: 0, two: 0, backend: j.backend, batch: plan.training.batchSize });
    r.jimu = Math.max(r.jimu, j.rate);
    r.one = Math.max(r.one, one);
    r.two = Math.max(r.two, two);
    console.error(`round ${round} ${t}: jimu ${j.rate.toFixed(2)}, torch 1 ${one.toFixed(2)}, torch 2 ${two.toFixed(2)} samples/s`);
  }
}

// Parity residuals: the layer parity test writes them when asked.
const residualsFile = join(dir, 'residuals.json');
execFileSync('npx', ['vitest', 'run', 'src/export/layer-parity.test.ts'], { env: { ...process.env, JIMU_PARITY_RESIDUALS: residualsFile }, stdio: 'ignore' });
const residuals = JSON.parse(readFileSync(residualsFile, 'utf8')) as Record<string, { forward: number; gradient: number }>;

loads.push(loadavg()[0]!);

// Data-step residuals: the data parity test writes them when asked.
const dataResidualsFile = join(dir, 'data-residuals.json');
execFileSync('npx', ['vitest', 'run', 'src/export/data-parity.test.ts'], { env: { ...process.env, JIMU_DATA_RESIDUALS: dataResidualsFile }, stdio: 'ignore' });
const dataResiduals = JSON.parse(readFileSync(dataResidualsFile, 'utf8')) as Record<string, { block: string; image: number; labels: number }>;

const torchVersion = execFileSync(PY, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).trim();
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
let md = `Measured by \`npm run bench:export\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.versions.node}, PyTorch ${torchVersion} (Debian, CPU). Jimu and the export are measured interleaved, ${STEPS} timed training steps each after one warm-up step, best of 2 rounds; the machine is shared (1-minute load average ${loads.map((l) => l.toFixed(1)).join(' at the start, ')} at the end, on ${cpus().length} cores), so compare ratios.

### Training samples per second: Jimu (tfjs) vs the PyTorch export on the CPU

Two processes run under \`python3 -m torch.distributed.run --nproc_per_node=2\` (gloo, one thread each, torchrun's default) with half the batch each, so the global batch is the template's.

| template | batch | Jimu (${Object.values(rows)[0]?.backend ?? '?'}) | export, 1 process | export, 2 processes | 1 process / Jimu | 2 processes / 1 process |
|---|---|---|---|---|---|---|
`;
for (const t of TEMPLATES) {
  const r = rows[t]!;
  md += `| ${t} | ${r.batch} | ${fmt(r.jimu)} | ${fmt(r.one)} | ${fmt(r.two)} | ${(r.one / r.jimu).toFixed(2)} | ${(r.two / r.one).toFixed(2)} |\n`;
}
md += `
### Parity residuals per layer (tfjs vs jimu_torch, same weights; relative to the largest reference value)

Forward outputs must agree within 1e-5 and gradients within 1e-4 (src/export/layer-parity.test.ts). Where tfjs 4.22's own gradient is wrong (same-padded average pooling, uneven nearest upsampling) or missing (dilated Conv2D), the gradient column compares PyTorch with central differences of the tfjs forward (float32, so about 1e-4 is the referee's own precision).

| case | forward | gradient |
|---|---|---|
`;
for (const [name, r] of Object.entries(residuals)) md += `| ${name} | ${r.forward.toExponential(1)} | ${r.gradient.toExponential(1)} |\n`;
md += `
### Parity residuals per data step (Jimu vs jimu_torch, same input and seed)

Largest image difference relative to the output's largest magnitude, and the share of segmentation label values that differ (src/export/data-parity.test.ts; the bounds are in the export README, src/export/readme.ts). Random patches and augmentation draw the same numbers in the same order as Jimu.

| case | block | image | mask labels differing |
|---|---|---|---|
`;
for (const [name, r] of Object.entries(dataResiduals)) md += `| ${name} | ${r.block} | ${r.image === 0 ? '0' : r.image.toExponential(1)} | ${r.labels === 0 ? '0' : r.labels.toExponential(1)} |\n`;
md += '\nThe GPU row (glioma U-Net at 96³, exported project under torchrun vs a plain PyTorch U-Net, bf16 and fp32) comes from `bench/gpu/run.sh` on a GPU machine; see bench/gpu/.\n';
writeFileSync(here('bench/export-results.md'), md);
console.error('wrote bench/export-results.md');
