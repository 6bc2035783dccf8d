/**
 * `npx tsx bench/sliding-window-bench.ts [--quick]`: sliding-window inference of one whole 160×192×144 volume
 * (4 channels, BraTS-like) with the clinical-size glioma U-Net (depth 4, base 16, batch norm, 128³ windows,
 * half overlap, Gaussian blending), as `jimu train` and the browser's evaluation run it — against the same
 * windows and model in PyTorch on this machine (1 and 2 threads), measured interleaved, each in its own
 * process: time and peak resident memory (getrusage maxRSS), plus the wasm heap's final size for Jimu (it only
 * grows, so it is the peak of every tensor). `--quick`: 96³ windows, depth 3, for a check in minutes.
 * Writes bench/sliding-window-results.md; `npx tsx bench/run.ts --assemble` puts it into BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const here = (file: string) => new URL(`../${file}`, import.meta.url);
const quick = process.argv.includes('--quick');
const VOLUME = [160, 192, 144];
const WINDOW = quick ? 96 : 128;
const DEPTH = quick ? 3 : 4;
const BASE = 16;
const OVERLAP = 0.5;
const ROUNDS = quick ? 1 : 2;

interface Result {
  seconds: number;
  windows: number;
  peakRss: number;
  heap?: number;
  oneWindowSeconds?: number;
  batchSize?: number;
  backend?: string;
}

if (process.argv[2] === '--one') {
  // Jimu, in this process: the glioma template with the clinical-size U-Net, compiled and built as for training.
  const { REGISTRY } = await import('../blocks');
  const { compile } = await import('../src/core');
  const { buildModel } = await import('../src/runtime/build-model');
  const { useBackend } = await import('../src/runtime/backend');
  const { slidingWindowPredict } = await import('../src/runtime/sliding-window');
  const { tf } = await import('../src/runtime/tf');
  type Link = { from: { block: string; port: string }; to: { block: string; port: string } };
  const doc = JSON.parse(readFileSync(here('public/templates/glioma-segmentation.pipeline.json'), 'utf8')) as { blocks: { id: string; type: string; params: Record<string, unknown> }[]; links: Link[] };
  const set = (id: string, params: Record<string, unknown>) => Object.assign(doc.blocks.find((b) => b.id === id)!.params, params);
  set('input', { depth: WINDOW, height: WINDOW, width: WINDOW });
  // The sample volumes go up to 96³: padded to the window (no data is read here, only the model is built).
  set('data', { size: Math.min(WINDOW, 96), count: 4 });
  doc.blocks.push({ id: 'pad', type: 'CropPad', params: { size: [WINDOW, WINDOW, WINDOW] } });
  const toSplit = doc.links.find((l) => l.to.block === 'split')!;
  doc.links.push({ from: { block: 'pad', port: 'data' }, to: { ...toSplit.to } });
  toSplit.to = { block: 'pad', port: 'data' };
  set('unet', { depth: DEPTH, baseFilters: BASE });
  set('train', { batchSize: 1 });
  const compiled = compile(doc, REGISTRY);
  if (!compiled.plan) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const plan = compiled.plan;
  const backend = await useBackend(plan);
  const model = await buildModel(plan);
  const n = VOLUME.reduce((a, b) => a * b, 1) * 4;
  const x = new Float32Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    x[i] = s / 2 ** 30 - 1;
  }
  // One window alone (after a warm-up window), so the blending's share of the time shows.
  const w = tf.tensor(new Float32Array(WINDOW ** 3 * 4), [1, WINDOW, WINDOW, WINDOW, 4]);
  const window = async () => {
    const one = model.predict(w, { batchSize: 1 }) as import('@tensorflow/tfjs').Tensor;
    await one.data();
    one.dispose();
  };
  await window();
  const t1 = performance.now();
  await window();
  const oneWindowSeconds = (performance.now() - t1) / 1000;
  w.dispose();
  const t0 = performance.now();
  const r = await slidingWindowPredict(model, { x, shape: [...VOLUME, 4] }, { overlap: OVERLAP, mode: 'gaussian', batchSize: 1, bytesPerWindow: plan.cost.activations * 4 });
  const seconds = (performance.now() - t0) / 1000;
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8.buffer.byteLength ?? 0;
  const result: Result = { seconds, windows: r.windows, peakRss: process.resourceUsage().maxRSS * 1024, heap, oneWindowSeconds, batchSize: r.batchSize, backend: backend.name };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const lastJson = (s: string) => JSON.parse(s.trim().split('\n').at(-1)!) as Record<string, unknown>;
const jimu = (): Result => lastJson(execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--one', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] })) as unknown as Result;
const torch = (threads: number): Result => {
  const r = lastJson(execFileSync('/usr/bin/python3', [new URL('./sliding_window_torch.py', import.meta.url).pathname, String(threads), VOLUME.join('x'), String(WINDOW), String(DEPTH), String(BASE), String(OVERLAP)], { encoding: 'utf8' }));
  return { seconds: r.seconds as number, windows: r.windows as number, peakRss: r.peak_rss_bytes as number };
};

const best: Record<string, Result> = {};
const keep = (name: string, r: Result) => {
  if (!best[name] || r.seconds < best[name]!.seconds) best[name] = r;
  console.error(`${name}: ${r.seconds.toFixed(1)} s, ${r.windows} windows, peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MiB`);
};
for (let round = 0; round < ROUNDS; round++) {
  keep('jimu', jimu());
  keep('torch1', torch(1));
  keep('torch2', torch(2));
}

const MiB = 2 ** 20;
const j = best.jimu!;
const row = (name: string, r: Result) => `| ${name} | ${r.seconds.toFixed(1)} s | ${(r.seconds / r.windows).toFixed(2)} s | ${(r.peakRss / MiB).toFixed(0)} MiB | ${(r.seconds / j.seconds).toFixed(2)} |`;
const md = [
  '## Sliding-window inference of a whole volume',
  '',
  `Measured by \`npx tsx bench/sliding-window-bench.ts${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, tfjs backend ${j.backend}. The machine is shared: each side ran ${ROUNDS} time(s) interleaved, in its own process, and keeps its best; compare ratios.`,
  '',
  `One ${VOLUME.join(' × ')} volume with 4 channels (BraTS-sized), the glioma template's U-Net at clinical size (depth ${DEPTH}, ${BASE} base filters, batch norm, softmax over 4 labels), ${WINDOW}³ windows with ${OVERLAP * 100} % overlap and Gaussian blending (σ = window / 8): ${j.windows} windows, ${j.batchSize} at a time. PyTorch runs the same windows (MONAI's algorithm, bench/sliding_window_torch.py) on the same architecture in eval mode.`,
  '',
  '| | whole volume | per window | peak resident memory | time / Jimu |',
  '|---|---|---|---|---|',
  row('Jimu (`slidingWindowPredict`)', j),
  row('PyTorch, 1 thread', best.torch1!),
  row('PyTorch, 2 threads', best.torch2!),
  '',
  `Jimu's wasm heap ended at ${((j.heap ?? 0) / MiB).toFixed(0)} MiB (the peak of its tensors). One window alone took ${j.oneWindowSeconds!.toFixed(2)} s against ${(j.seconds / j.windows).toFixed(2)} s per window in the whole run, so cutting windows out and blending them costs ${j.seconds / j.windows > j.oneWindowSeconds! * 1.05 ? `about ${(((j.seconds / j.windows) / j.oneWindowSeconds! - 1) * 100).toFixed(0)} %` : 'nothing measurable'} beside the model. The blended result itself is ${((VOLUME.reduce((a, b) => a * b, 1) * 5 * 4) / MiB).toFixed(0)} MiB (4 label channels and the weights, float32). Load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
  '',
].join('\n');
writeFileSync(here('bench/sliding-window-results.md'), md);
console.error(md);
