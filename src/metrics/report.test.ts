import { describe, expect, it } from 'vitest';
import { dice } from './segmentation';
import { scoreTask } from './report';

describe('scoreTask', () => {
  it.each([
    ['multiclass', [3], ['accuracy', 'f1_macro', 'auc_macro']],
    ['binary', [1], ['accuracy', 'auc', 'f1']],
    ['multilabel', [3], ['odir_score', 'kappa']],
    ['regression', [1], ['mae', 'pearson_r']],
    ['segmentation', [4, 2], ['dice_mean']],
  ] as const)('scores no %s examples as null, never 0', (task, labelShape, keys) => {
    const r = scoreTask({ task, truth: [], pred: [], n: 0, labelShape: [...labelShape], labelNames: ['a', 'b', 'c'] });
    expect(r).toMatchObject({ n: 0, empty: true });
    for (const k of keys) expect(r[k], k).toBeNull();
    expect(Object.values(r).filter((v) => typeof v === 'number')).toEqual([0]); // n alone
  });

  it('scores a 3-class problem from one-hot truth and probabilities', () => {
    const truth = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1];
    const pred = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.6, 0.3, 0.1];
    const r = scoreTask({ task: 'multiclass', truth, pred, n: 4, labelShape: [3], labelNames: ['a', 'b', 'c'] });
    expect(r.accuracy).toBe(0.75);
    expect(r.confusion).toEqual([[1, 0, 0], [0, 1, 0], [1, 0, 1]]);
  });

  it('scores one-sigmoid binary outputs with the threshold', () => {
    const r = scoreTask({ task: 'binary', truth: [0, 1, 1, 0], pred: [0.2, 0.9, 0.4, 0.6], n: 4, labelShape: [1], labelNames: ['disease'] });
    expect(r).toMatchObject({ accuracy: 0.5, auc: 0.75, sensitivity: 0.5, specificity: 0.5 });
  });

  it('scores segmentation with Dice per label, background left out', () => {
    // 1 case, 4 voxels, 2 channels (background, lesion): truth lesion at voxels 0,1; predicted at 0,1,2 → 2·2/(2+3).
    const truth = [0, 1, 0, 1, 1, 0, 1, 0];
    const pred = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.9, 0.1];
    const r = scoreTask({ task: 'segmentation', truth, pred, n: 1, labelShape: [4, 2], labelNames: ['background', 'lesion'] });
    expect(r.dice).toEqual({ lesion: 0.8 });
  });

  it('adds BraTS region Dice (whole tumour, tumour core, enhancing) for glioma label names', () => {
    // 1 case, 4 voxels, one-hot over background, necrosis, edema, enhancing.
    const oneHot = (labels: number[]) => labels.flatMap((l) => [0, 1, 2, 3].map((k) => (k === l ? 1 : 0)));
    const truth = oneHot([0, 1, 2, 3]);
    const pred = oneHot([2, 1, 2, 1]);
    const r = scoreTask({ task: 'segmentation', truth, pred, n: 1, labelShape: [4, 4], labelNames: ['background', 'necrosis', 'edema', 'enhancing'] });
    // whole: truth {1,2,3} pred {0,1,2,3} → 2·3/7; core: truth {1,3} pred {1,3} → 1; enhancing: truth {3} pred {} → 0.
    expect(r.dice_regions).toEqual({ foreground: 6 / 7, whole_tumor: 6 / 7, tumor_core: 1, enhancing_tumor: 0 });
  });

  it('scores dense regression with the all-voxel MAE and the OpenKBP dose score inside the reference dose, per case', () => {
    // 2 cases of 4 voxels: case 1 errs 0.2 on 2 dosed voxels and 1 outside the body; case 2 errs 0.1 on its 1 dosed voxel.
    const truth = [1, 0.5, 0, 0, 0, 0, 0.8, 0];
    const pred = [0.8, 0.7, 1, 0, 0, 0, 0.7, 0];
    const r = scoreTask({ task: 'dense-regression', truth, pred, n: 2, labelShape: [4, 1], labelNames: ['dose'] });
    expect(r.mae).toBeCloseTo(1.5 / 8, 12);
    expect(r.dose_score).toBeCloseTo((0.2 + 0.1) / 2, 12);
  });

  it('Dice is 1 for two empty masks and 0 for disjoint ones', () => {
    expect(dice([0, 0], [0, 0])).toBe(1);
    expect(dice([1, 0], [0, 1])).toBe(0);
  });
});
