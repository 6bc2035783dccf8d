import { describe, expect, it } from 'vitest';
import { spearman } from '../../metrics/regression';
import { sampleBrainAge } from './brain-age';
import { sampleDose } from './dose';
import { FUNDUS_LABELS, sampleFundus } from './fundus';
import { GLIOMA_LABELS, sampleGlioma } from './glioma';
import { samplePetCt } from './pet-ct';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.each([
  ['fundus', () => sampleFundus({ count: 3, size: 24, seed: 1 }), [24, 24, 3], [6]],
  ['brain age', () => sampleBrainAge({ count: 3, size: 12, seed: 1 }), [12, 12, 12, 1], [1]],
  ['glioma', () => sampleGlioma({ count: 2, size: 12, seed: 1 }), [12, 12, 12, 4], [12, 12, 12, 4]],
  ['dose', () => sampleDose({ count: 2, size: 12, seed: 1 }), [12, 12, 12, 4], [12, 12, 12, 1]],
  ['PET/CT', () => samplePetCt({ count: 2, size: 12, seed: 1 }), [12, 12, 12, 2], [12, 12, 12, 1]],
])('%s generator', (_name, make, image, label) => {
  it('has the promised shapes, finite values and synthetic ids', () => {
    const s = make();
    expect(s.imageShape).toEqual(image);
    expect(s.labelShape).toEqual(label);
    expect(s.x.length).toBe(s.n * image.reduce((a, b) => a * b, 1));
    expect(s.y.length).toBe(s.n * label.reduce((a, b) => a * b, 1));
    expect(s.x.every(Number.isFinite)).toBe(true);
    expect(s.ids.every((id) => id.startsWith('synthetic-'))).toBe(true);
  });
  it('is seeded: the same seed makes the same data, another seed other data', () => {
    expect(make().x).toEqual(make().x);
  });
});

describe('fundus signs', () => {
  const s = sampleFundus({ count: 120, size: 48, seed: 3 });
  const k = FUNDUS_LABELS.length;
  const has = (i: number, name: (typeof FUNDUS_LABELS)[number]) => s.y[i * k + FUNDUS_LABELS.indexOf(name)] === 1;
  const image = (i: number) => s.x.subarray(i * 48 * 48 * 3, (i + 1) * 48 * 48 * 3);
  const ids = Array.from({ length: s.n }, (_, i) => i);
  const split = (name: (typeof FUNDUS_LABELS)[number]) => [ids.filter((i) => has(i, name)), ids.filter((i) => !has(i, name))] as const;
  it('is multi-label; "normal" exactly when no disease is present', () => {
    for (const i of ids) expect(has(i, 'normal')).toBe(FUNDUS_LABELS.slice(1).every((l) => !has(i, l)));
    expect(ids.filter((i) => FUNDUS_LABELS.slice(1).filter((l) => has(i, l)).length > 1).length).toBeGreaterThan(5);
    for (const l of FUNDUS_LABELS) expect(split(l)[0].length).toBeGreaterThan(5);
  });
  it('glaucoma enlarges the cup: cup-to-disc ratio ≥ 0.6, else ≤ 0.45; and more cup-white pixels', () => {
    const [g, ng] = split('glaucoma');
    for (const i of g) expect(s.signs[i]!.cupToDisc).toBeGreaterThanOrEqual(0.6);
    for (const i of ng) expect(s.signs[i]!.cupToDisc).toBeLessThanOrEqual(0.45);
    const white = (i: number) => {
      const im = image(i);
      let n = 0;
      for (let p = 0; p < im.length; p += 3) if (im[p + 2]! > 0.7 && im[p + 1]! > 0.82 && s.signs[i]!.haze < 0.1) n++;
      return n;
    };
    const clear = (xs: number[]) => xs.filter((i) => s.signs[i]!.haze < 0.1 && !has(i, 'diabetic_retinopathy') && !has(i, 'amd'));
    expect(mean(clear([...g]).map(white))).toBeGreaterThan(1.5 * mean(clear([...ng]).map(white)));
  });
  it('diabetic retinopathy draws haemorrhages and exudates; AMD drusen; cataract haze lowers contrast', () => {
    const [dr, ndr] = split('diabetic_retinopathy');
    for (const i of dr) expect(s.signs[i]!.haemorrhages + s.signs[i]!.exudates).toBeGreaterThanOrEqual(7);
    for (const i of ndr) expect(s.signs[i]!.haemorrhages + s.signs[i]!.exudates).toBe(0);
    for (const i of split('amd')[0]) expect(s.signs[i]!.drusen).toBeGreaterThan(5);
    const contrast = (i: number) => {
      const im = image(i);
      const red = Array.from({ length: im.length / 3 }, (_, p) => im[p * 3]!).filter((v) => v > 0.05);
      const m = mean(red);
      return Math.sqrt(mean(red.map((v) => (v - m) ** 2)));
    };
    const [cat, ncat] = split('cataract');
    expect(mean(cat.map(contrast))).toBeLessThan(0.7 * mean(ncat.map(contrast)));
  });
  it('myopia draws peripapillary atrophy', () => {
    for (const i of split('myopia')[0]) expect(s.signs[i]!.atrophy).toBe(true);
  });
});

