import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeNifti } from './nifti/write-nifti';
import { memoryIO } from './testing/fixtures';
import { detectLabelKind, parseManifest, readVolumeFolder, type VolumeFolderOptions } from './volume-folder';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/medical/${name}`, import.meta.url)));

/** A [ni, nj, nk] NIfTI whose value is f(i, j, k). */
function nifti(shape: [number, number, number], spacing: number[], f: (i: number, j: number, k: number) => number): Uint8Array {
  const data: number[] = [];
  for (let k = 0; k < shape[2]; k++) for (let j = 0; j < shape[1]; j++) for (let i = 0; i < shape[0]; i++) data.push(f(i, j, k));
  return writeNifti(data, shape, { spacing });
}

const base: VolumeFolderOptions = { folder: 'ds', manifest: 'manifest.json', labelKind: 'auto', spacing: null, size: null, crop: 'centre' };

describe('manifests', () => {
  it.each([
    ['JSON', '{"modalities":["t1","flair"],"classes":["a","b"],"items":[{"patient":"P1","images":{"t1":"x.nii","flair":"y.nii"},"label":"a"}]}'],
    ['CSV', 'patient,image:t1,image:flair,label\nP1,x.nii,y.nii,a\n'],
  ])('%s: modalities, patient, images and label', (_, text) => {
    const m = parseManifest(text, 'm');
    expect(m.modalities).toEqual(['t1', 'flair']);
    expect(m.items[0]).toMatchObject({ patient: 'P1', images: { t1: 'x.nii', flair: 'y.nii' }, label: 'a' });
  });
  it.each([
    ['{"items":[]}', /modalities/],
    ['{"modalities":["t1"],"items":[{"images":{}}]}', /patient/],
    ['id,file\n1,a.nii', /patient.*image:<modality>/],
    ['patient,image:t1\n,a.nii', /row 2: the patient is empty/],
    ['{not json', /not valid JSON/],
  ])('refuses %s', (text, message) => expect(() => parseManifest(text, 'm')).toThrow(message));
  it.each([
    [['seg/a.nii.gz', 'seg/b.nii'], 'mask'],
    [['63', 71.5], 'number'],
    [['young', 'old'], 'class'],
    [[undefined, ''], 'none'],
  ] as const)('label kind of %j is %s', (labels, kind) => expect(detectLabelKind(labels.map((label, i) => ({ id: `${i}`, patient: 'p', images: {}, ...(label === undefined ? {} : { label }) })))).toBe(kind));
});

describe('reading a volume folder', () => {
  const files = {
    'ds/manifest.json': JSON.stringify({
      modalities: ['ct', 'pet'],
      items: [
        { id: 'a', patient: 'P1', images: { ct: 'a_ct.nii', pet: 'a_pet.nii' }, label: 'a_seg.nii' },
        { id: 'b', patient: 'P2', images: { ct: 'b_ct.nii', pet: 'b_pet.nii' }, label: 'b_seg.nii' },
      ],
    }),
    // a: 8 × 8 × 4 at 1 × 1 × 2 mm; b: 6 × 6 × 8 at 1 mm (another grid, another size)
    'ds/a_ct.nii': nifti([8, 8, 4], [1, 1, 2], (i, j, k) => i + 10 * j + 100 * k),
    'ds/a_pet.nii': nifti([8, 8, 4], [1, 1, 2], () => 5),
    'ds/a_seg.nii': nifti([8, 8, 4], [1, 1, 2], (i, j, k) => (i >= 5 && j >= 5 && k === 3 ? 1 : 0)),
    'ds/b_ct.nii': nifti([6, 6, 8], [1, 1, 1], (i) => i),
    'ds/b_pet.nii': nifti([6, 6, 8], [1, 1, 1], () => 7),
    'ds/b_seg.nii': nifti([6, 6, 8], [1, 1, 1], (i, j, k) => (i === 1 && j === 1 && k === 1 ? 1 : 0)),
  };

  it('resamples, crops or pads, stacks modalities as channels and carries masks along', async () => {
    const set = await readVolumeFolder(memoryIO(files), { ...base, spacing: [1, 1, 1], size: [6, 6, 6] });
    expect(set).toMatchObject({ n: 2, imageShape: [6, 6, 6, 2], labelShape: [6, 6, 6, 1], task: 'segmentation', ids: ['a', 'b'], groups: ['P1', 'P2'], labelNames: ['background', 'label 1'] });
    // a's z grows from 4 × 2 mm to 8 slices; cropped to 6 around the centre (slices 1…6).
    const v = 6 * 6 * 6;
    const ct = (e: number, i: number, j: number, k: number) => set.x[(e * v + (k * 6 + j) * 6 + i) * 2]!;
    const pet = (e: number, i: number, j: number, k: number) => set.x[(e * v + (k * 6 + j) * 6 + i) * 2 + 1]!;
    expect(ct(0, 0, 0, 0)).toBe(1 + 10 + 100 * ((1 + 0.5) / 2 - 0.5)); // x, y start at 1 (crop 8 → 6), z at target slice 1
    expect(pet(0, 3, 3, 3)).toBe(5);
    expect(pet(1, 3, 3, 3)).toBe(7);
    expect(new Set(set.y)).toEqual(new Set([0, 1]));
    // b's only mask voxel (1, 1, 1) stays where its image is: the mask voxel has the ct value 1.
    const bMask = set.y.subarray(v, 2 * v).findIndex((m) => m === 1);
    expect(set.x[(v + bMask) * 2]).toBe(1);
  });

  it('crops around the mask when asked', async () => {
    const set = await readVolumeFolder(memoryIO(files), { ...base, spacing: [1, 1, 2], size: [2, 2, 2], crop: 'foreground', modalities: ['ct'] });
    expect(set.imageShape).toEqual([2, 2, 2, 1]);
    expect(Array.from(set.y.subarray(0, 8)).some((m) => m === 1)).toBe(true);
  });

  it('reads a DICOM series folder and class labels from a CSV manifest', async () => {
    const io = memoryIO({
      'ds/manifest.csv': 'patient,image:mr,label\nP1,s1/,old\nP2,s2,young\n',
      'ds/s1/0.dcm': fixture('series_mr_0.dcm'),
      'ds/s1/1.dcm': fixture('series_mr_1.dcm'),
      'ds/s2/0.dcm': fixture('series_mr_1.dcm'),
      'ds/s2/1.dcm': fixture('series_mr_0.dcm'),
    });
    const set = await readVolumeFolder(io, { ...base, manifest: 'manifest.csv', size: [16, 16, 2], classes: ['young', 'old'] });
    expect(set).toMatchObject({ n: 2, imageShape: [2, 16, 16, 1], labelShape: [2], task: 'multiclass', labelNames: ['young', 'old'] });
    expect(Array.from(set.y)).toEqual([0, 1, 1, 0]);
    expect(Array.from(set.x.subarray(0, 512))).toEqual(Array.from(set.x.subarray(512)));
  });

  it.each([
    [{ size: null }, /Item 2 \(b\) has the size \[6, 6, 8\]/],
    [{ modalities: ['mri'] }, /no modality mri/],
    [{ manifest: "nope.json" }, /The manifest ds\/nope.json could not be read/],
  ])('says what is wrong: %j', async (o, message) => {
    await expect(readVolumeFolder(memoryIO(files), { ...base, ...o } as VolumeFolderOptions)).rejects.toThrow(message);
  });

  it('names the item whose file is missing or unreadable', async () => {
    await expect(readVolumeFolder(memoryIO({ ...files, 'ds/b_pet.nii': 'garbage' }), { ...base, size: [4, 4, 4] })).rejects.toThrow(/item 2 \(b\): ds\/b_pet.nii could not be read/);
  });
});
