/**
 * `npx tsx bench/memory-96.ts [size] [steps]`: the glioma template's architecture at clinical size — a
 * 3D U-Net of depth 4 and 16 filters at the top, batch 1, on size³ × 4 synthetic volumes (default 96) —
 * trained by `jimu train` (wasm backend) for one epoch of `steps` examples (default 1). Prints the
 * compiler's estimate, the peak resident memory (VmHWM), the wasm heap and the time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const size = Number(process.argv[2] ?? 96);
const steps = Number(process.argv[3] ?? 1);
const MiB = 1024 * 1024;

/** The glioma template with the clinical-size model: same blocks, bigger volumes and U-Net. */
export function clinicalGlioma(size: number, trainCount: number): unknown {
  const doc = JSON.parse(readFileSync(new URL('../public/templates/glioma-segmentation.pipeline.json', import.meta.url), 'utf8')) as { blocks: { type: string; params: Record<string, unknown> }[] };
  // trainCount training examples, one for validation, one for test.
  const count = trainCount + 2;
  for (const b of doc.blocks) {
    if (b.type === 'SampleGlioma') Object.assign(b.params, { count, size });
    if (b.type === 'Split') Object.assign(b.params, { train: trainCount / count, validation: 1 / count, test: 1 / count });
    if (b.type === 'VolumeInput') Object.assign(b.params, { depth: size, height: size, width: size });
    if (b.type === 'UNet3D') Object.assign(b.params, { depth: 4, baseFilters: 16 });
    if (b.type === 'Train') Object.assign(b.params, { epochs: 1, batchSize: 1 });
  }
  return doc;
}

function vmHWM(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'jimu-mem96-'));
  const file = join(dir, `glioma-${size}.pipeline.json`);
  writeFileSync(file, JSON.stringify(clinicalGlioma(size, steps)));
  const { main } = await import('../src/cli/main');
  const { REGISTRY } = await import('../blocks');
  const { compile } = await import('../src/core');
  const plan = compile(readFileSync(file, 'utf8'), REGISTRY).plan!;
  const est = plan.cost.memory!;
  console.log(`estimate: total ${(est.total / MiB).toFixed(0)} MiB, tensors ${(est.tensors / MiB).toFixed(0)} MiB, data ${(est.data / MiB).toFixed(0)} MiB, largest tensor ${(est.largestTensor / MiB).toFixed(0)} MiB`);
  const t0 = performance.now();
  const timer = setInterval(() => console.log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: rss ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB, peak ${(vmHWM() / MiB).toFixed(0)} MiB`), 10000);
  const code = await main(['train', file, '--data', dir, '--out', join(dir, 'run'), '--quiet'], { out: (s) => console.log(s), err: (s) => console.error(s) });
  clearInterval(timer);
  const { tf } = await import('../src/runtime/tf');
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } };
  const heap = backend.wasm?.HEAPU8.buffer.byteLength ?? 0;
  console.log(JSON.stringify({ size, steps, code, seconds: (performance.now() - t0) / 1000, peakRss: vmHWM(), heap, estimate: est }));
  process.exit(0);
}
