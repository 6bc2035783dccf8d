import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { buildModelCard, compile, parseDocument, type PipelineDocument, type Plan } from '../../core';
import { buildModel } from '../../runtime/build-model';
import { exportModel, importModel } from '../../runtime/export-model';
import { tf } from '../../runtime/tf';
import type { RunRecord } from '../../storage/run-history';
import { documentKey } from '../../storage/document-key';
import { modelFiles, modelZip } from './model-zip';

const templates = new URL('../../../public/templates/', import.meta.url).pathname;
const template = (file: string): PipelineDocument => parseDocument(readFileSync(join(templates, file), 'utf8')).document!;
const planOf = (doc: PipelineDocument): Plan => compile(doc, REGISTRY).plan!;

async function runRecord(doc: PipelineDocument, model: tf.LayersModel): Promise<RunRecord> {
  const files = await exportModel(model);
  return {
    id: 'r1',
    finished: Date.UTC(2026, 11, 4, 12, 0, 0),
    name: doc.name,
    doc,
    docKey: documentKey(doc),
    seed: 42,
    backend: 'wasm',
    backendReason: 'test',
    stoppedBecause: 'completed',
    message: null,
    history: [{ epoch: 1, learningRate: 0.001, logs: { loss: 1 } }, { epoch: 2, learningRate: 0.001, logs: { loss: 0.5 } }],
    bestEpoch: 2,
    evaluations: [{ block: 'evaluate', task: 'multiclass', n: 0, labelNames: [], imageShape: [], labelShape: [], ids: [], truth: new Float32Array(), pred: new Float32Array(), images: null, threshold: 0.5, scores: { accuracy: 0.875, auc_macro: 0.93, per_class: [{ auc: 1 }], nothing: Number.NaN } }],
    model: files,
    samplesPerSecond: 10,
    manifest: { format: 'jimu.run', version: 1, pipeline: { name: doc.name }, seed: 42, backend: { name: 'wasm', reason: 'test' }, started: '', finished: '', stoppedBecause: 'completed', message: null, data: { train: 120, validation: 40 }, outputs: [] },
  };
}

describe('the downloaded model is one zip with a model card', () => {
  it('unzips (with Python\'s zipfile, an independent reader) into files that load with tfjs and predict as the original', async () => {
    const doc = template('sample-shapes.pipeline.json');
    const model = await buildModel(planOf(doc));
    const r = await runRecord(doc, model);
    const dir = mkdtempSync(join(tmpdir(), 'jimu-zip-'));
    writeFileSync(join(dir, 'model.zip'), modelZip(r));
    execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', join(dir, 'model.zip'), join(dir, 'out')]);
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['README.md', 'manifest.json', 'model-card.json', 'model.json', 'pipeline.json', 'weights.bin']);

    const modelJson = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as Record<string, unknown>;
    const loaded = await importModel({ modelJson, weights: new Uint8Array(readFileSync(join(out, 'weights.bin'))) });
    const x = tf.randomNormal([2, ...(model.inputs[0]!.shape.slice(1) as number[])], 0, 1, 'float32', 7);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();

    // The pipeline inside is the document exactly as it was trained.
    expect(parseDocument(readFileSync(join(out, 'pipeline.json'), 'utf8')).document).toEqual(doc);
    const card = JSON.parse(readFileSync(join(out, 'model-card.json'), 'utf8'));
    expect(card.pipeline).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(card.task.kind).toBe('multiclass');
    expect(card.task.outputs).toEqual(planOf(doc).labelNames);
    expect(card.input.shape).toEqual(planOf(doc).data.train.image);
    expect(card.preprocessing.map((s: { type: string }) => s.type)).toEqual(['Normalize']);
    expect(card.data.sources.map((s: { type: string }) => s.type)).toEqual(['SampleShapes']);
    expect(card.data).toMatchObject({ synthetic: true, train: 120, validation: 40 });
    // Numbers only: tables and NaN are left out of the card's scores.
    expect(card.metrics).toEqual({ evaluate: { accuracy: 0.875, auc_macro: 0.93 } });
    expect(card.training).toMatchObject({ epochs: 2, bestEpoch: 2, backend: 'wasm' });

    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('NOT a medical device');
    expect(readme).toContain('不是医疗器械');
    expect(readme).toContain('| evaluate | — | accuracy 0.8750, auc_macro 0.9300 |');
    expect(readme).toMatch(/SYNTHETIC/);
  });

  it('names the unit of a regression target and keeps augmentation apart from preprocessing', () => {
    const doc = template('brain-age.pipeline.json');
    const plan = planOf(doc);
    const steps = [...plan.data.train.steps, { block: 'aug', type: 'Augment', params: { flip: true }, output: 'data' }];
    const card = buildModelCard({
      doc,
      plan: { ...plan, data: { ...plan.data, train: { ...plan.data.train, steps } } },
      registry: REGISTRY,
      finished: '2026-12-04T12:00:00.000Z',
      backend: 'wasm',
      stoppedBecause: 'completed',
      bestEpoch: null,
      epochsRun: 1,
      counts: { train: 1, validation: 1 },
      evaluations: {},
    });
    expect(card.task.unit).toEqual({ en: 'years', zh: '岁' });
    // The split divides the data and changes no image: neither preprocessing nor augmentation.
    expect(card.preprocessing).toEqual([]);
    expect(card.augmentation.map((s) => s.type)).toEqual(['Augment']);
    expect(card.data.sources.map((s) => s.label.en)).toEqual([REGISTRY.get('SampleBrainAge')!.label.en]);
  });

  it('still downloads the model of a document that no longer compiles, without a card', async () => {
    const doc = template('sample-shapes.pipeline.json');
    const model = await buildModel(planOf(doc));
    const r = await runRecord({ ...doc, blocks: doc.blocks.filter((b) => b.type !== 'Train') }, model);
    model.dispose();
    const { files, card } = modelFiles(r);
    expect(card).toBeNull();
    expect(Object.keys(files).sort()).toEqual(['manifest.json', 'model.json', 'pipeline.json', 'weights.bin']);
  });
});
