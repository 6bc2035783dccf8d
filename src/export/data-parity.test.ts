import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Augment from '../../blocks/data/Augment';
import CropPad from '../../blocks/data/CropPad';
import CtWindow from '../../blocks/data/CtWindow';
import IntensityNormalize from '../../blocks/data/IntensityNormalize';
import PatchSample from '../../blocks/data/PatchSample';
import Resample from '../../blocks/data/Resample';
import Resize from '../../blocks/data/Resize';
import VolumeFolder from '../../blocks/data/VolumeFolder';
import { writeNifti } from '../data/nifti/write-nifti';
import { REGISTRY } from '../../blocks';
import { main } from '../cli/main';
import { diskIO } from '../cli/files';
import { compile, exampleSize, isCaseSet, type AnySet, type BlockDef, type ExampleSet, type Plan, type TaskKind } from '../core';
import { createRandom } from '../data/random';
import { prepareRun } from '../data/prepare-run';
import { trainingOrder } from '../data/lazy/prefetch';
import { mulberry32, permutation, streamSeed } from '../runtime/random';
import { DATA_STEP_TOLERANCE } from './readme';
import { PYTHON_SRC, python, torchMissing } from './testing/python';

// Each data block the export runs, in Jimu (the block's own `run`) and in jimu_torch (transforms.py) on the
// same examples: deterministic steps agree within the tolerance the export's README states; random steps
// (patches, augmentation) draw the same numbers in the same order, so they agree as closely.

const dir = mkdtempSync(join(tmpdir(), 'jimu-data-parity-'));

/** A set of `n` examples: smooth images with noise and a blob, its mask (one-hot or 0/1) or dose map. */
function makeSet(o: { n: number; image: number[]; label: number[]; task: TaskKind; spacing?: number[]; lo?: number; hi?: number; zeros?: boolean; seed: number }): ExampleSet {
  const r = createRandom(o.seed);
  const spatial = o.image.slice(0, -1);
  const ch = o.image.at(-1)!;
  const voxels = exampleSize(spatial);
  const lch = o.label.length === o.image.length ? o.label.at(-1)! : 0;
  const x = new Float32Array(o.n * voxels * ch);
  const y = new Float32Array(o.n * exampleSize(o.label));
  const [lo, hi] = [o.lo ?? 0, o.hi ?? 100];
  for (let n = 0; n < o.n; n++) {
    const centre = spatial.map((s) => s * (0.3 + 0.4 * r.next()));
    const radius = Math.min(...spatial) * (0.15 + 0.1 * r.next());
    for (let v = 0; v < voxels; v++) {
      const pos: number[] = [];
      let rest = v;
      for (let a = spatial.length - 1; a >= 0; a--) {
        pos[a] = rest % spatial[a]!;
        rest = Math.floor(rest / spatial[a]!);
      }
      const dist = Math.hypot(...pos.map((p, a) => p - centre[a]!));
      const inside = dist < radius;
      const edge = o.zeros && pos[pos.length - 1]! < 2;
      for (let c = 0; c < ch; c++) {
        const smooth = lo + (hi - lo) * (0.5 + 0.3 * Math.sin(pos[0]! * 0.7 + c) * Math.cos(pos[1]! * 0.5)) + (inside ? (hi - lo) * 0.2 : 0);
        x[(n * voxels + v) * ch + c] = edge ? 0 : smooth + (hi - lo) * 0.05 * r.normal();
      }
      if (lch === 1) y[n * voxels + v] = o.task === 'segmentation' ? (inside ? 1 : 0) : Math.max(0, 70 - 10 * dist);
      else if (lch > 1) y[(n * voxels + v) * lch + (inside ? 1 + Math.min(lch - 2, Math.floor(dist / (radius / (lch - 1)))) : 0)] = 1;
    }
    if (!lch) y[n * o.label[0]! + (n % o.label[0]!)] = 1;
  }
  const ids = Array.from({ length: o.n }, (_, i) => `case-${i + 1}`);
  return { x, y, n: o.n, imageShape: o.image, labelShape: o.label, ids, groups: ids.map((id) => `p-${id}`), labelNames: lch > 1 ? ['background', 'a', 'b', 'c'].slice(0, lch) : ['no', 'yes'], task: o.task, ...(o.spacing ? { spacing: o.spacing } : {}) };
}

