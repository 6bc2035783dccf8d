import { describe, expect, it } from 'vitest';
import { compile, makeRegistry, type DatasetValue } from '../../src/core';
import { runSteps } from '../../src/data/run-steps';
import { flatPng, memoryIO } from '../../src/data/testing/fixtures';
import ImageFolder from './ImageFolder';
import Normalize from './Normalize';
import Resize from './Resize';
import SampleShapes from './SampleShapes';
import Split from './Split';

// Only the data blocks: this test is about how their compiled steps run, not about the model.
const registry = makeRegistry([SampleShapes, ImageFolder, Split, Resize, Normalize]);

type B = { id: string; type: string; params?: Record<string, unknown> };
const doc = (blocks: B[], links: [string, string, string, string][]) => ({
  format: 'jimu.pipeline',
  version: 1,
  meta: { seed: 42 },
  blocks,
  links: links.map(([fb, fp, tb, tp]) => ({ from: { block: fb, port: fp }, to: { block: tb, port: tp } })),
});

describe('data blocks, compiled and run', () => {
  const pipeline = doc(
    [
      { id: 'shapes', type: 'SampleShapes', params: { count: 40, size: 16 } },
      { id: 'resize', type: 'Resize', params: { height: 12, width: 12 } },
      { id: 'norm', type: 'Normalize', params: { mode: 'zscore' } },
      { id: 'split', type: 'Split', params: { train: 0.5, validation: 0.25, test: 0.25 } },
    ],
    [
      ['shapes', 'data', 'resize', 'data'],
      ['resize', 'data', 'norm', 'data'],
      ['norm', 'data', 'split', 'data'],
    ],
  );
  const r = compile(pipeline, registry);
  const out = (port: string) => r.outputs.split![port] as DatasetValue;

  it('compiles to one list of steps per subset', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out('train').steps.map((s) => `${s.block}.${s.output}`)).toEqual(['shapes.data', 'resize.data', 'norm.data', 'split.train']);
    expect(out('validation').steps.at(-1)).toMatchObject({ block: 'split', type: 'Split', output: 'validation', params: { train: 0.5, stratify: true, seed: null } });
    expect(out('train')).toMatchObject({ image: [12, 12, 1], label: [2], subset: 'train' });
  });

  it('runs each stream on its own into disjoint subsets of the inferred shape', async () => {
    const sets = await Promise.all(['train', 'validation', 'test'].map((p) => runSteps(out(p).steps, registry, memoryIO({}), 42)));
    const [train, validation, test] = sets;
    for (const [i, p] of ['train', 'validation', 'test'].entries()) {
      expect(sets[i]!.imageShape).toEqual(out(p).image);
      expect(sets[i]!.labelShape).toEqual(out(p).label);
    }
    expect([train!.n, validation!.n, test!.n]).toEqual([20, 10, 10]);
    const ids = [...train!.ids, ...validation!.ids, ...test!.ids];
    expect(new Set(ids).size).toBe(40);
    // The same plan seed gives the same data; another seed gives another split.
    expect((await runSteps(out('test').steps, registry, memoryIO({}), 42)).ids).toEqual(test!.ids);
    expect((await runSteps(out('test').steps, registry, memoryIO({}), 43)).ids).not.toEqual(test!.ids);
  });

  it('reads an image folder by patient: one patient never in two subsets', async () => {
    const files: Record<string, Uint8Array | string> = {};
    const rows = ['name,pid,dx'];
    for (let i = 0; i < 24; i++) {
      files[`img/${i}.png`] = flatPng(4, 4, i * 10);
      rows.push(`${i},P${Math.floor(i / 3)},${i % 2 ? 'tumour' : 'normal'}`);
    }
    files['labels.csv'] = rows.join('\n');
    const folder = doc(
      [
        { id: 'read', type: 'ImageFolder', params: { folder: 'img', labels: 'labels.csv', idColumn: 'name', labelColumns: ['dx'], classes: ['normal', 'tumour'], patientColumn: 'pid', height: 4, width: 4, channels: 1 } },
        { id: 'split', type: 'Split', params: { train: 0.5, validation: 0.25, test: 0.25 } },
      ],
      [['read', 'data', 'split', 'data']],
    );
    const c = compile(folder, registry);
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const patients = new Map<string, string>();
    for (const subset of ['train', 'validation', 'test']) {
      const set = await runSteps((c.outputs.split![subset] as DatasetValue).steps, registry, memoryIO(files), 1);
      expect(set.n).toBeGreaterThan(0);
      for (const g of set.groups) {
        expect(patients.get(g) ?? subset).toBe(subset);
        patients.set(g, subset);
      }
    }
    expect(patients.size).toBe(8);
  });
});

describe('data block declarations', () => {
  it.each([...registry.values()].map((def) => [def.type, def] as const))('%s has help and labels in English and Chinese for every parameter', (_type, def) => {
    expect(def.doc.en.length).toBeGreaterThan(80);
    expect(def.doc.zh.length).toBeGreaterThan(30);
    expect(def.run).toBeDefined();
    for (const name of Object.keys(def.params.shape)) {
      const text = def.paramText?.[name];
      expect(text?.label.en, name).toBeTruthy();
      expect(text?.label.zh, name).toBeTruthy();
    }
  });
});
