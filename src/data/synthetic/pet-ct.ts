import type { ExampleSet } from '../../core';
import { createRandom } from '../random';
import { caseId, clamp01, ellipsoid, forEachVoxel, lumpy } from './grid';

/** Input channels: PET in SUV / 10 and CT in HU / 1000. */
export const PET_CT_CHANNELS = ['pet_suv_div10', 'ct_hu_div1000'] as const;

export interface SamplePetCtOptions {
  count: number;
  /** Make only the first `limit` examples (the very ones a full set starts with, same ids), e.g. for a preview. */
  limit?: number;
  /** Volumes are size³ × 2; the lesion mask is size³ × 1. */
  size: number;
  seed: number;
  /** Chance that a case has no lesion at all (autoPET includes negative controls; default 0.15). */
  negativeRate?: number;
}

/** Physiological uptake that is hot on PET but is not a lesion: brain, heart, bladder (and mild liver). */
const ORGANS = [
  { name: 'brain', at: [0.1, 0.5, 0.5], radii: [0.09, 0.16, 0.14], suv: [6, 9] },
  { name: 'heart', at: [0.38, 0.47, 0.56], radii: [0.07, 0.08, 0.08], suv: [3, 6] },
  { name: 'liver', at: [0.52, 0.5, 0.38], radii: [0.08, 0.14, 0.12], suv: [1.8, 2.6] },
  { name: 'bladder', at: [0.9, 0.5, 0.5], radii: [0.05, 0.07, 0.07], suv: [8, 14] },
] as const;

/**
 * SYNTHETIC whole-body PET/CT cases (head at slice 0, feet at the last): a body with lungs (dark on CT,
 * cold on PET), a spine, organs with physiological uptake (brain, heart, bladder hot; liver mild), and
 * 0–4 lumpy lesions (SUV 4–15, 1.5–3.5 voxels in radius) in the lungs, lymph-node regions and bones,
 * labelled in a 0/1 mask. Hot organs are decoys: a model must tell lesion from physiology by place and
 * shape, as in autoPET. Not real patients.
 */
export function samplePetCt(options: SamplePetCtOptions): ExampleSet {
  const { count, size, seed } = options;
  const n = Math.min(count, options.limit ?? count);
  const negative = options.negativeRate ?? 0.15;
  const random = createRandom(seed);
  const voxels = size ** 3;
  const x = new Float32Array(n * voxels * 2);
  const y = new Float32Array(n * voxels);
  const ids: string[] = [];
  const c = (size - 1) / 2;
  for (let i = 0; i < n; i++) {
    const bodyR = [size * 0.49, size * random.uniform(0.3, 0.36), size * random.uniform(0.36, 0.42)];
    const lungs = [-1, 1].map((s) => ({ at: [size * 0.38, c - size * 0.02, c + s * size * 0.17], radii: [size * 0.13, size * 0.14, size * 0.11] }));
    const organs = ORGANS.map((o) => ({ at: o.at.map((v) => v * (size - 1)), radii: o.radii.map((r) => r * size), suv: random.uniform(o.suv[0], o.suv[1]) }));
    const nLesions = random.next() < negative ? 0 : 1 + random.int(4);
    const lesions = Array.from({ length: nLesions }, () => {
      // In a lung, near the mediastinum or in the abdomen: inside the body, away from the hot organs.
      let at: number[];
      do at = [random.uniform(0.25, 0.8) * size, c + random.uniform(-0.2, 0.2) * size, c + random.uniform(-0.28, 0.28) * size];
      while (organs.some((o) => ellipsoid(at, o.at, o.radii.map((r) => r + 3)) > 0));
      return { at, r: random.uniform(1.5, 3.5), suv: random.uniform(4, 15), shape: lumpy(random, 0.2) };
    });
    const background = random.uniform(0.8, 1.3);
    const noise = random.uniform(0.1, 0.25);
    forEachVoxel(size, (j, zz, yy, xx) => {
      const p = [zz, yy, xx];
      const inBody = ellipsoid([yy, xx], [c, c], [bodyR[1]!, bodyR[2]!]) * (zz < size - 1 ? 1 : 0);
      const inLung = Math.max(...lungs.map((l) => ellipsoid(p, l.at, l.radii))) * inBody;
      const inSpine = ellipsoid([yy, xx], [c + bodyR[1]! * 0.7, c], [size * 0.05, size * 0.05]) * inBody;
      let suv = inBody * background * (1 - 0.75 * inLung);
      let hu = inBody * 40 - (1 - inBody) * 1000 - inLung * 820 + inSpine * 650;
      for (const o of organs) suv = Math.max(suv, ellipsoid(p, o.at, o.radii) * o.suv * inBody);
      let lesion = 0;
      for (const l of lesions) {
        const d = [zz - l.at[0]!, yy - l.at[1]!, xx - l.at[2]!];
        const r = Math.hypot(...d) / l.shape(d[0]!, d[1]!, d[2]!);
        if (r <= l.r) lesion = 1;
        suv = Math.max(suv, l.suv * clamp01(l.r + 0.5 - r));
        if (r <= l.r) hu = Math.max(hu, 30);
      }
      const o = (i * voxels + j) * 2;
      x[o] = Math.max(0, suv + noise * inBody * random.normal() * Math.sqrt(Math.max(suv, 0.1))) / 10;
      x[o + 1] = (hu + 15 * random.normal()) / 1000;
      y[i * voxels + j] = lesion;
    });
    ids.push(caseId('synthetic-petct', i, count));
  }
  return { x, y, n, imageShape: [size, size, size, 2], labelShape: [size, size, size, 1], ids, groups: [...ids], labelNames: ['lesion'], task: 'segmentation' };
}
