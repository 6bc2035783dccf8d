import type { ExampleSet } from '../../core';
import { createRandom } from '../random';
import { caseId, clamp01, ellipsoid, forEachVoxel, lumpy } from './grid';

/** Label-map classes in one-hot channel order; channel index = BraTS-style label 0, 1, 2, 3. */
export const GLIOMA_LABELS = ['background', 'necrosis', 'edema', 'enhancing'] as const;
/** The four MRI channels, in order. */
export const GLIOMA_MODALITIES = ['T1', 'T1ce', 'T2', 'FLAIR'] as const;

export interface SampleGliomaOptions {
  count: number;
  /** Make only the first `limit` examples (the very ones a full set starts with, same ids), e.g. for a preview. */
  limit?: number;
  /** Volumes are size³ × 4 (T1, T1ce, T2, FLAIR); labels size³ × 4 one-hot. */
  size: number;
  seed: number;
}

/**
 * Intensity of each tissue in each modality (T1, T1ce, T2, FLAIR), following how gliomas look in real
 * scans: edema is bright on T2 and FLAIR and a little dark on T1; the enhancing rim is bright on T1ce
 * (contrast leaks through the broken blood–brain barrier); necrosis is dark on T1 and T1ce, bright on T2
 * and darker on FLAIR (fluid is suppressed); CSF is bright on T2 only.
 */
export const GLIOMA_TISSUE: Record<string, [number, number, number, number]> = {
  csf: [0.12, 0.15, 0.9, 0.08],
  brain: [0.62, 0.6, 0.45, 0.4],
  edema: [0.5, 0.5, 0.8, 0.85],
  enhancing: [0.55, 0.95, 0.6, 0.65],
  necrosis: [0.25, 0.22, 0.85, 0.45],
};

/**
 * SYNTHETIC four-modality brain MRI with a glioma of three sub-regions (BraTS-style: necrotic core,
 * enhancing rim, surrounding edema), lumpy and placed at random in one hemisphere, with one-hot label
 * maps (channels: background, necrosis = BraTS 1, edema = 2, enhancing = 3/4). Not real patients.
 */
export function sampleGlioma(options: SampleGliomaOptions): ExampleSet {
  const { count, size, seed } = options;
  const n = Math.min(count, options.limit ?? count);
  const random = createRandom(seed);
  const voxels = size ** 3;
  const x = new Float32Array(n * voxels * 4);
  const y = new Float32Array(n * voxels * 4);
  const ids: string[] = [];
  const c = (size - 1) / 2;
  for (let i = 0; i < n; i++) {
    const head = size * random.uniform(0.42, 0.47);
    const brain = [head * 0.85, head, head * 0.9].map((r) => r * 0.9);
    const ventricle = [size * 0.1, size * 0.06, size * 0.12];
    const side = random.next() < 0.5 ? -1 : 1;
    const centre = [c + random.uniform(-0.2, 0.2) * size, c + random.uniform(-0.2, 0.2) * size, c + side * random.uniform(0.12, 0.22) * size];
    const r = size * random.uniform(0.1, 0.16);
    const rEdema = r * random.uniform(1.4, 1.9);
    const rCore = r * random.uniform(0.35, 0.6);
    const shape = lumpy(random, 0.25);
    const gain = GLIOMA_MODALITIES.map(() => random.uniform(0.85, 1.15));
    const noise = random.uniform(0.02, 0.04);
    forEachVoxel(size, (j, zz, yy, xx) => {
      const p = [zz, yy, xx];
      const inBrain = ellipsoid(p, [c, c, c], brain);
      const inVentricle = ellipsoid(p, [c, c - 1, c], ventricle);
      const d = Math.hypot(zz - centre[0]!, yy - centre[1]!, xx - centre[2]!) / shape(zz - centre[0]!, yy - centre[1]!, xx - centre[2]!);
      let label = 0;
      if (inBrain > 0.5) label = d < rCore ? 1 : d < r ? 3 : d < rEdema ? 2 : 0;
      const tissue = label === 1 ? 'necrosis' : label === 3 ? 'enhancing' : label === 2 ? 'edema' : inVentricle > 0.5 ? 'csf' : 'brain';
      const values = GLIOMA_TISSUE[tissue]!;
      for (let m = 0; m < 4; m++) {
        const v = inBrain * values[m]! * gain[m]! + (1 - inBrain) * (m === 2 ? 0.3 : 0.05) * ellipsoid(p, [c, c, c], [head * 0.85, head, head * 0.9]);
        x[(i * voxels + j) * 4 + m] = clamp01(v + noise * random.normal());
      }
      y[(i * voxels + j) * 4 + label] = 1;
    });
    ids.push(caseId('synthetic-glioma', i, count));
  }
  return { x, y, n, imageShape: [size, size, size, 4], labelShape: [size, size, size, 4], ids, groups: [...ids], labelNames: [...GLIOMA_LABELS], task: 'segmentation' };
}
