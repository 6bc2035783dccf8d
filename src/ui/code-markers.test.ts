import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { compile, parseDocument } from '../core';
import { codeMarkers, pathSegments } from './code-markers';

const template = readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8');

/** The text a marker covers. */
function covered(text: string, m: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }): string {
  const lines = text.split('\n');
  if (m.startLineNumber === m.endLineNumber) return lines[m.startLineNumber - 1]!.slice(m.startColumn - 1, m.endColumn - 1);
  return [lines[m.startLineNumber - 1]!.slice(m.startColumn - 1), ...lines.slice(m.startLineNumber, m.endLineNumber - 1), lines[m.endLineNumber - 1]!.slice(0, m.endColumn - 1)].join('\n');
}

/** Chinese text with no English word left in it (numbers, codes and ids aside). */
const noEnglish = (s: string, ...allowed: string[]) => allowed.reduce((x, a) => x.replaceAll(a, ''), s).match(/[A-Za-z]{2,}/g) ?? [];

describe('the Code view squiggles', () => {
  it('sit on a refused parameter value and read in Chinese from the catalogue', () => {
    const text = template.replace('"count": 480', '"count": -5');
    const doc = parseDocument(text).document!;
    const diagnostics = compile(doc, REGISTRY).diagnostics;
    const [m] = codeMarkers(text, diagnostics.filter((d) => d.code === 'J102'), 'zh');
    expect(m).toBeDefined();
    expect(covered(text, m!)).toBe('-5');
    expect(m!.code).toBe('J102');
    expect(m!.message).toContain('不能为“-5”');
    expect(noEnglish(m!.message, 'data')).toEqual([]);
    const [en] = codeMarkers(text, diagnostics.filter((d) => d.code === 'J102'), 'en');
    expect(en!.message).toContain('cannot be "-5"');
  });

  it('mark where the JSON breaks, in Chinese', () => {
    const text = '{\n  "format": "jimu.pipeline",\n  "version": 3,,\n  "blocks": []\n}';
    const r = parseDocument(text);
    const [m] = codeMarkers(text, r.diagnostics, 'zh');
    expect(m!.code).toBe('J001');
    expect(m!.startLineNumber).toBe(3);
    expect(covered(text, m!)).toBe(',');
    expect(m!.message).toMatch(/^文件不是有效的 JSON：/);
    expect(noEnglish(m!.message, 'JSON')).toEqual([]);
  });

  it('mark an unknown field by its name and word the schema problem in Chinese', () => {
    const doc = JSON.parse(template) as { blocks: { id: string; colour?: string }[]; layout: unknown };
    doc.blocks[0]!.colour = 'red';
    doc.layout = 5;
    const text = JSON.stringify(doc, null, 2);
    const r = parseDocument(text);
    const markers = codeMarkers(text, r.diagnostics, 'zh');
    const unknown = markers.find((m) => m.code === 'J005')!;
    expect(covered(text, unknown)).toBe('"colour"');
    expect(unknown.message).toContain('未知字段 "colour"');
    const wrong = markers.find((m) => m.code === 'J004')!;
    expect(covered(text, wrong)).toBe('5');
    expect(wrong.message).toContain('无效输入');
  });

  it('read paths as the parser writes them', () => {
    expect(pathSegments('blocks[3].params.filters')).toEqual(['blocks', 3, 'params', 'filters']);
    expect(pathSegments('the top level')).toEqual([]);
  });
});