const SETS: Record<string, ExampleSet> = {
  seg4: makeSet({ n: 3, image: [10, 12, 14, 2], label: [10, 12, 14, 4], task: 'segmentation', spacing: [1.5, 1, 2], zeros: true, seed: 1 }),
  mask1: makeSet({ n: 3, image: [9, 11, 13, 1], label: [9, 11, 13, 1], task: 'segmentation', seed: 2 }),
  dose: makeSet({ n: 2, image: [8, 10, 12, 3], label: [8, 10, 12, 1], task: 'dense-regression', spacing: [2, 2, 2.5], seed: 3 }),
  ct: makeSet({ n: 2, image: [8, 10, 12, 1], label: [8, 10, 12, 1], task: 'segmentation', lo: -1000, hi: 1500, zeros: true, seed: 4 }),
  img2d: makeSet({ n: 4, image: [20, 24, 3], label: [2], task: 'multiclass', lo: 0, hi: 255, seed: 5 }),
};

interface Case {
  id: string;
  def: BlockDef;
  input: keyof typeof SETS;
  params: Record<string, unknown>;
  subset?: 'train' | 'validation';
}

const CASES: Case[] = [
  { id: 'window-lung', def: CtWindow, input: 'ct', params: { preset: 'lung' } },
  { id: 'window-custom-channel', def: CtWindow, input: 'seg4', params: { preset: 'custom', level: 40, width: 30, channel: 1 } },
  { id: 'zscore', def: IntensityNormalize, input: 'seg4', params: { mode: 'zscore' } },
  { id: 'zscore-nonzero', def: IntensityNormalize, input: 'seg4', params: { mode: 'zscore', nonzero: true } },
  { id: 'percentile', def: IntensityNormalize, input: 'seg4', params: { mode: 'percentile', lower: 1, upper: 99 } },
  { id: 'percentile-nonzero', def: IntensityNormalize, input: 'ct', params: { mode: 'percentile', lower: 0.5, upper: 99.5, nonzero: true } },
  { id: 'zscore-2d', def: IntensityNormalize, input: 'img2d', params: {} },
  { id: 'resample-up', def: Resample, input: 'seg4', params: { spacing: [1, 1, 1] } },
  { id: 'resample-down', def: Resample, input: 'seg4', params: { spacing: [2.5, 1.7, 3] } },
  { id: 'resample-dose', def: Resample, input: 'dose', params: { spacing: [1.5, 1.5, 1.5] } },
  { id: 'resample-assumed', def: Resample, input: 'mask1', params: { spacing: [0.8, 1.3, 1.1], assume: [1, 1, 1] } },
  { id: 'crop-foreground', def: CropPad, input: 'seg4', params: { size: [10, 8, 6], crop: 'foreground' } },
  { id: 'pad-centre', def: CropPad, input: 'seg4', params: { size: [20, 16, 6], crop: 'centre' } },
  { id: 'crop-pad-value', def: CropPad, input: 'mask1', params: { size: [8, 14, 7], crop: 'foreground', pad: -5 } },
  { id: 'crop-dose', def: CropPad, input: 'dose', params: { size: [16, 6, 10] } },
  { id: 'resize-linear-3d', def: Resize, input: 'seg4', params: { height: 7, width: 20, depth: 13, method: 'linear' } },
  { id: 'resize-area-3d', def: Resize, input: 'seg4', params: { height: 5, width: 6, depth: 4, method: 'area' } },
  { id: 'resize-nearest-dose', def: Resize, input: 'dose', params: { height: 13, width: 5, method: 'nearest' } },
  { id: 'resize-linear-2d', def: Resize, input: 'img2d', params: { height: 31, width: 17 } },
  { id: 'resize-area-2d', def: Resize, input: 'img2d', params: { height: 9, width: 10, method: 'area' } },
  { id: 'patches-onehot', def: PatchSample, input: 'seg4', params: { size: [6, 5, 4], perVolume: 5, foreground: 0.7 } },
  { id: 'patches-mask', def: PatchSample, input: 'mask1', params: { size: [7, 5, 3], perVolume: 6, foreground: 0.5 } },
  { id: 'patches-dose', def: PatchSample, input: 'dose', params: { size: [4, 4, 4], perVolume: 3, foreground: 0 } },
  { id: 'augment-default', def: Augment, input: 'seg4', params: {}, subset: 'train' },
  { id: 'augment-all', def: Augment, input: 'seg4', params: { flipY: true, flipZ: true, rotate: 30, scale: 0.3, intensity: 0.3, noise: 0.2 }, subset: 'train' },
  { id: 'augment-flips', def: Augment, input: 'mask1', params: { flipY: true, flipZ: true, rotate: 0, scale: 0, intensity: 0, noise: 0 }, subset: 'train' },
  { id: 'augment-dose', def: Augment, input: 'dose', params: { rotate: 20, scale: 0.2, noise: 0.1 }, subset: 'train' },
  { id: 'augment-2d', def: Augment, input: 'img2d', params: { flipY: true }, subset: 'train' },
  { id: 'augment-validation', def: Augment, input: 'seg4', params: { noise: 0.3 }, subset: 'validation' },
];

