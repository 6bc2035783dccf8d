import type { ExampleSet, Plan, Registry } from '../../../core';
import type { DecodedImage } from '../../../data/decode-image';
import { DataError } from '../../../data/errors';
import { resizeImage } from '../../../data/resize';

/**
 * Makes a dropped image look like the model's training examples: the channels the input expects
 * (grey ↔ colour), its height and width, then the plan's per-example transforms (Normalize …) —
 * the source and any split are skipped, as one image has nothing to split.
 */
export async function prepareImage(img: DecodedImage, plan: Plan, registry: Registry): Promise<{ x: Float32Array; shape: number[] }> {
  const shape = plan.model.inputs[0]?.shape.slice(1) as number[] | undefined;
  if (!shape || shape.length !== 3) throw new DataError('This model takes volumes or several inputs; a single picture cannot be fed to it.', 'Drop a picture on a model with one 2D image input.');
  const [h, w, c] = shape as [number, number, number];
  const pixels = img.height * img.width;
  let data = img.data;
  if (img.channels !== c) {
    const out = new Float32Array(pixels * c);
    for (let p = 0; p < pixels; p++) {
      const grey = img.channels === 3 ? (data[p * 3]! + data[p * 3 + 1]! + data[p * 3 + 2]!) / 3 : data[p]!;
      for (let k = 0; k < c; k++) out[p * c + k] = c === 3 && img.channels === 3 ? data[p * 3 + k]! : grey;
    }
    data = out;
  }
  const x = img.height === h && img.width === w ? data : resizeImage(data, [img.height, img.width, c], h, w);
  return applyExampleSteps(x, [h, w, c], plan, registry);
}

/**
 * Runs the plan's per-example transforms (Normalize …) on one input of `shape`, as training did; the
 * source and any split are skipped, as one input has nothing to split.
 */
export async function applyExampleSteps(x: Float32Array, shape: number[], plan: Plan, registry: Registry, steps = plan.data.train.steps): Promise<{ x: Float32Array; shape: number[] }> {
  let set: ExampleSet = { x, y: new Float32Array(0), n: 1, imageShape: shape, labelShape: [0], ids: ['dropped'], groups: ['dropped'], labelNames: plan.labelNames, task: plan.task };
  for (const step of steps.slice(1)) {
    const def = registry.get(step.type);
    if (!def?.run || 'source' in def.run || Object.keys(def.outputs).length > 1) continue;
    set = await def.run.transform(set, step.params, { seed: 0, output: step.output });
  }
  return { x: set.x, shape: set.imageShape };
}
