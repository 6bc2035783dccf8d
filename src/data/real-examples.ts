import { z } from 'zod';
import type { Text } from '../core/text';
import { DataError } from './errors';
import type { Volume } from './volume';
import { cropOrPad, gridCentre, minimum, percentile, resampleGrid, type Grid } from './volume-ops';

/**
 * A real (not synthetic) example file a template ships with, in public/templates/index.json:
 * `{ "realExample": { "file": "samples/…", "kind": "image" | "volume", "title", "credit", "licence", "source", "tryWith"?, "tryLabel"? } }`.
 * `file` is relative to the app's base URL (public/); `source` names the package and the original file;
 * `tryWith` is the data block type (SampleFundus …) of the pipelines whose trained model can be tried on it.
 */
export interface RealExample {
  file: string;
  kind: 'image' | 'volume';
  title: Text;
  credit: Text;
  licence: string;
  source: string;
  tryWith?: string;
  /** The demo button's label ("Try the real fundus photo"). */
  tryLabel?: Text;
}

const text = z.object({ en: z.string().min(1), zh: z.string().min(1) });
const realExample = z.object({
  // A relative path inside public/, no way out of it.
  file: z.string().regex(/^samples\/[A-Za-z0-9._-]+$/),
  kind: z.enum(['image', 'volume']),
  title: text,
  credit: text,
  licence: z.string().min(1),
  source: z.string().min(1),
  tryWith: z.string().min(1).optional(),
  tryLabel: text.optional(),
});

/**
 * The real example of a template index entry, or null when it has none or the entry is malformed (a bad
 * entry hides its real example, never the template or the gallery).
 */
export function realExampleOf(entry: unknown): RealExample | null {
  if (typeof entry !== 'object' || entry === null || !('realExample' in entry)) return null;
  const parsed = realExample.safeParse((entry as { realExample: unknown }).realExample);
  if (!parsed.success) return null;
  // Optional fields are left out rather than set to undefined (exactOptionalPropertyTypes).
  const { tryWith, tryLabel, ...rest } = parsed.data;
  return { ...rest, ...(tryWith ? { tryWith } : {}), ...(tryLabel ? { tryLabel } : {}) };
}

/** Why a template has no real example (`noRealExample: { en, zh }`), or null. */
export function noRealExampleOf(entry: unknown): Text | null {
  if (typeof entry !== 'object' || entry === null || !('noRealExample' in entry)) return null;
  const parsed = text.safeParse((entry as { noRealExample: unknown }).noRealExample);
  return parsed.success ? parsed.data : null;
}

/** How a volume was brought to a model's input, for the user to read. */
export interface FittedVolume {
  /** [D, H, W, 1] values, W (the volume's i axis) fastest: the layout of a volume example. */
  x: Float32Array;
  shape: [number, number, number, 1];
  /** The isotropic voxel size the volume was resampled to, in mm. */
  voxel: number;
  /** The intensity mapped to 1 (the 99.5th percentile); the minimum maps to 0. */
  high: number;
}

/**
 * Brings one whole volume to a model input of `[depth, height, width]` voxels (k, j, i) without
 * distorting it: resampled (trilinear) to the isotropic voxel that fits its longest physical side into
 * the input, then padded with its minimum (or cropped) around the centre; intensities are mapped from
 * [minimum, 99.5th percentile] to [0, 1] and clipped, the range of Jimu's synthetic sample volumes.
 */
export function fitVolumeToInput(volume: Volume, input: readonly [number, number, number]): FittedVolume {
  const [ni = 1, nj = 1, nk = 1] = volume.shape;
  const [si = 1, sj = 1, sk = 1] = volume.spacing;
  const [d, h, w] = input;
  if (![d, h, w].every((n) => Number.isInteger(n) && n > 0)) throw new DataError(`The model input [${input.join(', ')}] is not a fixed volume size.`, 'Give the VolumeInput block a depth, height and width.');
  const grid: Grid = { data: volume.data.subarray(0, ni * nj * nk), shape: [ni, nj, nk], spacing: [si, sj, sk].map((s) => (s > 0 ? s : 1)) as [number, number, number] };
  const size: [number, number, number] = [w, h, d];
  const voxel = Math.max(...[0, 1, 2].map((a) => (grid.shape[a]! * grid.spacing[a]!) / size[a]!));
  const resampled = resampleGrid(grid, [voxel, voxel, voxel], 'linear');
  const fitted = cropOrPad(resampled, size, gridCentre(resampled.shape), minimum(resampled.data));
  const sorted = Float32Array.from(fitted.data).sort();
  const low = sorted[0] ?? 0;
  const high = percentile(sorted, 99.5);
  const span = high - low || 1;
  const x = new Float32Array(fitted.data.length);
  for (let o = 0; o < x.length; o++) {
    const v = (fitted.data[o]! - low) / span;
    x[o] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return { x, shape: [d, h, w, 1], voxel, high };
}
