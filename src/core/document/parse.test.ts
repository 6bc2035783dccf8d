import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from './parse';
import { migrate, MIGRATIONS } from './migrations';

const minimal = { format: 'jimu.pipeline', version: 2 };

describe('parseDocument', () => {
  it('fills defaults for a minimal document', () => {
    const r = parseDocument(minimal);
    expect(r.diagnostics).toEqual([]);
    expect(r.document).toMatchObject({ name: 'Untitled pipeline', blocks: [], links: [], layout: {}, meta: { seed: 42 } });
  });

  it('round-trips through its own serialisation', () => {
    const doc = parseDocument({ ...minimal, blocks: [{ id: 'a', type: 'Dense', params: { units: 3 } }] }).document!;
    expect(parseDocument(serializeDocument(doc)).document).toEqual(doc);
  });

  it.each([
    ['empty text', '', 'J001', /empty/],
    ['broken JSON with its place', '{\n  "format": "jimu.pipeline",\n  "version": 1,,\n}', 'J001', /line 3/],
    ['a list instead of an object', '[1,2]', 'J002', /a list/],
    ['no format field', '{"version":1}', 'J002', /"format" field is missing/],
    ['another tool\'s JSON', '{"format":"comfy","version":1}', 'J002', /"comfy"/],
    ['a version from the future', '{"format":"jimu.pipeline","version":9}', 'J003', /version 9/],
    ['a version that is not a number', '{"format":"jimu.pipeline","version":"1"}', 'J002', /whole number/],
  ])('%s', (_name, text, code, pattern) => {
    const r = parseDocument(text);
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe(code);
    expect(`${r.diagnostics[0]!.message} ${r.diagnostics[0]!.hint}`).toMatch(pattern);
  });

  it.each([
    ['top level', { ...minimal, nodes: [] }, 'the top level', 'nodes', /blocks/],
    ['a block', { ...minimal, blocks: [{ id: 'a', type: 'Dense', colour: 'red' }] }, 'blocks[0]', 'colour', /params/],
    ['a link end', { ...minimal, links: [{ from: { block: 'a', port: 'out', x: 1 }, to: { block: 'b', port: 'in' } }] }, 'links[0].from', 'x', /block, port/],
    ['meta', { ...minimal, meta: { seed: 1, author: 'me' } }, 'meta', 'author', /seed/],
  ])('rejects an unknown field in %s, naming it and what is allowed', (_name, doc, path, field, allowed) => {
    const r = parseDocument(doc);
    expect(r.document).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'J005')!;
    expect(d.args).toMatchObject({ path, field });
    expect(d.hint).toMatch(allowed);
  });

  it.each([
    ['a block id with a space', { ...minimal, blocks: [{ id: 'my block', type: 'Dense' }] }, 'blocks[0].id'],
    ['a non-finite position', { ...minimal, layout: { a: { x: 'left', y: 0 } } }, 'layout.a.x'],
    ['a negative seed', { ...minimal, meta: { seed: -1 } }, 'meta.seed'],
  ])('rejects %s with its path', (_name, doc, path) => {
    const r = parseDocument(doc);
    expect(r.diagnostics.map((d) => d.path)).toContain(path);
    expect(r.diagnostics.every((d) => d.code === 'J004')).toBe(true);
  });

  it('rejects two blocks with one id', () => {
    const r = parseDocument({ ...minimal, blocks: [{ id: 'a', type: 'Dense' }, { id: 'a', type: 'Flatten' }] });
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'J006', block: 'a' }]);
  });
});

describe('migrations', () => {
  it('form a chain with no gaps up to the current version', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.from).toBe(i);
      expect(m.to).toBe(i + 1);
    });
  });

  it('bring the v0 prototype file to the current version, keeping blocks, links, names, positions and seed', () => {
    const text = readFileSync(new URL('./fixtures/v0-dense.pipeline.json', import.meta.url), 'utf8');
    const r = parseDocument(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.sourceVersion).toBe(0);
    expect(r.document).toEqual({
      format: 'jimu.pipeline',
      version: 3,
      name: 'Prototype: tabular classifier',
      description: { en: '', zh: '' },
      blocks: [
        { id: 'in', type: 'VectorInput', params: { features: 8 } },
        { id: 'hidden', type: 'Dense', params: { units: 16, activation: 'relu' }, name: 'Hidden layer' },
        { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' } },
      ],
      links: [
        { from: { block: 'in', port: 'out' }, to: { block: 'hidden', port: 'in' } },
        { from: { block: 'hidden', port: 'out' }, to: { block: 'out', port: 'in' } },
      ],
      layout: { in: { x: 0, y: 0 }, hidden: { x: 220, y: 0 }, out: { x: 440, y: 0 } },
      meta: { seed: 7 },
      composites: {},
    });
  });

  it('report a damaged v0 file instead of throwing', () => {
    const r = parseDocument({ format: 'jimu.pipeline', version: 0, nodes: 'oops' });
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'J007' }]);
    expect(r.diagnostics[0]!.message).toMatch(/"nodes" should be a list/);
  });

  it('bring a v1 file to the current version with no composites, and refuse a v1 file that claims some', () => {
    expect(parseDocument({ format: 'jimu.pipeline', version: 1, name: 'old' }).document).toMatchObject({ version: 3, name: 'old', composites: {} });
    const r = parseDocument({ format: 'jimu.pipeline', version: 1, composites: {} });
    expect(r.diagnostics).toMatchObject([{ code: 'J007' }]);
  });

  it.each([
    ['both languages, as templates wrote them', 'EN: Finds lesions.\n中文：寻找病灶。', { en: 'Finds lesions.', zh: '寻找病灶。' }],
    ['both languages with an ASCII colon', 'EN: A. 中文: 甲。', { en: 'A.', zh: '甲。' }],
    ['English only', 'Segments gliomas (BraTS).', { en: 'Segments gliomas (BraTS).', zh: '' }],
    ['Chinese only', '分割胶质瘤，用于教学。', { en: '', zh: '分割胶质瘤，用于教学。' }],
    ['Chinese with a Latin acronym goes to English', '分割 BraTS 胶质瘤', { en: '分割 BraTS 胶质瘤', zh: '' }],
    ['none', undefined, { en: '', zh: '' }],
  ])('bring a v2 description to one text per language: %s', (_name, description, expected) => {
    const r = parseDocument({ format: 'jimu.pipeline', version: 2, ...(description === undefined ? {} : { description }) });
    expect(r.diagnostics).toEqual([]);
    expect(r.document).toMatchObject({ version: 3, description: expected });
  });

  it('refuse a v2 description that is not text, and a v3 one that is', () => {
    expect(parseDocument({ format: 'jimu.pipeline', version: 2, description: 5 }).diagnostics).toMatchObject([{ code: 'J007' }]);
    expect(parseDocument({ format: 'jimu.pipeline', version: 3, description: 'plain' }).diagnostics.map((d) => d.code)).toEqual(['J004']);
  });

  it('refuse to skip a missing step', () => {
    expect(() => migrate({}, -1, 1)).toThrow(/no migration from version -1/);
  });
});
