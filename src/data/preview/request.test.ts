import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { compile, type PipelineDocument } from '../../core';
import { datasetPorts, exampleCount, hashText, previewTarget } from './request';

const template = (file: string) => JSON.parse(readFileSync(new URL(`../../../public/templates/${file}`, import.meta.url), 'utf8')) as PipelineDocument;

describe('previewTarget', () => {
  const doc = template('sample-shapes.pipeline.json');
  const compiled = compile(doc, REGISTRY);

  it('asks a source for its first example only', () => {
    const t = previewTarget('data', compiled.outputs.data, 42)!;
    expect(t).toMatchObject({ block: 'data', port: 'data', seed: 42, limit: 1 });
    expect(t.steps.map((s) => s.block)).toEqual(['data']);
    expect(t.dataset.count).toBe(480);
  });

  it('runs the whole stream up to a transform, from the chosen output of a split', () => {
    expect(datasetPorts(compiled.outputs.split)).toEqual(['train', 'validation', 'test']);
    const first = previewTarget('split', compiled.outputs.split, 42)!;
    expect(first).toMatchObject({ port: 'train' });
    expect(first.limit).toBeUndefined();
    const validation = previewTarget('split', compiled.outputs.split, 42, 'validation')!;
    expect(validation.steps.map((s) => `${s.block}.${s.output}`)).toEqual(['data.data', 'normalize.data', 'split.validation']);
    expect(validation.key).not.toBe(first.key);
    // An output that is not a dataset falls back to the first one.
    expect(previewTarget('split', compiled.outputs.split, 42, 'nope')!.port).toBe('train');
  });

  it('keys by the data steps and seed: a model edit keeps the key, a data edit or another seed changes it', () => {
    const key = previewTarget('data', compiled.outputs.data, 42)!.key;
    const modelEdit = compile({ ...doc, blocks: doc.blocks.map((b) => (b.id === 'conv1' ? { ...b, params: { ...b.params, filters: 8 } } : b)) }, REGISTRY);
    expect(previewTarget('data', modelEdit.outputs.data, 42)!.key).toBe(key);
    const dataEdit = compile({ ...doc, blocks: doc.blocks.map((b) => (b.id === 'data' ? { ...b, params: { ...b.params, size: 16 } } : b)) }, REGISTRY);
    expect(previewTarget('data', dataEdit.outputs.data, 42)!.key).not.toBe(key);
    expect(previewTarget('data', compiled.outputs.data, 7)!.key).not.toBe(key);
  });

  it('has nothing to preview where the compiler has no dataset value', () => {
    expect(previewTarget('conv1', compiled.outputs.conv1, 42)).toBeNull();
    expect(previewTarget('gone', undefined, 42)).toBeNull();
    const lonely = compile({ format: 'jimu.pipeline', version: 1, name: 'x', blocks: [{ id: 'r', type: 'Resize', params: {} }] } as unknown as PipelineDocument, REGISTRY);
    expect(previewTarget('r', lonely.outputs.r, 42)).toBeNull();
  });
});

describe('exampleCount', () => {
  const dataset = { count: 480 } as never;
  it.each([
    { name: 'a limited source: the compiler’s count', limit: 1, computed: 1, count: 480 },
    { name: 'a full run: what it made', limit: undefined, computed: 336, count: 336 },
  ])('$name', ({ limit, computed, count }) => {
    expect(exampleCount({ dataset, ...(limit ? { limit } : {}) }, computed)).toBe(count);
  });
  it('a limited source whose count the compiler does not know: what it made', () => {
    expect(exampleCount({ dataset: { count: null } as never, limit: 1 }, 12)).toBe(12);
  });
});

describe('hashText', () => {
  it('is stable, 14 hex digits, and tells texts apart', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).toMatch(/^[0-9a-f]{14}$/);
    expect(new Set(['', 'a', 'b', 'ab', 'ba', '{"seed":1}', '{"seed":2}'].map((s) => hashText(s))).size).toBe(7);
  });
});
