import { spawnSync } from 'node:child_process';
import { REGISTRY } from '../blocks';
import { compile, parseDocument, type ExampleSet } from '../src/core';
import { train } from '../src/runtime/train';
import { tf } from '../src/runtime/tf';
import { cnnDocument, largeDocument } from './foundation-docs';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeMs(fn: () => void, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

export function compileBench(): string {
  const doc = largeDocument(300);
  const text = JSON.stringify(doc);
  const compileMs = timeMs(() => compile(doc, REGISTRY), 30);
  const parseMs = timeMs(() => parseDocument(text), 30);
  const jsonMs = timeMs(() => JSON.parse(text), 30);
  return [
    `## Compile (${doc.blocks.length} blocks, ${doc.links.length} links, median of 30)`,
    '',
    '| step | time | ratio to JSON.parse of the same text |',
    '|---|---|---|',
    `| JSON.parse (reference) | ${jsonMs.toFixed(3)} ms | 1 |`,
    `| parse + validate the document | ${parseMs.toFixed(3)} ms | ${(parseMs / jsonMs).toFixed(1)} |`,
    `| whole compile (parse, params, graph, shapes, costs, plan) | ${compileMs.toFixed(2)} ms | ${(compileMs / jsonMs).toFixed(1)} |`,
    '',
  ].join('\n');
}

function randomSet(n: number): ExampleSet {
  const x = new Float32Array(n * 64 * 64 * 3);
  for (let i = 0; i < x.length; i++) x[i] = Math.random();
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y[i * 2 + (i % 2)] = 1;
  return { x, y, n, imageShape: [64, 64, 3], labelShape: [2], ids: [], groups: [], labelNames: ['a', 'b'], task: 'multiclass' };
}

/** Samples per second of the compiled pipeline trained by Jimu's runtime (time between batch ends). */
async function jimuSamplesPerSecond(backend: string, batch: number, steps: number): Promise<number> {
  const compiled = compile(cnnDocument(batch), REGISTRY);
  if (!compiled.plan) throw new Error(`the benchmark pipeline does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const plan = compiled.plan;
  const stamps: number[] = [];
  await train(plan, { train: randomSet(batch * (steps + 1)) }, { backend, onEvent: (e) => e.type === 'batch-end' && stamps.push(performance.now()) });
  return (batch * steps) / ((stamps.at(-1)! - stamps[0]!) / 1000);
}

/** The same model written by hand in tfjs, trained with trainOnBatch. */
async function handSamplesPerSecond(backend: string, batch: number, steps: number): Promise<number> {
  await tf.setBackend(backend);
  const l = tf.layers;
  const model = tf.sequential({
    layers: [
      l.conv2d({ inputShape: [64, 64, 3], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
      l.maxPooling2d({ poolSize: 2 }),
      l.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
      l.maxPooling2d({ poolSize: 2 }),
      l.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
      l.globalAveragePooling2d({}),
      l.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const set = randomSet(batch);
  const x = tf.tensor4d(set.x, [batch, 64, 64, 3]);
  const y = tf.tensor2d(set.y, [batch, 2]);
  await model.trainOnBatch(x, y);
  const s = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const sps = (batch * steps) / ((performance.now() - s) / 1000);
  tf.dispose([x, y]);
  model.dispose();
  return sps;
}

function torch(threads: number): { sps: number; version: string } | null {
  const r = spawnSync('/usr/bin/python3', [new URL('./torch_cnn.py', import.meta.url).pathname, String(threads), '20'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const j = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { samples_per_s: number; torch: string };
  return { sps: j.samples_per_s, version: j.torch };
}

export async function trainingBench(backends: { name: string; steps: number }[]): Promise<string> {
  const rows: string[] = [];
  const batch = 32;
  const t2 = torch(2);
  const t1 = torch(1);
  for (const { name: backend, steps } of backends) {
    const jimu = await jimuSamplesPerSecond(backend, batch, steps);
    const hand = await handSamplesPerSecond(backend, batch, steps);
    rows.push(`| tfjs \`${backend}\`${backend === 'wasm' ? ' + Jimu kernels' : ''} | ${jimu.toFixed(2)} | ${hand.toFixed(2)} | ${(jimu / hand).toFixed(2)} | ${t2 ? (jimu / t2.sps).toFixed(4) : '—'} |`);
  }
  return [
    `## Training a small 2D CNN (64×64×3, three conv stages, batch ${batch}), samples per second`,
    '',
    `Jimu = the pipeline compiled and trained by Jimu's runtime; hand = the same model written directly in tfjs`,
    `(\`trainOnBatch\`), same backend, same run; ${backends.map((b) => `${b.steps} timed steps on ${b.name}`).join(', ')}, after a warm-up step.`,
    '',
    '| backend | Jimu | hand-written tfjs | Jimu / hand | Jimu / PyTorch (2 threads) |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `PyTorch ${t2?.version ?? '(not found: apt-get install python3-torch)'} on the same machine, same model and batch (bench/torch_cnn.py):` +
      ` ${t1 ? `${t1.sps.toFixed(0)} samples/s with 1 thread` : '—'}, ${t2 ? `${t2.sps.toFixed(0)} with 2 threads` : '—'}.`,
    '',
  ].join('\n');
}