describe('brain-age signs', () => {
  const s = sampleBrainAge({ count: 60, size: 24, seed: 5 });
  const ages = s.signs.map((g) => g.age);
  it('ventricles widen and the cortex thins with age', () => {
    expect(spearman(ages, s.signs.map((g) => g.ventricleVoxels))).toBeGreaterThan(0.8);
    expect(spearman(ages, s.signs.map((g) => g.cortex))).toBeLessThan(-0.8);
    const young = s.signs.filter((g) => g.age < 40).map((g) => g.ventricleVoxels);
    const old = s.signs.filter((g) => g.age > 70).map((g) => g.ventricleVoxels);
    expect(mean(old)).toBeGreaterThan(1.5 * mean(young));
  });
  it('the image shows it: dark CSF voxels inside the head increase with age; the label is the age', () => {
    const v = 24 ** 3;
    const dark = s.signs.map((_, i) => {
      let n = 0;
      for (let j = 0; j < v; j++) {
        const z = Math.floor(j / 576);
        const yx = j % 576;
        const yy = Math.floor(yx / 24);
        const xx = yx % 24;
        if (Math.hypot(z - 11.5, yy - 11.5, xx - 11.5) < 8 && s.x[i * v + j]! < 0.3) n++;
      }
      return n;
    });
    expect(spearman(ages, dark)).toBeGreaterThan(0.7);
    expect(Array.from(s.y)).toEqual(ages.map((a) => Math.fround(a)));
  });
});

describe('glioma signs', () => {
  const s = sampleGlioma({ count: 6, size: 24, seed: 2 });
  const v = 24 ** 3;
  const byLabel = (label: number, modality: number) => {
    const xs: number[] = [];
    for (let i = 0; i < s.n; i++) for (let j = 0; j < v; j++) if (s.y[(i * v + j) * 4 + label] === 1) xs.push(s.x[(i * v + j) * 4 + modality]!);
    return mean(xs);
  };
  it('one-hot labels with every sub-region present', () => {
    expect(s.labelNames).toEqual([...GLIOMA_LABELS]);
    for (let j = 0; j < s.n * v; j++) expect(s.y[j * 4]! + s.y[j * 4 + 1]! + s.y[j * 4 + 2]! + s.y[j * 4 + 3]!).toBe(1);
    for (let label = 1; label < 4; label++) expect(byLabel(label, 0)).not.toBeNaN();
  });
  it.each([
    ['enhancing tumour is bright on T1ce', 3, 1, 'brighter than edema', 2],
    ['edema is bright on FLAIR', 2, 3, 'brighter than necrosis', 1],
    ['necrosis is dark on T1ce', 1, 1, 'darker than enhancing', 3],
    ['edema is bright on T2', 2, 2, 'brighter than enhancing', 3],
  ])('%s', (_n, label, modality, _rel, other) => {
    const a = byLabel(label, modality);
    const b = byLabel(other, modality);
    if (_rel.startsWith('darker')) expect(a).toBeLessThan(b - 0.2);
    else expect(a).toBeGreaterThan(b + 0.15);
  });
});

