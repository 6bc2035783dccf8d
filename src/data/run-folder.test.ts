import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { PYTHON, torchMissing } from '../export/testing/python';
import { predictionFiles } from '../metrics/prediction-files';
import { scoreTask } from '../metrics/report';
import { checkRunFolder, pipelineMismatch, selectRunFiles, unsafePath, unzipRun, type RunFile } from './run-folder';

const enc = (v: unknown) => strToU8(JSON.stringify(v));

/** A small run folder as `jimu train --out` lays it out: one Dense layer of 3 × 2 weights + 2 biases. */
function folder(edit: (f: Record<string, Uint8Array>) => void = () => undefined): RunFile[] {
  const f: Record<string, Uint8Array> = {
    'model.json': enc({
      format: 'layers-model',
      modelTopology: { class_name: 'Model', config: { layers: [{ name: 'input', class_name: 'InputLayer', config: { batch_input_shape: [null, 3] } }, { name: 'dense', class_name: 'Dense', config: {} }] } },
      weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'dense/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'dense/bias', shape: [2], dtype: 'float32' }] }],
    }),
    'weights.bin': new Uint8Array(8 * 4),
    'history.json': enc([{ epoch: 1, logs: { loss: 0.9, val_loss: 1 } }, { epoch: 2, logs: { loss: 0.5, val_loss: 0.7 } }]),
    'metrics.json': enc({ stoppedBecause: 'completed', bestEpoch: 2, evaluations: {} }),
    'manifest.json': enc({
      format: 'jimu.run',
      pipeline: { name: 'Tiny' },
      seed: 7,
      backend: { name: 'pytorch-cuda' },
      engine: { torch: '2.4.0', devices: ['NVIDIA H200', 'NVIDIA H200'], world_size: 2, amp: 'bf16' },
      finished: '2026-01-02T03:04:05Z',
      stoppedBecause: 'completed',
      predictions: [{ set: 'evaluate', task: 'classification', pred: 'predictions/evaluate.csv', truth: 'truth/evaluate.csv' }],
    }),
    'predictions/evaluate.csv': strToU8('id,a,b\nc1,0.9,0.1\nc2,0.2,0.8\nc3,0.6,0.4\nc4,0.3,0.7\n'),
    'truth/evaluate.csv': strToU8('id,a,b\nc1,1,0\nc2,0,1\nc3,0,1\nc4,0,1\n'),
  };
  edit(f);
  return Object.entries(f).map(([path, bytes]) => ({ path, bytes }));
}

const codes = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code);

describe('checkRunFolder: what is wrong is named, with the file', () => {
  it('reads a whole folder: curves, provenance, and scores computed from predictions/ + truth/ when metrics.json has none', async () => {
    const r = await checkRunFolder(folder(), 'run');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const run = r.run!;
    expect(run.history.map((h) => h.logs.val_loss)).toEqual([1, 0.7]);
    expect(run.origin).toMatchObject({ engine: 'pytorch', torch: '2.4.0', devices: ['NVIDIA H200', 'NVIDIA H200'], worldSize: 2, amp: 'bf16' });
    expect(run.evaluations).toHaveLength(1);
    const e = run.evaluations[0]!;
    expect(e.task).toBe('multiclass');
    expect(run.scoresFrom.evaluate).toBe('predictions');
    // By hand: predicted classes a, b, a, b against a, b, b, b: 3 of 4 right; class b's AUC: positives c2 c3 c4 (0.8, 0.4, 0.7) over c1 (0.1) = 1.
    expect(e.scores.accuracy).toBe(0.75);
    expect((e.scores.auc as Record<string, number>).b).toBe(1);
  });

  it('prefers the scores metrics.json recorded', async () => {
    const r = await checkRunFolder(folder((f) => (f['metrics.json'] = enc({ evaluations: { evaluate: { accuracy: 0.5 } } }))), 'run');
    expect(r.run!.evaluations[0]!.scores).toEqual({ accuracy: 0.5 });
    expect(r.run!.scoresFrom.evaluate).toBe('metrics.json');
  });

  const cases: [string, (f: Record<string, Uint8Array>) => void, string, Record<string, unknown>][] = [
    ['no model.json', (f) => delete f['model.json'], 'J760', {}],
    ['model.json that is not JSON', (f) => (f['model.json'] = strToU8('{"format": ')), 'J761', { file: 'model.json' }],
    ['history.json that is not JSON', (f) => (f['history.json'] = strToU8('[{"epoch": 1,')), 'J761', { file: 'history.json' }],
    ['history.json that is not a list', (f) => (f['history.json'] = enc({ loss: 1 })), 'J762', { file: 'history.json' }],
    ['model.json without weights', (f) => (f['model.json'] = enc({ modelTopology: {} })), 'J762', { file: 'model.json' }],
    ['a missing weights file', (f) => delete f['weights.bin'], 'J763', { file: 'weights.bin' }],
    ['weights cut short', (f) => (f['weights.bin'] = new Uint8Array(28)), 'J764', { found: 28, expected: 32 }],
    ['a manifest of something else', (f) => (f['manifest.json'] = enc({ format: 'jimu.pipeline' })), 'J762', { file: 'manifest.json' }],
  ];
  it.each(cases)('refuses %s', async (_, edit, code, args) => {
    const r = await checkRunFolder(folder(edit), 'run');
    expect(r.run).toBeNull();
    expect(codes(r)).toEqual([code]);
    expect(r.errors[0]!.args).toMatchObject(args);
  });

  it('opens without history.json or metrics.json, saying what is missing; bad predictions only lose their view', async () => {
    const r = await checkRunFolder(
      folder((f) => {
        delete f['history.json'];
        delete f['metrics.json'];
        f['predictions/evaluate.csv'] = strToU8('id,a,b\nc1,x,0.1\n');
      }),
      'run',
    );
    expect(r.run!.history).toEqual([]);
    expect(r.run!.evaluations).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.args.file ?? w.args.set])).toEqual([
      ['J765', 'history.json'],
      ['J765', 'metrics.json'],
      ['J766', 'evaluate'],
    ]);
  });
});

