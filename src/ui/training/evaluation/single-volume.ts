import type { Plan, Registry, SlidingWindowPlan } from '../../../core';
import { DataError } from '../../../data/errors';
import { fitVolumeToInput, type FittedVolume } from '../../../data/real-examples';
import type { Volume } from '../../../data/volume';
import { applyExampleSteps } from './single-image';

/** Why a volume cannot be fed to this plan's model (a translation key and its values), or null when it can. */
export function volumeMismatch(plan: Plan): { key: 'real_cannot_2d' | 'real_cannot_channels' | 'real_cannot_shape'; values: Record<string, string | number> } | null {
  const shape = plan.model.inputs[0]?.shape.slice(1);
  if (plan.model.inputs.length !== 1 || !shape) return { key: 'real_cannot_shape', values: { shape: '' } };
  if (shape.length === 3 || shape.length === 2) return { key: 'real_cannot_2d', values: {} };
  if (shape.length !== 4 || !shape.slice(0, 3).every((n) => typeof n === 'number' && n > 0)) return { key: 'real_cannot_shape', values: { shape: shape.join(', ') } };
  if (shape[3] !== 1) return { key: 'real_cannot_channels', values: { channels: String(shape[3]) } };
  return null;
}

/**
 * Makes one real volume look like the model's training examples: resampled and padded to the input's
 * [depth, height, width] with intensities in [0, 1] (`fitVolumeToInput`), then the plan's per-example
 * transforms, as for a dropped image. A model trained on patches and evaluated on whole volumes by
 * sliding windows gets the volume at the whole-volume size of its Evaluate block instead, with that
 * block's transforms and window settings.
 */
export async function prepareVolume(volume: Volume, plan: Plan, registry: Registry): Promise<{ x: Float32Array; shape: number[]; fitted: FittedVolume; slidingWindow?: SlidingWindowPlan }> {
  const mismatch = volumeMismatch(plan);
  if (mismatch) throw new DataError(`This model's input cannot be met by resampling one volume (${mismatch.key}).`, 'Try the real example on a model with one [depth, height, width, 1] volume input.');
  const whole = plan.evaluations.find((e) => e.slidingWindow && e.data.image.length === 4);
  const [d, h, w] = (whole ? whole.data.image : plan.model.inputs[0]!.shape.slice(1)) as [number, number, number, number];
  const fitted = fitVolumeToInput(volume, [d, h, w]);
  const out = await applyExampleSteps(fitted.x, [...fitted.shape], plan, registry, whole?.data.steps);
  const want = [d, h, w, 1];
  if (out.shape.join() !== want.join()) throw new DataError(`After the pipeline's transforms the volume is [${out.shape.join(', ')}], the model takes [${want.join(', ')}].`, 'Try the real example on a pipeline whose transforms keep the volume size.');
  return { ...out, fitted, ...(whole?.slidingWindow ? { slidingWindow: whole.slidingWindow } : {}) };
}
