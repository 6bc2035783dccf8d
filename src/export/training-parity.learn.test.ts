import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { compile, exampleSize } from '../core';
import { diskIO } from '../cli/files';
import { runSteps } from '../data/run-steps';
import { useBackend } from '../runtime/backend';
import { buildModel } from '../runtime/build-model';
import { exportModel, importModel } from '../runtime/export-model';
import { lossFunction } from '../runtime/losses';
import { makeOptimizer } from '../runtime/optimizers';
import { tf } from '../runtime/tf';
import { python, PYTHON_SRC, torchMissing } from './testing/python';

// Twenty training steps of a template in tfjs and in jimu_torch, from the same initial weights on the same
// batches: the loss curves agree within 1e-3, and the PyTorch-trained weights, converted back to tfjs,
// reproduce PyTorch's predictions within 1e-4.
const templates = new URL('../../public/templates/', import.meta.url).pathname;
const STEPS = 20;

describe.skipIf(torchMissing())('20 training steps in tfjs and PyTorch', () => {

  it.each(['sample-shapes.pipeline.json', 'glioma-segmentation.pipeline.json'])('%s: same loss curve (1e-3) and converted predictions (1e-4)', async (name) => {
    const plan = compile(readFileSync(join(templates, name), 'utf8'), REGISTRY).plan!;
    // The backend Jimu trains with on a CPU (wasm with its self-checked kernels).
    await useBackend(plan);
    const dir = mkdtempSync(join(tmpdir(), 'jimu-curve-'));
    const model = await buildModel(plan);
    const files = await exportModel(model);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(files.modelJson));
    writeFileSync(join(dir, files.weightsFile), files.weights);
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));

    const set = await runSteps(plan.data.train.steps, REGISTRY, diskIO('.'), plan.seed);
    const b = plan.training.batchSize;
    const xs = exampleSize(set.imageShape);
    const ys = exampleSize(set.labelShape);
    const batches: [string, number[], string, number[]][] = [];
    const tensors: [tf.Tensor, tf.Tensor][] = [];
    for (let s = 0; s < STEPS; s++) {
      const idx = Array.from({ length: b }, (_, k) => (s * b + k) % set.n);
      const x = Float32Array.from(idx.flatMap((i) => Array.from(set.x.subarray(i * xs, (i + 1) * xs))));
      const y = Float32Array.from(idx.flatMap((i) => Array.from(set.y.subarray(i * ys, (i + 1) * ys))));
      const [xp, yp] = [join(dir, `x${s}.bin`), join(dir, `y${s}.bin`)];
      writeFileSync(xp, new Uint8Array(x.buffer));
      writeFileSync(yp, new Uint8Array(y.buffer));
      batches.push([xp, [b, ...set.imageShape], yp, [b, ...set.labelShape]]);
      tensors.push([tf.tensor(x, [b, ...set.imageShape]), tf.tensor(y, [b, ...set.labelShape])]);
    }
    const probeX = set.x.slice(0, Math.min(4, set.n) * xs);
    const probeShape = [Math.min(4, set.n), ...set.imageShape];
    writeFileSync(join(dir, 'probe.bin'), new Uint8Array(probeX.buffer));
    writeFileSync(join(dir, 'req.json'), JSON.stringify({ python: PYTHON_SRC, plan: join(dir, 'plan.json'), weights: dir, batches, probe: [join(dir, 'probe.bin'), probeShape], out: join(dir, 'torch') }));
    python([join(import.meta.dirname, 'testing', 'curve.py'), join(dir, 'req.json'), join(dir, 'res.json')]);
    const py = JSON.parse(readFileSync(join(dir, 'res.json'), 'utf8')) as { losses: number[]; probe: number[] };

    const loss = lossFunction(plan.training.loss);
    const optimizer = makeOptimizer(plan.training.optimizer);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const curve: number[] = [];
    for (const [x, y] of tensors) {
      const cost = optimizer.minimize(() => loss(y, model.apply(x, { training: true }) as tf.Tensor), true, vars)!;
      curve.push(cost.dataSync()[0]!);
      tf.dispose([cost, x, y]);
    }
    const worst = Math.max(...curve.map((v, i) => Math.abs(v - py.losses[i]!) / Math.abs(v)));
    expect(curve[STEPS - 1]).toBeLessThan(curve[0]!);
    expect(worst, `tfjs ${curve.map((v) => v.toFixed(5)).join(' ')}\ntorch ${py.losses.map((v) => v.toFixed(5)).join(' ')}`).toBeLessThan(1e-3);

    const back = await importModel({ modelJson: JSON.parse(readFileSync(join(dir, 'torch', 'model.json'), 'utf8')) as Record<string, unknown>, weights: new Uint8Array(readFileSync(join(dir, 'torch', 'weights.bin'))) });
    const pred = tf.tidy(() => (back.predict(tf.tensor(probeX, probeShape)) as tf.Tensor).dataSync());
    let err = 0;
    pred.forEach((v, i) => (err = Math.max(err, Math.abs(v - py.probe[i]!))));
    expect(err).toBeLessThan(1e-4);
    back.dispose();
    model.dispose();
  });
});
