import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { compile, type DataIO, type PipelineDocument } from '../core';
import { DataError } from '../data/errors';
import { previewTarget } from '../data/preview/request';
import { MissingDataError, previewFailure, runPreview } from './preview-run';

const template = (file: string) => JSON.parse(readFileSync(new URL(`../../public/templates/${file}`, import.meta.url), 'utf8')) as PipelineDocument;
const noFiles: DataIO = { readFile: (p) => Promise.reject(new MissingDataError(p)), listFiles: (d) => Promise.reject(new MissingDataError(d)) };

describe('runPreview', () => {
  it('makes the first example of a sample source from one generated case, with its label in words', async () => {
    const doc = template('glioma-segmentation.pipeline.json');
    const t = previewTarget('data', compile(doc, REGISTRY).outputs.data, 42)!;
    const reply = await runPreview({ type: 'preview', id: 7, steps: t.steps, seed: t.seed, limit: t.limit! }, REGISTRY, noFiles);
    if (reply.type !== 'preview-done') throw new Error(JSON.stringify(reply));
    expect(reply.id).toBe(7);
    const e = reply.example;
    expect(e.n).toBe(1);
    expect(e.imageShape).toEqual([24, 24, 24, 4]);
    expect(e.channels).toHaveLength(4);
    expect(e.labelView.kind).toBe('mask');
    if (e.labelView.kind === 'mask') expect(e.labelView.classes.map((c) => c.name)).toEqual(['necrosis', 'edema', 'enhancing']);
    expect(e.stats.max).toBeGreaterThan(e.stats.min);
  });

  it('runs a whole stream up to a transform (a split) and keeps its first example', async () => {
    const doc = template('sample-shapes.pipeline.json');
    const t = previewTarget('split', compile(doc, REGISTRY).outputs.split, 42, 'validation')!;
    const reply = await runPreview({ type: 'preview', id: 1, steps: t.steps, seed: t.seed }, REGISTRY, noFiles);
    if (reply.type !== 'preview-done') throw new Error(JSON.stringify(reply));
    expect(reply.example.n).toBe(72); // 15 % of 480
    expect(reply.example.imageShape).toEqual([32, 32, 1]);
    expect(reply.example.stats).toMatchObject({ min: 0, max: 1 }); // after min-max normalisation
  });

  it('says which path no imported dataset holds, even when a block wraps that error in its own', async () => {
    const steps = [{ block: 'v', type: 'VolumeFolder', params: REGISTRY.get('VolumeFolder')!.params.parse({ folder: 'brats' }) as Record<string, unknown>, output: 'data' }];
    let missing: string | undefined;
    const io: DataIO = {
      readFile: (p) => {
        missing ??= p;
        return Promise.reject(new MissingDataError(p));
      },
      listFiles: (d) => Promise.reject(new MissingDataError(d)),
    };
    const reply = await runPreview({ type: 'preview', id: 2, steps, seed: 1 }, REGISTRY, io, () => missing);
    expect(reply).toMatchObject({ type: 'preview-failed', id: 2, failure: { code: 'missing-data' } });
    if (reply.type === 'preview-failed' && reply.failure.code === 'missing-data') expect(reply.failure.path).toMatch(/^brats\//);
  });
});

describe('previewFailure', () => {
  it.each([
    { name: 'missing data', error: new MissingDataError('scans'), failure: { code: 'missing-data', path: 'scans' } },
    { name: 'a data problem, with its hint', error: new DataError('Row 3 has no label.', 'Add it.'), failure: { code: 'data', message: 'Row 3 has no label.', hint: 'Add it.' } },
    { name: 'anything else', error: new TypeError('x is undefined'), failure: { code: 'failed', message: 'x is undefined' } },
  ])('$name', ({ error, failure }) => {
    expect(previewFailure(error)).toEqual(failure);
  });
});