describe('segmentation label maps read back from predictions/ + truth/', () => {
  it('score as the model\'s own outputs do (the NIfTI files predictionFiles writes, scored again)', async () => {
    // 2 cases of 3 × 4 × 5 voxels, 3 classes, softmax-like outputs from a fixed pseudo-random sequence.
    const labelShape = [3, 4, 5, 3];
    const per = 60 * 3;
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pred = Float32Array.from({ length: 2 * per }, rand);
    const truth = new Float32Array(2 * per);
    for (let v = 0; v < 120; v++) truth[v * 3 + Math.floor(rand() * 3)] = 1;
    const set = { task: 'segmentation' as const, n: 2, ids: ['a', 'b'], labelShape, labelNames: ['background', 'edema', 'core'], truth, pred };
    const written = predictionFiles(set, 'evaluate');
    const files = folder((f) => {
      for (const p of Object.keys(f)) if (p.startsWith('predictions/') || p.startsWith('truth/')) delete f[p];
      for (const w of written.files) f[w.path] = w.bytes;
      f['manifest.json'] = enc({ format: 'jimu.run', predictions: [{ set: 'evaluate', task: 'segmentation', pred: written.pred, truth: written.truth }] });
    });
    const r = await checkRunFolder(files, 'run', { task: 'segmentation', labelShape });
    expect(r.warnings).toEqual([]);
    const e = r.run!.evaluations[0]!;
    expect(e.labelShape).toEqual(labelShape);
    const direct = scoreTask({ ...set, labelShape, threshold: 0.5 });
    expect(e.scores.dice_mean).toBe(direct.dice_mean);
    expect(e.scores.dice_mean).toBeGreaterThan(0);
  });
});

