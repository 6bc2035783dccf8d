import type { ExampleSet } from '../core';
import { createRandom, type Random } from './random';

/** The two classes of the sample data, in label order. */
export const SAMPLE_SHAPE_CLASSES = ['disc', 'ring'] as const;

export interface SampleShapesOptions {
  /** Number of images; classes alternate, so they are balanced (one more disc when odd). */
  count: number;
  /** Make only the first `limit` examples (the very ones a full set starts with, same ids), e.g. for a preview. */
  limit?: number;
  /** Images are size × size × 1. */
  size: number;
  seed: number;
}

/**
 * A synthetic, seeded teaching dataset: grey images of a bright filled disc (class 0) or a ring
 * (class 1) on a darker background, with a random centre, radius, ring thickness, brightness,
 * background level and Gaussian noise, values clipped to [0, 1]. Labels are one-hot [2], task
 * 'multiclass'. A small CNN learns it to well over 90 % accuracy; the mean brightness of an image
 * alone does not tell the classes apart (the test checks both), so a model has to look at shape.
 */
export function sampleShapes({ count, size, seed, limit }: SampleShapesOptions): ExampleSet {
  const n = Math.min(count, limit ?? count);
  const random = createRandom(seed);
  const pixels = size * size;
  const x = new Float32Array(n * pixels);
  const y = new Float32Array(n * 2);
  const ids: string[] = [];
  const width = String(count).length;
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    y[i * 2 + cls] = 1;
    drawShape(x.subarray(i * pixels, (i + 1) * pixels), size, cls === 1, random);
    ids.push(`${SAMPLE_SHAPE_CLASSES[cls]}-${String(i + 1).padStart(width, '0')}`);
  }
  return { x, y, n, imageShape: [size, size, 1], labelShape: [2], ids, groups: [...ids], labelNames: [...SAMPLE_SHAPE_CLASSES], task: 'multiclass' };
}

function drawShape(out: Float32Array, size: number, ring: boolean, random: Random): void {
  const outer = random.uniform(0.16, 0.32) * size;
  // The hole keeps 40–70 % of the radius, so a ring never fills in to a disc.
  const inner = ring ? outer * random.uniform(0.4, 0.7) : 0;
  const margin = outer + 1;
  const cx = random.uniform(margin, Math.max(margin, size - margin));
  const cy = random.uniform(margin, Math.max(margin, size - margin));
  const background = random.uniform(0.05, 0.3);
  const foreground = random.uniform(0.5, 0.95);
  const noise = random.uniform(0.03, 0.12);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const d = Math.hypot(r + 0.5 - cy, c + 0.5 - cx);
      // Coverage with a one-pixel soft edge, so edges are not perfectly hard steps.
      let cover = clamp01(outer + 0.5 - d);
      if (ring) cover = Math.min(cover, clamp01(d - inner + 0.5));
      const v = background + (foreground - background) * cover + noise * random.normal();
      out[r * size + c] = clamp01(v);
    }
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