describe('dose signs', () => {
  const s = sampleDose({ count: 4, size: 24, seed: 4 });
  const v = 24 ** 3;
  const where = (test: (i: number, j: number) => boolean) => {
    const xs: number[] = [];
    for (let i = 0; i < s.n; i++) for (let j = 0; j < v; j++) if (test(i, j)) xs.push(s.y[i * v + j]!);
    return xs;
  };
  const ch = (i: number, j: number, c: number) => s.x[(i * v + j) * 4 + c]!;
  it('covers the target with the prescription (±3 %), spares the organs at risk, nothing outside the body', () => {
    const ptv = where((i, j) => ch(i, j, 1) === 1);
    expect(Math.min(...ptv)).toBeGreaterThan(0.96);
    expect(Math.max(...ptv)).toBeLessThan(1.04);
    expect(mean(where((i, j) => ch(i, j, 2) === 1))).toBeLessThan(0.3);
    expect(mean(where((i, j) => ch(i, j, 3) === 1))).toBeLessThan(0.5);
    expect(Math.max(...where((i, j) => ch(i, j, 0) < -0.9))).toBe(0);
  });
  it('falls off away from the target', () => {
    // Voxels next to the PTV (a neighbour inside it) get more dose than the body on average.
    const nextTo = where((i, j) => ch(i, j, 1) === 0 && [1, 24, 576].some((d) => ch(i, Math.min(v - 1, j + d), 1) === 1 || ch(i, Math.max(0, j - d), 1) === 1));
    const body = where((i, j) => ch(i, j, 1) === 0 && ch(i, j, 0) > -0.5);
    expect(mean(nextTo)).toBeGreaterThan(0.7);
    expect(mean(body)).toBeLessThan(0.5 * mean(nextTo));
  });
});

describe('PET/CT signs', () => {
  const s = samplePetCt({ count: 12, size: 24, seed: 6, negativeRate: 0.2 });
  const v = 24 ** 3;
  it('lesion voxels are hot on PET, hotter than the body background', () => {
    const lesion: number[] = [];
    const body: number[] = [];
    for (let i = 0; i < s.n; i++) {
      for (let j = 0; j < v; j++) {
        const suv = s.x[(i * v + j) * 2]! * 10;
        const ct = s.x[(i * v + j) * 2 + 1]!;
        if (s.y[i * v + j] === 1) lesion.push(suv);
        else if (ct > -0.2 && suv < 3) body.push(suv);
      }
    }
    expect(lesion.length).toBeGreaterThan(0);
    expect(mean(lesion)).toBeGreaterThan(3 * mean(body));
  });
  it('hot physiological uptake (brain, bladder) is not labelled lesion, and some cases have no lesion', () => {
    let hotUnlabelled = 0;
    for (let i = 0; i < s.n * v; i++) if (s.x[i * 2]! * 10 > 6 && s.y[i] === 0) hotUnlabelled++;
    expect(hotUnlabelled).toBeGreaterThan(100);
    const perCase = Array.from({ length: s.n }, (_, i) => s.y.subarray(i * v, (i + 1) * v).reduce((a, b) => a + b, 0));
    expect(perCase.some((n) => n === 0)).toBe(true);
    expect(perCase.filter((n) => n > 0).length).toBeGreaterThan(s.n / 2);
  });
});
