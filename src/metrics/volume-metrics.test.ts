import { describe, expect, it } from 'vitest';
import reference from './fixtures/volume-reference.json';
import { bootstrapAuc } from './bootstrap';
import { LESION_CONNECTIVITY, scoreDetection } from './detection';
import { doseScore, dvhMetrics, scoreDose, type Structure } from './dose';
import { binarise, components, distanceTo, erode, neighbourOffsets, percentile } from './grid';
import { hd95 } from './hausdorff';
import { BRATS_2021_REGIONS, BRATS_REGIONS, dice, labelsPresent, regionDice, regionMask } from './segmentation';

// Every expected value below was computed with NumPy/SciPy replicating MedPy, OpenKBP and autoPET
// (scripts/oracles/volume_metrics.py).
type Case = Record<string, unknown> & { name: string; kind: string; shape: number[]; spacing: number[] };
const cases = reference.cases as unknown as Case[];
const byKind = (k: string) => cases.filter((c) => c.kind === k).map((c) => [c.name, c] as const);
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('grid helpers', () => {
  it.each([
    [3, 1, 6],
    [3, 2, 18],
    [3, 3, 26],
    [2, 1, 4],
    [2, 2, 8],
  ])('a %iD structure of connectivity %i has %i neighbours', (ndim, c, n) => {
    expect(neighbourOffsets(ndim, c)).toHaveLength(n);
  });
  it.each([
    [[0, 1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1, 0], 95, 3.8],
    [[7], 1, 7],
    [[1, 2], 25, 1.25],
  ])('percentile of %j at %f is %f (NumPy linear)', (xs, q, v) => close(percentile(xs, q), v));
  it('erosion treats outside the grid as outside, as SciPy does', () => {
    expect(Array.from(erode(new Uint8Array(27).fill(1), [3, 3, 3], 1))).toEqual(Array.from({ length: 27 }, (_, i) => (i === 13 ? 1 : 0)));
  });
  it.each(byKind('hd95'))('distance transform of %s matches distance_transform_edt', (_n, c) => {
    const d = distanceTo(binarise(c.truth as number[]), { shape: c.shape, spacing: c.spacing });
    (c.edt_to_truth as number[]).forEach((v, i) => expect(d[i]).toBeCloseTo(v, 9));
  });
  it('distance is Infinity everywhere without features', () => {
    expect(Array.from(distanceTo(new Uint8Array(4), { shape: [2, 2] }))).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });
});

describe('HD95 against MedPy (replicated with SciPy)', () => {
  it.each(byKind('hd95'))('%s, every connectivity, 95th and 100th percentile', (_n, c) => {
    const grid = { shape: c.shape, spacing: c.spacing };
    for (let conn = 1; conn <= c.shape.length; conn++) {
      close(hd95(c.truth as number[], c.pred as number[], grid, { connectivity: conn }), c[`hd95_c${conn}`] as number);
      close(hd95(c.truth as number[], c.pred as number[], grid, { connectivity: conn, percentile: 100 }), c[`hd100_c${conn}`] as number);
    }
  });
  it.each([
    ['both empty', [0, 0, 0, 0], [0, 0, 0, 0], 0],
    ['prediction empty', [0, 1, 0, 0], [0, 0, 0, 0], Number.NaN],
    ['truth empty', [0, 0, 0, 0], [1, 0, 0, 0], Number.NaN],
    ['identical', [1, 1, 0, 0], [1, 1, 0, 0], 0],
  ])('%s', (_n, t, p, v) => expect(hd95(t, p, { shape: [4, 1, 1] })).toEqual(v));
  it('uses the spacing: a shift of one voxel along an axis of 3 mm is 3 mm', () => {
    const t = [1, 0, 0, 0];
    const p = [0, 1, 0, 0];
    expect(hd95(t, p, { shape: [4], spacing: [3] })).toBe(3);
  });
});

