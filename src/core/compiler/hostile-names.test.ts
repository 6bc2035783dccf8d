import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { MAX_NAME } from '../document/schema';
import { compile } from './compile';
import { similarTypes } from './registry';

const template = readFileSync(new URL('../../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8');
const base = () => JSON.parse(template) as { blocks: { type: string; params: Record<string, unknown> }[]; links: { from: { port: string }; to: { port: string } }[]; name: string };
const PROTO_NAMES = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

describe('names that Object.prototype holds are ordinary unknown names', () => {
  it.each(PROTO_NAMES)('a link into or out of a port named %s has no such port (J202)', (name) => {
    for (const end of ['from', 'to'] as const) {
      const d = base();
      d.links[1]![end].port = name;
      const r = compile(JSON.stringify(d), REGISTRY);
      const j202 = r.diagnostics.find((x) => x.code === 'J202');
      expect(j202?.message, JSON.stringify(r.diagnostics)).toContain(`port "${name}"`);
      expect(r.diagnostics.map((x) => x.message).join('\n')).not.toMatch(/undefined/);
    }
  });

  it.each(PROTO_NAMES)('a parameter named %s is unknown (J103) and a type named %s is unknown (J101)', (name) => {
    const d = base();
    d.blocks[1]!.params[name] = 1;
    expect(compile(JSON.stringify(d), REGISTRY).diagnostics.map((x) => x.code)).toContain('J103');
    const t = base();
    t.blocks[1]!.type = name;
    expect(compile(JSON.stringify(t), REGISTRY).diagnostics.map((x) => x.code)).toContain('J101');
  });

  it.each([
    ['a port', (s: string) => s.replace('"port": "in"', '"port": "__proto__"')],
    ['a block type', (s: string) => s.replace('"type": "Split"', '"type": "__proto__"')],
    ['a parameter', (s: string) => s.replace('"params": {', '"params": { "__proto__": { "polluted": 1 },')],
    ['a layout key', (s: string) => s.replace('"layout": {', '"layout": { "__proto__": { "x": 1, "y": 2 },')],
  ])('"__proto__" as %s is refused by the schema, and Object.prototype stays clean', (_what, edit) => {
    const text = edit(template);
    expect(text).not.toBe(template);
    const r = compile(text, REGISTRY);
    expect(r.diagnostics.find((d) => d.code === 'J004')?.message, JSON.stringify(r.diagnostics)).toMatch(/__proto__/);
    expect(r.plan).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('hostile sizes', () => {
  it('a block type of a megabyte is refused by the schema, and the message quotes a few dozen characters of it', () => {
    const d = base();
    d.blocks[1]!.type = 'Conv'.repeat(256 * 1024);
    const r = compile(JSON.stringify(d), REGISTRY);
    expect(r.diagnostics).toMatchObject([{ code: 'J004', path: 'blocks[1].type' }]);
    for (const x of r.diagnostics) expect(x.message.length + x.hint.length).toBeLessThan(400);
  });

  it('an unknown field or format of a megabyte is echoed clipped', () => {
    const long = 'x'.repeat(1_000_000);
    const field = compile(template.replace('"name":', `"${long}": 1, "name":`), REGISTRY);
    expect(field.diagnostics[0]).toMatchObject({ code: 'J005' });
    expect(field.diagnostics[0]!.message.length).toBeLessThan(200);
    expect(field.diagnostics[0]!.message).toContain('1,000,000 characters');
    const format = compile(JSON.stringify({ format: long, version: 2 }), REGISTRY);
    expect(format.diagnostics[0]).toMatchObject({ code: 'J002' });
    expect(format.diagnostics[0]!.message.length).toBeLessThan(200);
    const json = compile(`{"a": "${long}" x}`, REGISTRY);
    expect(json.diagnostics[0]).toMatchObject({ code: 'J001' });
    expect(json.diagnostics[0]!.message.length).toBeLessThan(300);
  });

  it('"did you mean" skips names longer than any block type, and still helps with near misses', () => {
    expect(similarTypes(REGISTRY, 'D'.repeat(MAX_NAME + 1))).toEqual([]);
    expect(similarTypes(REGISTRY, 'Conv2d')).toContain('Conv2D');
  });
});

describe('a UTF-8 byte-order mark', () => {
  it('at the start of a pipeline file is accepted', () => {
    const r = compile(`\uFEFF${template}`, REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan?.name).toBe(base().name);
  });

  it('positions in a JSON error still count from the first character after it', () => {
    const bad = '{\n  "format": "jimu.pipeline",\n  "version" 2\n}';
    const r = compile(`\uFEFF${bad}`, REGISTRY);
    expect(r.diagnostics[0]).toMatchObject({ code: 'J001' });
    expect(r.diagnostics[0]!.args).toEqual(compile(bad, REGISTRY).diagnostics[0]!.args);
  });
});
