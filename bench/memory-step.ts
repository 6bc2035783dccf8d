/**
 * `npx tsx bench/memory-step.ts [size] [depth] [base]`: one training step of the glioma template's
 * U-Net at size³ on the wasm backend, with every wasm allocation counted: the live bytes at their
 * peak, in which kernel and pass (forward/backward) the peak fell, and the biggest single buffers.
 * Where the memory of a step goes, for bench/memory-results.md.
 */
import { readFileSync } from 'node:fs';
import { REGISTRY } from '../blocks';
import { compile } from '../src/core';
import { useBackend } from '../src/runtime/backend';
import { buildModel } from '../src/runtime/build-model';
import { lossFunction } from '../src/runtime/losses';
import { tf } from '../src/runtime/tf';
import { clinicalGlioma } from './memory-96';

const [size, depth, base] = [Number(process.argv[2] ?? 96), Number(process.argv[3] ?? 4), Number(process.argv[4] ?? 16)];
const MiB = 1024 * 1024;
const doc = clinicalGlioma(size, 1) as { blocks: { type: string; params: Record<string, unknown> }[] };
for (const b of doc.blocks) if (b.type === 'UNet3D') Object.assign(b.params, { depth, baseFilters: base });
const plan = compile(JSON.stringify(doc), REGISTRY).plan!;
await useBackend(plan, 'wasm');
const model = await buildModel(plan);
const loss = lossFunction(plan.training.loss);
const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
const optimizer = tf.train.adam(1e-3);

const wasm = (tf.backend() as unknown as { wasm: { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array } }).wasm;
const sizes = new Map<number, number>();
const owner = new Map<number, string>();
let live = 0;
let peak = 0;
let where = '';
let kernel = '';
let pass = 'setup';
const biggest: { bytes: number; at: string }[] = [];
const malloc = wasm._malloc.bind(wasm);
const freeFn = wasm._free.bind(wasm);
wasm._malloc = (n: number) => {
  const p = malloc(n);
  sizes.set(p, n);
  owner.set(p, `${pass[0]}:${kernel}`);
  live += n;
  if (n > 64 * MiB) biggest.push({ bytes: n, at: `${pass}:${kernel}` });
  if (live > peak) {
    peak = live;
    where = `${pass}:${kernel}`;
    if (pass === 'backward' && n > 1 << 20) {
      const by = new Map<string, number>();
      for (const [q, m] of sizes) by.set(owner.get(q)!, (by.get(owner.get(q)!) ?? 0) + m);
      atPeak = [...by].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, m]) => `${k} ${(m / MiB).toFixed(0)}`).join(', ');
    }
  }
  return p;
};
wasm._free = (p: number) => {
  live -= sizes.get(p) ?? 0;
  sizes.delete(p);
  freeFn(p);
};
const engine = tf.engine() as unknown as { runKernelFunc(k: { kernelName?: string }): unknown; state: { activeTape: unknown[] | null } };
const runKernelFunc = engine.runKernelFunc.bind(engine);
engine.runKernelFunc = (k) => {
  kernel = k.kernelName ?? '?';
  return runKernelFunc(k);
};

const shapeIn = [1, ...(model.inputs[0]!.shape.slice(1) as number[])];
const shapeOut = [1, ...((model.outputs[0]!.shape.slice(1)) as number[])];
const xs = tf.randomNormal(shapeIn);
const ys = tf.oneHot(tf.randomUniformInt(shapeOut.slice(0, -1), 0, shapeOut.at(-1)!), shapeOut.at(-1)!).toFloat();
const before = live;
let afterForward = 0;
let atPeak = '';
let liveByKernel = '';
const t0 = performance.now();
const cost = optimizer.minimize(() => {
  pass = 'forward';
  const out = model.apply(xs, { training: true }) as tf.Tensor;
  const l = loss(ys, out);
  afterForward = live;
  const by = new Map<string, number>();
  for (const [p, n] of sizes) by.set(owner.get(p)!, (by.get(owner.get(p)!) ?? 0) + n);
  liveByKernel = [...by].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${(n / MiB).toFixed(0)}`).join(', ');
  pass = 'backward';
  return l;
}, true, vars)!;
pass = 'after';
await cost.data();
const seconds = (performance.now() - t0) / 1000;
const vmhwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
console.log(JSON.stringify({
  size, depth, base, seconds: +seconds.toFixed(1),
  beforeMiB: +(before / MiB).toFixed(0), afterForwardMiB: +(afterForward / MiB).toFixed(0), peakMiB: +(peak / MiB).toFixed(0), peakAt: where,
  heapMiB: +(wasm.HEAPU8.buffer.byteLength / MiB).toFixed(0), vmHWMMiB: +(vmhwm / MiB).toFixed(0),
  estimateTensorsMiB: +(plan.cost.memory!.tensors / MiB).toFixed(0), activationsPerExampleMiB: +((plan.cost.activations ?? 0) * 4 / MiB).toFixed(0),
  liveByKernel,
  atPeak,
  biggest: biggest.map((b) => `${(b.bytes / MiB).toFixed(0)}MiB@${b.at}`).slice(0, 20),
}, null, 1));