describe('Dice per label and per BraTS region', () => {
  const [, c] = byKind('regions')[0]!;
  const t = c.truth as number[];
  const p = c.pred as number[];
  it('regions (whole tumour, tumour core, enhancing tumour)', () => {
    const d = regionDice(t, p, BRATS_REGIONS);
    for (const [k, v] of Object.entries(c.dice as Record<string, number>)) close(d[k]!, v);
  });
  it('single labels', () => {
    expect(labelsPresent(t, p)).toEqual([1, 2, 4]);
    for (const [k, v] of Object.entries(c.dice_label as Record<string, number>)) close(dice(regionMask(t, [+k]), regionMask(p, [+k])), v);
  });
  it('HD95 per region', () => {
    for (const [k, v] of Object.entries(c.hd95 as Record<string, number>)) close(hd95(regionMask(t, BRATS_REGIONS[k]!), regionMask(p, BRATS_REGIONS[k]!), { shape: c.shape, spacing: c.spacing }), v);
  });
  it('the 2021 convention maps label 3 to enhancing tumour', () => {
    const relabel = (m: number[]) => m.map((v) => (v === 4 ? 3 : v));
    const d = regionDice(relabel(t), relabel(p), BRATS_2021_REGIONS);
    for (const [k, v] of Object.entries(c.dice as Record<string, number>)) close(d[k]!, v);
  });
});

describe('OpenKBP dose and DVH scores', () => {
  const [, c] = byKind('dose')[0]!;
  const grid = { shape: c.shape, spacing: c.spacing };
  const structures = c.structures as Structure[];
  it('dose score is the MAE inside the possible-dose mask', () => {
    close(doseScore(c.truth as number[], c.pred as number[], c.possible_dose_mask as number[]), c.dose_score as number);
  });
  it('DVH criteria per structure and the DVH score', () => {
    const masked = (c.pred as number[]).map((v, i) => v * (c.possible_dose_mask as number[])[i]!);
    const r = scoreDose(c.truth as number[], masked, c.possible_dose_mask as number[], structures, grid);
    close(r.dvh_score, c.dvh_score as number);
    close(r.dose_score, c.dose_score as number);
    const expected = c.dvh as Record<string, Record<string, { truth: number; pred: number }>>;
    for (const [name, metrics] of Object.entries(expected)) {
      for (const [key, v] of Object.entries(metrics)) {
        close(r.dvh[name]![key]!.truth, v.truth);
        close(r.dvh[name]![key]!.pred, v.pred);
      }
    }
  });
  it('criteria by kind; an empty structure has none', () => {
    const dose = [10, 20, 30, 40];
    expect(Object.keys(dvhMetrics(dose, { name: 'PTV', kind: 'target', mask: [1, 1, 1, 1] }, { shape: [4] }))).toEqual(['D_99', 'D_95', 'D_1']);
    // 0.1 cm³ is 100 voxels of 1 mm³: a structure that small gets its minimum; with 50 mm³ voxels it is 2 of 4 → the 50th percentile.
    expect(dvhMetrics(dose, { name: 'Cord', kind: 'oar', mask: [1, 1, 0, 0] }, { shape: [4] })).toEqual({ 'D_0.1_cc': 10, mean: 15 });
    expect(dvhMetrics(dose, { name: 'Cord', kind: 'oar', mask: [1, 1, 1, 1] }, { shape: [4], spacing: [50, 1, 1] })).toEqual({ 'D_0.1_cc': 25, mean: 25 });
    expect(dvhMetrics(dose, { name: 'Cord', kind: 'oar', mask: [0, 0, 0, 0] }, { shape: [4] })).toEqual({});
  });
});

