import type { ExampleSet } from '../../core';
import { createRandom, type Random } from '../random';
import { caseId, clamp01 } from './grid';

/** The sample fundus labels, in column order (the ODIR-5K categories Jimu draws). */
export const FUNDUS_LABELS = ['normal', 'diabetic_retinopathy', 'glaucoma', 'cataract', 'amd', 'myopia'] as const;

/** What was drawn in one synthetic photo: the ground truth behind its labels. */
export interface FundusSigns {
  cupToDisc: number;
  haemorrhages: number;
  exudates: number;
  drusen: number;
  haze: number;
  atrophy: boolean;
}

export interface SampleFundusOptions {
  count: number;
  /** Make only the first `limit` examples (the very ones a full set starts with, same ids), e.g. for a preview. */
  limit?: number;
  /** Photos are size × size × 3 (RGB in [0, 1]). */
  size: number;
  seed: number;
  /** Chance of each disease, independently (default 0.3); a photo with none is labelled normal. */
  prevalence?: number;
}

/**
 * SYNTHETIC colour fundus photos with the signs screening looks for, multi-label like ODIR-5K:
 * glaucoma — cup-to-disc ratio 0.6–0.85 (0.2–0.45 otherwise); diabetic retinopathy — dark red
 * haemorrhages and bright yellow hard exudates; AMD — yellow drusen around the macula; cataract — a
 * milky haze that lowers contrast; pathological myopia — a pale peripapillary atrophy crescent and a
 * tessellated, paler fundus. Vessels, disc side (left/right eye), brightness and noise vary per photo.
 * Not real patients; for learning and testing pipelines only.
 */
export function sampleFundus(options: SampleFundusOptions): ExampleSet & { signs: FundusSigns[] } {
  const { count, size, seed } = options;
  const n = Math.min(count, options.limit ?? count);
  const prevalence = options.prevalence ?? 0.3;
  const random = createRandom(seed);
  const k = FUNDUS_LABELS.length;
  const x = new Float32Array(n * size * size * 3);
  const y = new Float32Array(n * k);
  const ids: string[] = [];
  const signs: FundusSigns[] = [];
  for (let i = 0; i < n; i++) {
    const has = FUNDUS_LABELS.map((_, c) => c > 0 && random.next() < prevalence);
    has[0] = !has.some(Boolean);
    has.forEach((h, c) => (y[i * k + c] = h ? 1 : 0));
    signs.push(drawFundus(x.subarray(i * size * size * 3, (i + 1) * size * size * 3), size, has, random));
    ids.push(caseId('synthetic-fundus', i, count));
  }
  return { x, y, n, imageShape: [size, size, 3], labelShape: [k], ids, groups: [...ids], labelNames: [...FUNDUS_LABELS], task: 'multilabel', signs };
}

interface Spot {
  x: number;
  y: number;
  r: number;
  rgb: [number, number, number];
}

function drawFundus(out: Float32Array, size: number, has: boolean[], random: Random): FundusSigns {
  const [, dr, glaucoma, cataract, amd, myopia] = has;
  const s = size;
  const right = random.next() < 0.5;
  const disc = { x: s * (right ? 0.68 : 0.32) + random.uniform(-0.03, 0.03) * s, y: s * random.uniform(0.45, 0.55), r: s * random.uniform(0.075, 0.095) };
  const macula = { x: s * (right ? 0.38 : 0.62), y: disc.y + s * 0.02 };
  const cupToDisc = glaucoma ? random.uniform(0.6, 0.85) : random.uniform(0.2, 0.45);
  const tone = random.uniform(0.85, 1.1);
  const spots: Spot[] = [];
  const scatter = (n: number, near: { x: number; y: number } | null, spread: number, r: [number, number], rgb: [number, number, number]) => {
    for (let j = 0; j < n; j++) {
      const a = random.uniform(0, 6.283);
      const d = near ? Math.abs(random.normal()) * spread * s : random.uniform(0.1, 0.38) * s;
      const c = near ?? { x: s / 2, y: s / 2 };
      spots.push({ x: c.x + Math.cos(a) * d, y: c.y + Math.sin(a) * d, r: random.uniform(r[0], r[1]) * s, rgb });
    }
  };
  const haemorrhages = dr ? 4 + random.int(7) : 0;
  const exudates = dr ? 3 + random.int(6) : 0;
  const drusen = amd ? 6 + random.int(8) : 0;
  scatter(haemorrhages, null, 0, [0.012, 0.025], [0.35, 0.03, 0.02]);
  scatter(exudates, null, 0, [0.008, 0.016], [0.98, 0.9, 0.45]);
  scatter(drusen, macula, 0.07, [0.01, 0.018], [0.95, 0.85, 0.4]);
  // Vessels: arcs leaving the disc above and below, as sinusoids in polar form.
  const vessels = Array.from({ length: 4 }, (_, v) => ({ angle: (v < 2 ? -1 : 1) * random.uniform(0.5, 1.3) * (right ? -1 : 1) + (right ? Math.PI : 0), bend: random.uniform(-0.6, 0.6), width: random.uniform(0.008, 0.014) * s }));
  const haze = cataract ? random.uniform(0.45, 0.7) : random.uniform(0, 0.08);
  for (let r = 0; r < s; r++) {
    for (let c = 0; c < s; c++) {
      const px = c + 0.5;
      const py = r + 0.5;
      const fromCentre = Math.hypot(px - s / 2, py - s / 2) / (s * 0.47);
      const o = (r * s + c) * 3;
      if (fromCentre > 1) continue; // black outside the field of view
      const vignette = 1 - 0.35 * fromCentre * fromCentre;
      let rgb: [number, number, number] = [0.78 * tone * vignette, 0.32 * tone * vignette, 0.12 * tone * vignette];
      if (myopia) {
        // Tessellation: choroidal vessels show through a thinner, paler retina.
        const t = 0.06 * Math.sin(px * 0.9) * Math.sin(py * 0.7);
        rgb = [rgb[0] + 0.08 + t, rgb[1] + 0.1 + t, rgb[2] + 0.06];
      }
      const dm = Math.hypot(px - macula.x, py - macula.y) / (s * 0.09);
      if (dm < 1) rgb = rgb.map((v) => v * (0.75 + 0.25 * dm)) as typeof rgb;
      for (const v of vessels) {
        const dx = px - disc.x;
        const dy = py - disc.y;
        const dist = Math.hypot(dx, dy);
        const theta = Math.atan2(dy, dx);
        const along = v.angle + v.bend * (dist / s);
        const off = Math.abs(Math.sin(theta - along)) * dist;
        if (Math.cos(theta - along) > 0 && off < v.width && dist > disc.r * 0.5) rgb = [rgb[0] * 0.6, rgb[1] * 0.4, rgb[2] * 0.4];
      }
      const dd = Math.hypot(px - disc.x, py - disc.y) / disc.r;
      if (myopia && dd >= 1 && dd < 1.6 && (px - disc.x) * (right ? -1 : 1) > 0) rgb = [0.93, 0.82, 0.66]; // temporal crescent
      if (dd < 1) rgb = dd < cupToDisc ? [0.99, 0.96, 0.86] : [0.95, 0.72, 0.45];
      for (const sp of spots) if (Math.hypot(px - sp.x, py - sp.y) < sp.r) rgb = [...sp.rgb];
      for (let ch = 0; ch < 3; ch++) {
        const v = rgb[ch]! * (1 - haze) + 0.78 * haze;
        out[o + ch] = clamp01(v + 0.02 * random.normal());
      }
    }
  }
  return { cupToDisc, haemorrhages, exudates, drusen, haze, atrophy: !!myopia };
}
