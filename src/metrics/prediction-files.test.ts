import { describe, expect, it } from 'vitest';
import { readNifti } from '../data/nifti/read-nifti';
import { caseNames, evaluateTaskFor, predictionFiles, type PredictionSet } from './prediction-files';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const byPath = (files: { path: string; bytes: Uint8Array }[]) => Object.fromEntries(files.map((f) => [f.path, f.bytes]));
const base = { ids: ['a', 'b'], labelNames: [] as string[] };

describe('evaluateTaskFor', () => {
  it.each([
    ['binary', 'classification'],
    ['multiclass', 'classification'],
    ['multilabel', 'classification'],
    ['regression', 'regression'],
    ['segmentation', 'segmentation'],
    ['dense-regression', 'dose'],
  ] as const)('%s → %s', (kind, task) => expect(evaluateTaskFor(kind)).toBe(task));
});

describe('predictionFiles writes what jimu evaluate reads', () => {
  it('multi-class: probabilities per class, the argmax class one-hot as truth, values that read back exactly', () => {
    const p = Math.fround(0.1234567);
    const s: PredictionSet = { ...base, task: 'multiclass', n: 2, labelShape: [3], labelNames: ['x', 'y', 'z'], truth: [0.9, 0.05, 0.05, 0, 0, 1], pred: Float32Array.of(p, 0.5, 1 - p - 0.5, 0.2, 0.3, 0.5) };
    const r = predictionFiles(s, 'evaluate');
    expect(r).toMatchObject({ task: 'classification', pred: 'predictions/evaluate.csv', truth: 'truth/evaluate.csv' });
    const f = byPath(r.files);
    expect(text(f['truth/evaluate.csv']!)).toBe('id,x,y,z\na,1,0,0\nb,0,0,1\n');
    const first = text(f['predictions/evaluate.csv']!).split('\n')[1]!.split(',');
    expect(first[0]).toBe('a');
    expect(Number(first[1])).toBe(p);
  });

  it('binary with one sigmoid output: one column; multi-label truth is thresholded at 0.5', () => {
    const one = predictionFiles({ ...base, task: 'binary', n: 2, labelShape: [1], labelNames: ['disease'], truth: [1, 0], pred: [0.75, 0.25] }, 'e');
    expect(text(byPath(one.files)['predictions/e.csv']!)).toBe('id,disease\na,0.75\nb,0.25\n');
    const multi = predictionFiles({ ...base, task: 'multilabel', n: 2, labelShape: [2], labelNames: ['dr', 'amd'], truth: [1, 0, 0, 1], pred: [0.5, 0.5, 0.5, 0.5] }, 'e');
    expect(text(byPath(multi.files)['truth/e.csv']!)).toBe('id,dr,amd\na,1,0\nb,0,1\n');
  });

  it('regression: id,value; ids with commas are quoted, repeated ids made unique', () => {
    const r = predictionFiles({ ...base, task: 'regression', n: 2, ids: ['p,1', 'p,1'], labelShape: [1], truth: [40, 50], pred: [41.5, 48] }, 'e');
    expect(text(byPath(r.files)['predictions/e.csv']!)).toBe('id,value\np_1,41.5\np_1_2,48\n');
    const q = predictionFiles({ ...base, task: 'regression', n: 2, ids: ['p,1', 'q"2'], labelShape: [1], truth: [40, 50], pred: [41.5, 48] }, 'e');
    expect(text(byPath(q.files)['truth/e.csv']!)).toBe('id,value\n"p,1",40\n"q""2",50\n');
  });

  it('segmentation: one label map per case (argmax of channels) on the example grid, x fastest', () => {
    // 1 case, grid [z=1, y=2, x=3], 3 channels.
    const oneHot = (labels: number[]) => labels.flatMap((l) => [0, 1, 2].map((k) => (k === l ? 1 : 0)));
    const truth = oneHot([0, 1, 2, 2, 1, 0]);
    const pred = oneHot([0, 1, 1, 2, 2, 0]).map((v) => v * 0.8 + 0.1);
    const r = predictionFiles({ ...base, task: 'segmentation', n: 1, ids: ['case/1.nii.gz'], labelShape: [1, 2, 3, 3], labelNames: ['bg', 'a', 'b'], truth, pred, spacing: [0.5, 0.5, 2] }, 'ev');
    expect(r).toMatchObject({ task: 'segmentation', pred: 'predictions/ev', truth: 'truth/ev', cases: ['case_1'] });
    const f = byPath(r.files);
    const t = readNifti(f['truth/ev/case_1.nii']!);
    expect(t.shape).toEqual([3, 2, 1]);
    expect(t.spacing).toEqual([0.5, 0.5, 2]);
    expect(t.dtype).toBe('uint8');
    expect(Array.from(t.data)).toEqual([0, 1, 2, 2, 1, 0]);
    expect(Array.from(readNifti(f['predictions/ev/case_1.nii']!).data)).toEqual([0, 1, 1, 2, 2, 0]);
  });

  it('single-channel masks: the threshold decides, truth > 0.5; header bytes are NIfTI-1 single-file', () => {
    const r = predictionFiles({ ...base, task: 'segmentation', n: 1, ids: ['c'], labelShape: [2, 2, 1], labelNames: ['lesion'], truth: [1, 0, 0, 1], pred: [0.9, 0.6, 0.2, 0.4], threshold: 0.5 }, 'e');
    const bytes = byPath(r.files)['predictions/e/c.nii']!;
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    expect(v.getInt32(0, true)).toBe(348); // sizeof_hdr
    expect([v.getInt16(40, true), v.getInt16(42, true), v.getInt16(44, true), v.getInt16(46, true)]).toEqual([3, 2, 2, 1]); // dim: a 2D grid as x × y × 1
    expect([v.getInt16(70, true), v.getInt16(72, true)]).toEqual([2, 8]); // uint8
    expect(v.getFloat32(108, true)).toBe(352); // vox_offset
    expect(text(bytes.subarray(344, 348))).toBe('n+1\0');
    expect(Array.from(bytes.subarray(352))).toEqual([1, 1, 0, 0]);
  });

  it('dose: predicted dose per case; truth folder with dose and the binary input channels as structures', () => {
    // 1 case, 2 voxels, inputs [ct, ptv, cord]; ct is not binary, ptv and cord are.
    const x = [0.03, 1, 0, -1, 0, 1];
    const r = predictionFiles({ ...base, task: 'dense-regression', n: 1, ids: ['d1'], labelShape: [1, 1, 2, 1], labelNames: ['dose'], truth: [1, 0.5], pred: [0.9, 0.4], image: { x, shape: [1, 1, 2, 3], channelNames: ['ct', 'ptv', 'spinal_cord'] }, spacing: [4, 4, 4] }, 'e');
    expect(r.structures).toEqual(['ptv', 'spinal_cord']);
    const f = byPath(r.files);
    expect(Object.keys(f).sort()).toEqual(['predictions/e/d1.nii', 'truth/e/d1/dose.nii', 'truth/e/d1/ptv.nii', 'truth/e/d1/spinal_cord.nii']);
    expect(Array.from(readNifti(f['predictions/e/d1.nii']!).data)).toEqual([Math.fround(0.9), Math.fround(0.4)]);
    expect(Array.from(readNifti(f['truth/e/d1/spinal_cord.nii']!).data)).toEqual([0, 1]);
    expect(readNifti(f['truth/e/d1/dose.nii']!).spacing).toEqual([4, 4, 4]);
  });

  it('refuses outputs that do not match the labels', () => {
    expect(() => predictionFiles({ ...base, task: 'regression', n: 2, labelShape: [1], truth: [1, 2], pred: [1, 2, 3, 4] }, 'e')).toThrow(/2 values per case and the labels 1/);
  });

  it('caseNames: safe, unique, never empty', () => {
    expect(caseNames(['a b', 'a b', '', '../x', 'A B'], 5)).toEqual(['a_b', 'a_b_2', 'case_0003', 'x', 'A_B_3']);
  });
});