/**
 * The tolerance of each step, as the export's README states it (readme.ts DATA_STEP_TOLERANCE): image
 * values within `image` × the output's largest magnitude (at least 1); label maps exactly equal, except
 * augmentation's nearest-neighbour masks, where a voxel whose rotated source position lies on a rounding
 * boundary may take its neighbour's label.
 */
const TOLERANCE = DATA_STEP_TOLERANCE;

function save(name: string, set: ExampleSet): void {
  writeFileSync(join(dir, `${name}.x.bin`), new Uint8Array(set.x.buffer, set.x.byteOffset, set.x.byteLength));
  writeFileSync(join(dir, `${name}.y.bin`), new Uint8Array(set.y.buffer, set.y.byteOffset, set.y.byteLength));
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ imageShape: set.imageShape, labelShape: set.labelShape, ids: set.ids, groups: set.groups, task: set.task, labelNames: set.labelNames, spacing: set.spacing ?? null }));
}

const floats = (path: string) => {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

const jimu = new Map<string, ExampleSet>();
/** Measured differences per case, written to $JIMU_DATA_RESIDUALS for bench/export-bench.ts. */
const residuals: Record<string, { block: string; image: number; labels: number }> = {};
const torch = new Map<string, { x: Float32Array; y: Float32Array; imageShape: number[]; labelShape: number[]; ids: string[]; groups: string[]; spacing: number[] | null }>();

describe.skipIf(torchMissing())('data steps: Jimu and jimu_torch give the same examples', () => {
  beforeAll(async () => {
    for (const [name, set] of Object.entries(SETS)) save(name, set);
    const cases = [];
    for (const [i, c] of CASES.entries()) {
      const params = c.def.params.parse(c.params) as Record<string, unknown>;
      const seed = 1000 + 7919 * i;
      const run = c.def.run!;
      if (!('transform' in run)) throw new Error(`${c.def.type} is not a transform`);
      jimu.set(c.id, await run.transform(SETS[c.input]!, params, { seed, output: 'data', ...(c.subset ? { subset: c.subset } : {}) }));
      cases.push({ id: c.id, input: c.input, type: c.def.type, params, seed, subset: c.subset ?? null });
    }
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    python([join(PYTHON_SRC, '..', 'src', 'export', 'testing', 'data_steps.py'), PYTHON_SRC, dir]);
    for (const c of CASES) {
      const meta = JSON.parse(readFileSync(join(dir, `${c.id}.out.json`), 'utf8')) as { imageShape: number[]; labelShape: number[]; ids: string[]; groups: string[]; spacing: number[] | null };
      torch.set(c.id, { ...meta, x: floats(join(dir, `${c.id}.out.x.bin`)), y: floats(join(dir, `${c.id}.out.y.bin`)) });
    }
  });

  afterAll(() => {
    if (process.env.JIMU_DATA_RESIDUALS) writeFileSync(process.env.JIMU_DATA_RESIDUALS, JSON.stringify(residuals));
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const a = jimu.get(c.id)!;
    const b = torch.get(c.id)!;
    const tol = TOLERANCE[c.def.type as keyof typeof TOLERANCE];
    expect({ image: b.imageShape, label: b.labelShape, ids: b.ids, groups: b.groups }).toEqual({ image: a.imageShape, label: a.labelShape, ids: a.ids, groups: a.groups });
    if (a.spacing) a.spacing.forEach((s, i) => expect(b.spacing![i]).toBeCloseTo(s, 9));
    else expect(b.spacing).toBeNull();
    expect(b.x.length).toBe(a.x.length);
    let scale = 1;
    for (const v of a.x) scale = Math.max(scale, Math.abs(v));
    let worst = 0;
    a.x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b.x[i]!))));
    expect(worst / scale, `largest image difference ${worst} at scale ${scale}`).toBeLessThanOrEqual(tol.image);
    expect(b.y.length).toBe(a.y.length);
    const segmentation = SETS[c.input]!.task === 'segmentation';
    if (segmentation) {
      let differ = 0;
      a.y.forEach((v, i) => (differ += v === b.y[i] ? 0 : 1));
      residuals[c.id] = { block: c.def.type, image: worst / scale, labels: differ / a.y.length };
      expect(differ / a.y.length, `${differ} of ${a.y.length} label values differ`).toBeLessThanOrEqual(tol.labels);
    } else {
      let yscale = 1;
      let yworst = 0;
      a.y.forEach((v, i) => {
        yscale = Math.max(yscale, Math.abs(v));
        yworst = Math.max(yworst, Math.abs(v - b.y[i]!));
      });
      residuals[c.id] = { block: c.def.type, image: Math.max(worst / scale, yworst / yscale), labels: 0 };
      expect(yworst / yscale).toBeLessThanOrEqual(tol.image);
    }
    // Not a vacuous match: every step but augmentation of validation data changes the examples.
    const input = SETS[c.input]!;
    const unchanged = b.x.length === input.x.length && b.x.every((v, i) => v === input.x[i]);
    expect(unchanged).toBe(c.subset === 'validation');
  });
});

