import type { ExampleSet } from '../../core';
import { createRandom } from '../random';
import { caseId, clamp01, ellipsoid, forEachVoxel } from './grid';

export interface SampleBrainAgeOptions {
  count: number;
  /** Make only the first `limit` examples (the very ones a full set starts with, same ids), e.g. for a preview. */
  limit?: number;
  /** Volumes are size³ × 1. */
  size: number;
  seed: number;
  /** Ages are drawn uniformly from this range (years). */
  minAge?: number;
  maxAge?: number;
}

/** What was drawn: the age and the anatomy it drove, for tests and teaching. */
export interface BrainAgeSigns {
  age: number;
  /** Ventricle volume in voxels (both lateral ventricles). */
  ventricleVoxels: number;
  /** Cortical grey-matter thickness in voxels. */
  cortex: number;
}

/**
 * SYNTHETIC T1-weighted head volumes whose anatomy ages: white matter bright, grey matter mid-grey,
 * CSF dark, a skull rim. With age the lateral ventricles widen (their radii grow ~1.2 % a year after 20),
 * the cortex thins and the brain shrinks from the skull (wider sulcal CSF), as in real ageing; head size,
 * ventricle shape, contrast and noise vary between people, so age must be read from the anatomy.
 * How much people of one age differ is set so that each of the three signs alone places a brain within
 * ±7 to ±10 years (brain shrinkage ±7, cortical thickness ±8, ventricle size ±9.5 at mid-life) and
 * the three together within a few years, as brain-age models do on real scans (MAE 2–5 years).
 * The label is the age in years (task 'regression'). Not real patients.
 */
export function sampleBrainAge(options: SampleBrainAgeOptions): ExampleSet & { signs: BrainAgeSigns[] } {
  const { count, size, seed } = options;
  const n = Math.min(count, options.limit ?? count);
  const lo = options.minAge ?? 20;
  const hi = options.maxAge ?? 90;
  const random = createRandom(seed);
  const voxels = size ** 3;
  const x = new Float32Array(n * voxels);
  const y = new Float32Array(n);
  const ids: string[] = [];
  const signs: BrainAgeSigns[] = [];
  const c = (size - 1) / 2;
  for (let i = 0; i < n; i++) {
    const age = random.uniform(lo, hi);
    const ageing = (age - 20) / 70; // 0 at 20, 1 at 90
    const head = size * random.uniform(0.4, 0.46);
    const radii = [head * 0.85, head, head * 0.9];
    const shrink = 1 - 0.1 * ageing - random.uniform(0, 0.02);
    const brain = radii.map((r) => r * 0.88 * shrink);
    const cortex = Math.max(0.8, size * (0.085 - 0.035 * ageing + random.uniform(-0.004, 0.004)));
    const white = brain.map((r) => r - cortex);
    const vScale = size * (0.06 + 0.07 * ageing) * random.uniform(0.9, 1.1);
    const ventricles = [-1, 1].map((side) => ({ centre: [c + random.uniform(-0.3, 0.3), c - size * 0.03, c + side * (vScale * 0.55 + 0.6)], radii: [vScale * 1.5, vScale * 0.9, vScale * 0.45] }));
    const wm = random.uniform(0.75, 0.85);
    const gm = wm * random.uniform(0.6, 0.68);
    const csf = random.uniform(0.08, 0.16);
    const noise = random.uniform(0.015, 0.035);
    let ventricleVoxels = 0;
    const out = x.subarray(i * voxels, (i + 1) * voxels);
    forEachVoxel(size, (j, zz, yy, xx) => {
      const p = [zz, yy, xx];
      const inHead = ellipsoid(p, [c, c, c], radii);
      const skull = inHead - ellipsoid(p, [c, c, c], radii.map((r) => r - 1.5));
      const inBrain = ellipsoid(p, [c, c, c], brain);
      const inWhite = ellipsoid(p, [c, c, c], white);
      const inVentricle = Math.max(...ventricles.map((v) => ellipsoid(p, v.centre, v.radii)));
      if (inVentricle > 0.5) ventricleVoxels++;
      // Tissue fractions: skull (bright-ish marrow), CSF around and inside the brain, grey then white matter.
      let v = inHead * csf + skull * 0.45;
      v += inBrain * (gm - csf) + inWhite * (wm - gm);
      v -= inVentricle * inWhite * (wm - csf);
      out[j] = clamp01(v + noise * random.normal());
    });
    y[i] = age;
    ids.push(caseId('synthetic-t1', i, count));
    signs.push({ age, ventricleVoxels, cortex });
  }
  return { x, y, n, imageShape: [size, size, size, 1], labelShape: [1], ids, groups: [...ids], labelNames: ['age'], task: 'regression', signs };
}