describe('selectRunFiles and unzipRun: hostile input is left aside or refused', () => {
  it('drops the one top folder, leaves aside files a run does not show and names that climb out', () => {
    const s = selectRunFiles(['run/model.json', 'run/weights.bin', 'run/model.pt', 'run/predictions/e.csv', 'run/notes.txt']);
    expect([...s.keep.values()]).toEqual(['model.json', 'weights.bin', 'predictions/e.csv']);
    expect(s.ignored).toEqual(['model.pt', 'notes.txt']);
    for (const name of ['../model.json', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', './model.json']) expect(unsafePath(name), name).toBe(true);
    expect(unsafePath('predictions/case_1.nii.gz')).toBe(false);
  });

  it('unzips a run, leaving out traversal names (a ../model.json never stands in for model.json)', async () => {
    const files = Object.fromEntries(folder().map((f) => [`run/${f.path}`, f.bytes]));
    const zip = zipSync({ ...files, '../model.json': strToU8('{"evil": true}'), 'run/model.pt': new Uint8Array(100) });
    const z = unzipRun(zip);
    expect(z.unsafe).toEqual(['../model.json']);
    expect(z.ignored).toEqual(['model.pt']);
    const r = await checkRunFolder(z.files, 'run.zip');
    expect(r.errors).toEqual([]);
    expect(r.run!.history).toHaveLength(2);
  });

  it('refuses a zip that declares more than the cap before unpacking anything, and says the cap', () => {
    const zip = zipSync({ 'model.json': new Uint8Array(3000), 'weights.bin': new Uint8Array(3000) });
    expect(() => unzipRun(zip, 4000)).toThrow(expect.objectContaining({ diagnostic: { code: 'J769', args: { limit: '4000 bytes' } } }));
  });

  it('refuses an entry that declares 4 GiB, with the default cap (512 MiB) named', () => {
    const zip = zipSync({ 'model.json': strToU8('{}'), 'weights.bin': new Uint8Array(16) });
    const at = zip.findLastIndex((_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02);
    new DataView(zip.buffer).setUint32(at + 24, 0xfffffff0, true);
    expect(() => unzipRun(zip)).toThrow(expect.objectContaining({ diagnostic: { code: 'J769', args: { limit: '512.0 MiB' } } }));
  });

  it('stops a zip bomb whose entry unpacks to more than it declares', () => {
    const zip = zipSync({ 'weights.bin': new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(100 * 1024);
    // Declare 1 KiB in the central directory (offset 24 of the entry after its 0x02014b50 signature).
    const at = zip.findLastIndex((_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02);
    new DataView(zip.buffer).setUint32(at + 24, 1024, true);
    expect(() => unzipRun(zip)).toThrow(expect.objectContaining({ diagnostic: expect.objectContaining({ code: 'J772' }) }));
  });

  it('refuses what is not a zip, with a coded reason', () => {
    expect(() => unzipRun(strToU8('not a zip at all, just some text that is long enough'))).toThrow(expect.objectContaining({ diagnostic: expect.objectContaining({ code: 'J770' }) }));
  });
});

describe('pipelineMismatch: the same network, or why not', () => {
  const run = { layers: { input: 'InputLayer', dense: 'Dense' }, inputShape: [3] };
  it.each([
    [{ input: 'InputLayer', dense: 'Dense' }, [3], null],
    [{ input: 'InputLayer', dense2: 'Dense' }, [3], 'layers differ'],
    [{ input: 'InputLayer', dense: 'Conv2D' }, [3], 'is a Dense in the run'],
    [{ input: 'InputLayer', dense: 'Dense' }, [4], 'takes 3 inputs'],
  ] as const)('%o %o', (layers, shape, says) => {
    const m = pipelineMismatch(run, layers, [...shape]);
    if (says === null) expect(m).toBeNull();
    else expect(m?.en).toContain(says);
  });
});

/** Every file of a folder, as the folder picker gives them (relative names under the folder's own name). */
function readFolder(dir: string, name: string): RunFile[] {
  const out: RunFile[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: `${name}/${relative(dir, p)}`, bytes: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(dir);
  const { keep } = selectRunFiles(out.map((f) => f.path));
  return out.filter((f) => keep.has(f.path)).map((f) => ({ path: keep.get(f.path)!, bytes: f.bytes }));
}

describe.skipIf(torchMissing())('a run folder written by the PyTorch export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jimu-runfolder-'));
  beforeAll(async () => {
    const doc = JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
    Object.assign(doc.blocks.find((b) => b.id === 'data')!.params, { count: 60 });
    Object.assign(doc.blocks.find((b) => b.id === 'train')!.params, { epochs: 2 });
    writeFileSync(join(dir, 'tiny.pipeline.json'), JSON.stringify(doc));
    const said: string[] = [];
    expect(await main(['export', join(dir, 'tiny.pipeline.json'), '--target', 'pytorch', '--out', join(dir, 'project'), '--with-data'], { out: (s) => said.push(s), err: (s) => said.push(s) }), said.join('\n')).toBe(0);
    execFileSync(PYTHON, [join(dir, 'project', 'train.py'), '--out', join(dir, 'run'), '--quiet'], { stdio: 'pipe' });
  });

  it('opens with its curves and provenance, and its scores equal scikit-learn on the same files', async () => {
    const r = await checkRunFolder(readFolder(join(dir, 'run'), 'run'), 'run');
    expect(r.errors).toEqual([]);
    const run = r.run!;
    const metrics = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8')) as { final: Record<string, number> };
    expect(run.history.at(-1)!.logs).toEqual(metrics.final);
    expect(run.origin.engine).toBe('pytorch');
    expect(run.origin.worldSize).toBe(1);
    const e = run.evaluations[0]!;
    const oracle = JSON.parse(
      execFileSync(PYTHON, ['-c', `
import csv, json, sys
from sklearn.metrics import accuracy_score, roc_auc_score, cohen_kappa_score
rows = lambda p: {r[0]: [float(v) for v in r[1:]] for r in list(csv.reader(open(p)))[1:]}
p, t = rows(sys.argv[1]), rows(sys.argv[2])
ids = list(t)
tc = [max(range(len(t[i])), key=lambda c: t[i][c]) for i in ids]
pc = [max(range(len(p[i])), key=lambda c: p[i][c]) for i in ids]
auc = [roc_auc_score([1 if c == k else 0 for c in tc], [p[i][k] for i in ids]) for k in range(len(t[ids[0]]))]
print(json.dumps({"accuracy": accuracy_score(tc, pc), "auc_macro": sum(auc) / len(auc), "kappa": cohen_kappa_score(tc, pc)}))
`, join(dir, 'run', 'predictions', 'evaluate.csv'), join(dir, 'run', 'truth', 'evaluate.csv')]).toString(),
    ) as Record<string, number>;
    for (const [k, v] of Object.entries(oracle)) expect(e.scores[k] as number, k).toBeCloseTo(v, 10);
  });
});