// The whole data side of a plan: an exported glioma pipeline with normalisation, crop, random patches (before
// the split) and augmentation (after it). Jimu's `jimu train` streams (prepareRun: epoch 1, 2, 3 of the
// training data, the validation and the test data) and jimu_torch's DataRunner over the exported dataset
// folder give the same examples: per-block seeds, per-epoch seeds, patches re-drawn each epoch with the
// split kept, augmentation on the training stream only.
const templates = new URL('../../public/templates/', import.meta.url).pathname;

describe.skipIf(torchMissing())('a plan\'s data streams: jimu train and the exported project read the same examples', () => {
  const project = join(dir, 'glioma-steps');
  let plan: Plan;

  beforeAll(async () => {
    const doc = JSON.parse(readFileSync(join(templates, 'glioma-segmentation.pipeline.json'), 'utf8')) as { blocks: { id: string; type: string; params: Record<string, unknown> }[]; links: { from: { block: string; port: string }; to: { block: string; port: string } }[] };
    const set = (id: string, p: Record<string, unknown>) => Object.assign(doc.blocks.find((b) => b.id === id)!.params, p);
    set('data', { count: 10, size: 16 });
    set('input', { depth: 8, height: 8, width: 8 });
    set('unet', { depth: 1, baseFilters: 4 });
    set('split', { train: 0.6, validation: 0.2, test: 0.2 });
    set('train', { epochs: 2 });
    doc.blocks.push(
      { id: 'norm', type: 'IntensityNormalize', params: { mode: 'zscore', nonzero: true } },
      { id: 'crop', type: 'CropPad', params: { size: [12, 12, 12], crop: 'foreground' } },
      { id: 'patch', type: 'PatchSample', params: { size: [8, 8, 8], perVolume: 2, foreground: 0.5 } },
      { id: 'aug', type: 'Augment', params: { flipY: true, rotate: 15, noise: 0.05 } },
    );
    const link = (from: string, fp: string, to: string, tp: string) => ({ from: { block: from, port: fp }, to: { block: to, port: tp } });
    doc.links = doc.links.filter((l) => !(l.from.block === 'data' || (l.from.block === 'split' && l.from.port === 'train')));
    doc.links.push(link('data', 'data', 'norm', 'data'), link('norm', 'data', 'crop', 'data'), link('crop', 'data', 'patch', 'data'), link('patch', 'data', 'split', 'data'), link('split', 'train', 'aug', 'data'), link('aug', 'data', 'train', 'train'));
    const file = join(dir, 'glioma-steps.pipeline.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = compile(readFileSync(file, 'utf8'), REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    plan = r.plan!;
    const out: string[] = [];
    expect(await main(['export', file, '--target', 'pytorch', '--out', project, '--with-data'], { out: (t) => out.push(t), err: (t) => out.push(t) }), out.join('\n')).toBe(0);
  });

  it('epochs 1–3 of the training data, the validation and the test data agree', async () => {
    const prepared = await prepareRun(plan, REGISTRY, diskIO('.'));
    expect(prepared.trainForEpoch).toBeDefined();
    // This small pipeline is read whole (not case by case): every set holds its examples.
    const whole = (set: AnySet): ExampleSet => {
      if (isCaseSet(set)) throw new Error('expected a set read whole');
      return set;
    };
    const jimuSets: [string, ExampleSet][] = [['train-1', whole(prepared.train)], ['train-2', whole(await prepared.trainForEpoch!(2))], ['train-3', whole(await prepared.trainForEpoch!(3))], ['validation', whole(prepared.validation!)], ['test', whole(await prepared.evaluations[0]!.load())]];
    const streams = join(dir, 'streams');
    python(['-c', `import sys, json, os, numpy as np
sys.path.insert(0, ${JSON.stringify(project)})
from jimu_torch.data import DataRunner
plan = json.load(open(${JSON.stringify(join(project, 'plan.json'))}))
r = DataRunner(${JSON.stringify(join(project, 'data'))}, plan["seed"])
os.makedirs(${JSON.stringify(streams)}, exist_ok=True)
train = r.stream(plan["data"]["train"]["steps"])
sets = {"train-%d" % e: train.for_epoch(e) for e in (1, 2, 3)}
sets["validation"] = r.run(plan["data"]["validation"]["steps"])
sets["test"] = r.run(plan["evaluations"][0]["data"]["steps"])
for k, s in sets.items():
    s.x.astype(np.float32).tofile(os.path.join(${JSON.stringify(streams)}, k + ".x.bin"))
    s.y.astype(np.float32).tofile(os.path.join(${JSON.stringify(streams)}, k + ".y.bin"))
    json.dump({"ids": s.ids, "shape": list(s.x.shape)}, open(os.path.join(${JSON.stringify(streams)}, k + ".json"), "w"))`]);
    for (const [name, a] of jimuSets) {
      const meta = JSON.parse(readFileSync(join(streams, `${name}.json`), 'utf8')) as { ids: string[]; shape: number[] };
      expect(meta.ids, name).toEqual(a.ids);
      expect(meta.shape, name).toEqual([a.n, ...a.imageShape]);
      const [x, y] = [floats(join(streams, `${name}.x.bin`)), floats(join(streams, `${name}.y.bin`))];
      let worst = 0;
      a.x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - x[i]!))));
      expect(worst, name).toBeLessThanOrEqual(1e-5);
      let differ = 0;
      a.y.forEach((v, i) => (differ += v === y[i] ? 0 : 1));
      expect(differ / a.y.length, name).toBeLessThanOrEqual(DATA_STEP_TOLERANCE.Augment.labels);
    }
    // The epochs differ (new patches, new augmentation); the patients in training stay the same.
    expect(jimuSets[1]![1].x).not.toEqual(jimuSets[0]![1].x);
    expect(new Set(jimuSets[1]![1].groups)).toEqual(new Set(jimuSets[0]![1].groups));
  });

  it('train.py trains on the epochs the data steps draw', () => {
    python([join(project, 'train.py'), '--out', join(project, 'run'), '--quiet', '--no-resume']);
    const history = JSON.parse(readFileSync(join(project, 'run', 'history.json'), 'utf8')) as { logs: Record<string, number> }[];
    expect(history).toHaveLength(2);
    for (const h of history) expect(Number.isFinite(h.logs.loss) && Number.isFinite(h.logs.val_loss)).toBe(true);
    expect(existsSync(join(project, 'run', 'predictions'))).toBe(true);
  });
});