describe('autoPET detection metrics', () => {
  it.each(byKind('detection'))('%s', (_n, c) => {
    const r = scoreDetection(c.truth as number[], c.pred as number[], { shape: c.shape, spacing: c.spacing });
    close(r.dice, c.dice as number);
    close(r.false_positive_volume_ml, c.false_positive_volume_ml as number);
    close(r.false_negative_volume_ml, c.false_negative_volume_ml as number);
    expect(r.lesions).toBe(c.lesions);
    expect(r.lesions_detected).toBe(c.lesions_detected);
    expect(r.false_positives).toBe(c.false_positives);
    close(r.lesion_sensitivity, (c.lesions_detected as number) / (c.lesions as number));
    expect(components(binarise(c.truth as number[]), c.shape, 3).count).toBe(c.components_26);
    expect(components(binarise(c.truth as number[]), c.shape, LESION_CONNECTIVITY).count).toBe(c.lesions);
  });
  it('a case without lesions has no Dice and counts every predicted voxel as false positive', () => {
    const r = scoreDetection([0, 0, 0, 0], [0, 1, 1, 0], { shape: [4, 1, 1], spacing: [10, 10, 10] });
    expect(r.dice).toBeNaN();
    expect(r.false_positive_volume_ml).toBe(2);
    expect(r.false_positives).toBe(1);
    expect(r.lesion_sensitivity).toBeNaN();
  });
});

describe('bootstrap confidence interval for AUC', () => {
  const sample = (n: number, seed: number) => {
    let s = seed;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const labels: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = rand() < 0.5 ? 1 : 0;
      labels.push(y);
      // Normal-ish scores: the sum of three uniforms, shifted for positives.
      scores.push(y * 0.8 + rand() + rand() + rand());
    }
    return { labels, scores };
  };
  it('is seeded: the same seed gives the same interval, another seed a different one', () => {
    const { labels, scores } = sample(80, 1);
    expect(bootstrapAuc(labels, scores, { seed: 7, iterations: 200 })).toEqual(bootstrapAuc(labels, scores, { seed: 7, iterations: 200 }));
    expect(bootstrapAuc(labels, scores, { seed: 8, iterations: 200 })).not.toEqual(bootstrapAuc(labels, scores, { seed: 7, iterations: 200 }));
  });
  it.each([
    [0.8, 0.95],
    [0.95, 0.99],
  ])('a %f interval is narrower than a %f one and contains the estimate', (a, b) => {
    const { labels, scores } = sample(120, 3);
    const narrow = bootstrapAuc(labels, scores, { level: a, iterations: 400 });
    const wide = bootstrapAuc(labels, scores, { level: b, iterations: 400 });
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
    expect(narrow.lower).toBeLessThanOrEqual(narrow.estimate);
    expect(narrow.upper).toBeGreaterThanOrEqual(narrow.estimate);
  });
  it('covers the population AUC in about 95 % of repeated studies', () => {
    // The population AUC of this generator, estimated from one very large sample.
    const big = sample(20000, 99);
    const { rocAuc } = { rocAuc: (l: number[], s: number[]) => bootstrapAuc(l, s, { iterations: 0 }).estimate };
    const truth = rocAuc(big.labels, big.scores);
    let covered = 0;
    const studies = 60;
    for (let k = 0; k < studies; k++) {
      const { labels, scores } = sample(60, 1000 + k * 7919);
      const ci = bootstrapAuc(labels, scores, { iterations: 300, seed: k });
      if (ci.lower <= truth && truth <= ci.upper) covered++;
    }
    expect(covered / studies).toBeGreaterThan(0.85);
    expect(covered / studies).toBeLessThanOrEqual(1);
  });
  it('skips resamples with one class and shrinks as the sample grows', () => {
    const small = sample(30, 5);
    const large = sample(600, 5);
    const a = bootstrapAuc(small.labels, small.scores, { iterations: 300 });
    const b = bootstrapAuc(large.labels, large.scores, { iterations: 300 });
    expect(b.upper - b.lower).toBeLessThan(a.upper - a.lower);
    expect(bootstrapAuc([0, 1, 1, 1], [0.1, 0.9, 0.8, 0.7], { iterations: 100 }).resamples).toBeLessThan(100);
  });
});
