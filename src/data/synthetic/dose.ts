import type { ExampleSet } from '../../core';
import { createRandom } from '../random';
import { caseId, clamp01, ellipsoid, forEachVoxel } from './grid';

/** Input channels, in order: CT (HU / 1000), PTV mask, organ-at-risk masks (spinal cord, parotid). */
export const DOSE_CHANNELS = ['ct', 'ptv', 'spinal_cord', 'parotid'] as const;

export interface SampleDoseOptions {
  count: number;
  /** Make only the first `limit` examples (the very ones a full set starts with, same ids), e.g. for a preview. */
  limit?: number;
  /** Volumes are size³ × 4 inputs; the dose is size³ × 1. */
  size: number;
  seed: number;
  /** Voxel size in mm, for the dose fall-off (default 4 mm). */
  spacing?: number;
}

/**
 * SYNTHETIC head-and-neck-like radiotherapy cases: a CT (body, spine), a target (PTV) and two organs at
 * risk, with a dose grid in units of the prescription (1.0 = prescribed dose, e.g. 70 Gy): uniform
 * (±3 %) across the PTV, falling off with distance from it (~1/e per 12 mm), lowered inside and next to
 * the organs at risk that the plan spares, and zero outside the body. Not real patients or plans.
 */
export function sampleDose(options: SampleDoseOptions): ExampleSet {
  const { count, size, seed } = options;
  const n = Math.min(count, options.limit ?? count);
  const mm = options.spacing ?? 4;
  const random = createRandom(seed);
  const voxels = size ** 3;
  const x = new Float32Array(n * voxels * 4);
  const y = new Float32Array(n * voxels);
  const ids: string[] = [];
  const c = (size - 1) / 2;
  for (let i = 0; i < n; i++) {
    const body = [size * 0.48, size * random.uniform(0.34, 0.4), size * random.uniform(0.36, 0.44)];
    const cord = { centre: [c, c + size * 0.2, c], radii: [size * 0.6, size * 0.045, size * 0.045] };
    const spine = { centre: [c, c + size * 0.2, c], radii: [size * 0.6, size * 0.1, size * 0.09] };
    const side = random.next() < 0.5 ? -1 : 1;
    const ptvR = [size * random.uniform(0.1, 0.16), size * random.uniform(0.08, 0.13), size * random.uniform(0.08, 0.13)];
    const ptv = [c + random.uniform(-0.15, 0.15) * size, c + random.uniform(-0.15, 0.02) * size, c + side * random.uniform(0, 0.12) * size];
    const parotid = { centre: [ptv[0]! + random.uniform(-0.05, 0.05) * size, c - size * 0.02, c - side * size * random.uniform(0.16, 0.24)], radii: [size * 0.08, size * 0.07, size * 0.06] };
    const falloff = random.uniform(10, 14); // mm
    const meanR = (ptvR[0]! + ptvR[1]! + ptvR[2]!) / 3;
    forEachVoxel(size, (j, zz, yy, xx) => {
      const p = [zz, yy, xx];
      const inBody = ellipsoid([yy, xx], [c, c], [body[1]!, body[2]!]) * (Math.abs(zz - c) < body[0]! ? 1 : 0);
      const inSpine = ellipsoid(p, spine.centre, spine.radii);
      const inCord = ellipsoid(p, cord.centre, cord.radii) > 0.5 ? 1 : 0;
      const inParotid = ellipsoid(p, parotid.centre, parotid.radii) > 0.5 ? 1 : 0;
      const q = Math.sqrt(p.reduce((a, v, d) => a + ((v - ptv[d]!) / ptvR[d]!) ** 2, 0));
      const inPtv = q <= 1 ? 1 : 0;
      const hu = inBody * (random.normal() * 20 + 30) + inSpine * inBody * 700 + (1 - inBody) * -1000;
      const o = (i * voxels + j) * 4;
      x[o] = hu / 1000;
      x[o + 1] = inPtv;
      x[o + 2] = inCord;
      x[o + 3] = inParotid;
      const distanceMm = Math.max(0, (q - 1) * meanR) * mm;
      let dose = inPtv ? 1 + 0.03 * Math.sin(zz * 0.9 + xx * 0.7) : 0.95 * Math.exp(-distanceMm / falloff);
      // Sparing: the optimiser pushes dose out of the organs at risk and a margin around them.
      const nearCord = ellipsoid(p, cord.centre, cord.radii.map((r) => r + 1.5));
      const nearParotid = ellipsoid(p, parotid.centre, parotid.radii.map((r) => r + 1.5));
      if (!inPtv) dose *= 1 - 0.6 * Math.max(nearCord, nearParotid);
      y[i * voxels + j] = inBody > 0.5 ? clamp01(dose / 1.1) * 1.1 : 0;
    });
    ids.push(caseId('synthetic-dose', i, count));
  }
  return { x, y, n, imageShape: [size, size, size, 4], labelShape: [size, size, size, 1], ids, groups: [...ids], labelNames: ['dose'], task: 'dense-regression' };
}