// Volume Folder, the source of users' own scans: NIfTI files on different grids and spacings, resampled,
// cropped or padded around the scan's or the mask's centre, read by Jimu's block and by jimu_torch.
describe.skipIf(torchMissing())('Volume Folder: Jimu and jimu_torch read the same examples from the same files', () => {
  const root = join(dir, 'volumes');
  const r = createRandom(99);
  const nifti = (shape: [number, number, number], spacing: number[], f: (i: number, j: number, k: number) => number) => {
    const data: number[] = [];
    for (let k = 0; k < shape[2]; k++) for (let j = 0; j < shape[1]; j++) for (let i = 0; i < shape[0]; i++) data.push(f(i, j, k));
    return writeNifti(data, shape, { spacing });
  };
  const cases: [string, [number, number, number], number[]][] = [['a', [8, 8, 4], [1, 1, 2]], ['b', [6, 6, 8], [1, 1, 1]], ['c', [9, 7, 5], [0.8, 1.1, 1.7]]];
  beforeAll(() => {
    mkdirSync(join(root, 'ds'), { recursive: true });
    const items = cases.map(([id, shape, spacing]) => {
      const c = [shape[0] * r.next(), shape[1] * r.next(), shape[2] * r.next()];
      writeFileSync(join(root, 'ds', `${id}_t1.nii`), nifti(shape, spacing, (i, j, k) => 100 * Math.sin(i + 2 * j) + 10 * k + 20 * r.normal()));
      writeFileSync(join(root, 'ds', `${id}_t2.nii`), nifti(shape, spacing, (i, j) => 50 + i * j + 5 * r.normal()));
      writeFileSync(join(root, 'ds', `${id}_seg.nii`), nifti(shape, spacing, (i, j, k) => { const d = Math.hypot(i - c[0]!, j - c[1]!, k - c[2]!); return d < 1.5 ? 2 : d < 3 ? 1 : 0; }));
      return { id, patient: `P-${id}`, images: { t1: `${id}_t1.nii`, t2: `${id}_t2.nii` }, label: `${id}_seg.nii` };
    });
    writeFileSync(join(root, 'ds', 'manifest.json'), JSON.stringify({ modalities: ['t1', 't2'], items }));
  });

  it.each([
    ['resampled to 1 mm, centred', { spacing: [1, 1, 1], size: [6, 6, 6] }],
    ['resampled to 1.5 × 1.2 × 1 mm, around the mask', { spacing: [1.5, 1.2, 1], size: [5, 7, 4], crop: 'foreground' }],
    ['at each file\'s own spacing, padded', { spacing: null, size: [10, 9, 9], modalities: ['t2', 't1'] }],
  ])('%s', async (_name, params) => {
    const p = VolumeFolder.params.parse({ folder: 'ds', modalities: ['t1', 't2'], ...params });
    const run = VolumeFolder.run!;
    if (!('source' in run)) throw new Error('Volume Folder is a source');
    const a = await run.source(p, diskIO(root), { seed: 1 });
    const out = join(dir, `vf-${Math.round(r.next() * 1e9)}`);
    python(['-c', `import sys, json, numpy as np
sys.path.insert(0, ${JSON.stringify(PYTHON_SRC)})
from jimu_torch.data import read_volume_folder
s = read_volume_folder(${JSON.stringify(root)}, json.loads(${JSON.stringify(JSON.stringify(p))}))
s.x.astype(np.float32).tofile(${JSON.stringify(`${out}.x.bin`)})
s.y.astype(np.float32).tofile(${JSON.stringify(`${out}.y.bin`)})
json.dump({"shape": list(s.x.shape), "label": list(s.y.shape), "ids": s.ids, "groups": s.groups, "names": s.label_names, "task": s.task, "spacing": s.spacing}, open(${JSON.stringify(`${out}.json`)}, "w"))`]);
    const b = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { shape: number[]; label: number[]; ids: string[]; groups: string[]; names: string[]; task: string; spacing: number[] | null };
    expect(b).toEqual({ shape: [a.n, ...a.imageShape], label: [a.n, ...a.labelShape], ids: a.ids, groups: a.groups, names: a.labelNames, task: a.task, spacing: a.spacing ?? null });
    const [x, y] = [floats(`${out}.x.bin`), floats(`${out}.y.bin`)];
    let worst = 0;
    let scale = 1;
    a.x.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - x[i]!));
      scale = Math.max(scale, Math.abs(v));
    });
    expect(worst / scale).toBeLessThanOrEqual(DATA_STEP_TOLERANCE.Resample.image);
    expect(Array.from(y)).toEqual(Array.from(a.y));
    expect(new Set(a.y).size).toBeGreaterThan(1);
  });
});

// Random Patches with "patches per scan per read" above 1: the same patches (the same draws), and training
// visits them in the order `jimu train` does: runs of patches of one scan kept together, the runs shuffled
// from the run's shuffle stream, epoch after epoch; a resumed run skips the draws of the epochs it trained.
describe.skipIf(torchMissing())('Random Patches kept together per read: the same patches in the same training order', () => {
  it.each([
    ['3 of 5 patches per read', 5, 3],
    ['every patch of a scan in one read', 4, 4],
    ['one patch per read', 4, 1],
  ])('%s', async (_name, perVolume, perRead) => {
    save('seg4', SETS.seg4!);
    const params = PatchSample.params.parse({ size: [6, 5, 4], perVolume, foreground: 0.6, perRead }) as Record<string, unknown>;
    const run = PatchSample.run!;
    if (!('transform' in run)) throw new Error('PatchSample is a transform');
    const train = await run.transform(SETS.seg4!, params, { seed: 4242, output: 'data', subset: 'train' });
    const validation = await run.transform(SETS.seg4!, params, { seed: 4242, output: 'data', subset: 'validation' });
    expect(train.runs).toEqual(perRead > 1 ? { per: perVolume, length: perRead } : undefined);
    expect(validation.runs).toBeUndefined();
    const rng = mulberry32(streamSeed(77, 'shuffle'));
    const orders = [1, 2, 3].map(() => Array.from(trainingOrder(train, true, (n) => permutation(n, rng))));
    const out = join(dir, `per-read-${perVolume}-${perRead}`);
    python(['-c', `import sys, json, numpy as np
sys.path.insert(0, ${JSON.stringify(PYTHON_SRC)})
from jimu_torch.data import ExampleSet, apply_step
from jimu_torch.rng import Mulberry32, shuffle_draws, stream_seed, training_order
m = json.load(open(${JSON.stringify(join(dir, 'seg4.json'))}))
n = len(m["ids"])
x = np.fromfile(${JSON.stringify(join(dir, 'seg4.x.bin'))}, np.float32).reshape([n] + m["imageShape"])
y = np.fromfile(${JSON.stringify(join(dir, 'seg4.y.bin'))}, np.float32).reshape([n] + m["labelShape"])
s = ExampleSet(x, y, m["ids"], m["groups"], m["task"], m["labelNames"], m.get("spacing"))
step = {"block": "patch", "type": "PatchSample", "params": json.loads(${JSON.stringify(JSON.stringify(params))}), "output": "data"}
train = apply_step(s, step, 4242, "train")
validation = apply_step(s, step, 4242, "validation")
rng = Mulberry32(stream_seed(77, "shuffle"))
orders = [training_order(train.n, train.runs, True, rng) for _ in range(3)]
resumed = Mulberry32(stream_seed(77, "shuffle"))
resumed.skip(2 * shuffle_draws(train.n, train.runs, True))
train.x.astype(np.float32).tofile(${JSON.stringify(`${out}.x.bin`)})
train.y.astype(np.float32).tofile(${JSON.stringify(`${out}.y.bin`)})
json.dump({"ids": train.ids, "runs": train.runs, "validationRuns": validation.runs, "orders": orders, "resumed": training_order(train.n, train.runs, True, resumed)}, open(${JSON.stringify(`${out}.json`)}, "w"))`]);
    const b = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { ids: string[]; runs: unknown; validationRuns: unknown; orders: number[][]; resumed: number[] };
    expect(b.ids).toEqual(train.ids);
    expect(Array.from(floats(`${out}.x.bin`))).toEqual(Array.from(train.x));
    expect(Array.from(floats(`${out}.y.bin`))).toEqual(Array.from(train.y));
    expect(b.runs).toEqual(train.runs ?? null);
    expect(b.validationRuns).toBeNull();
    expect(b.orders).toEqual(orders);
    expect(b.resumed).toEqual(orders[2]);
    // Not vacuous: the epochs' orders are not all the same (3 scans in whole runs have only 6 orders, so two
    // epochs may meet), and with runs each run's patches come one after another from one scan.
    expect(new Set(orders.map((o) => o.join(','))).size).toBeGreaterThan(1);
    if (perRead > 1) {
      for (let k = 0; k < orders[0]!.length; k += 1) {
        const i = orders[0]![k]!;
        const startsRun = (i % perVolume) % perRead === 0;
        if (!startsRun) expect(orders[0]![k - 1]).toBe(i - 1);
      }
    }
  });
});
