import fc from 'fast-check';
import type { CompileResult } from '../compiler/compile';
import { CATALOGUE, hasErrors } from '../diagnostics';

/**
 * Mutated pipeline documents for fuzzing parse + compile (tests and bench/fuzz-documents.ts): a real
 * template with a few structural edits (values replaced by hostile ones, keys deleted or added, blocks
 * duplicated or retyped, links pointed at odd ports) and sometimes damaged text (cut, a stray byte,
 * a byte-order mark). Pure data; the caller passes the templates and the block types in.
 */

/** Values that have broken parsers and compilers before. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null, true, false, 0, -0, -1, 1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 31, -(2 ** 31), 1e-300, 4096, 31,
  '', ' ', '__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf',
  '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '\u0000', '\uFEFF', '\uD800', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '中文名', '../../etc/passwd',
  'x'.repeat(100_000), 'same', 'valid', 'relu', 'softmax', 'NaN', 'Infinity',
  [], [0], [1, 2, 3], [-1, -1], [null], [[1]], {}, { x: 1 }, { x: 1, y: 'a' },
];

/** Keys to add: own properties named like Object.prototype's, and a very long one. */
export const HOSTILE_KEYS: readonly string[] = ['__proto__', 'constructor', 'toString', 'prototype', 'polluted', '', 'x'.repeat(10_000), 'params', 'type', 'id', 'port', 'block'];

export type Edit =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: unknown }
  | { kind: 'duplicate'; at: number }
  | { kind: 'retype'; at: number; type: number }
  | { kind: 'port'; at: number; end: 'from' | 'to'; port: string };

export type TextEdit = { kind: 'none' } | { kind: 'cut'; at: number } | { kind: 'byte'; at: number; char: number } | { kind: 'bom' };

export interface Mutation {
  template: number;
  edits: Edit[];
  text: TextEdit;
}

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** Every object and array in the document, in a stable order, with how to reach its parent. */
function containers(root: Json): Container[] {
  const out: Container[] = [];
  const walk = (v: Json) => {
    if (typeof v !== 'object' || v === null) return;
    out.push(v as Container);
    for (const child of Array.isArray(v) ? v : Object.values(v)) walk(child);
  };
  walk(root);
  return out;
}

function keysOf(c: Container): (string | number)[] {
  return Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
}

/** Writes an own property, even one named __proto__ (as JSON.parse would), never a prototype. */
function setOwn(c: Container, key: string | number, value: Json): void {
  Object.defineProperty(c, key, { value, enumerable: true, writable: true, configurable: true });
}

function applyEdit(doc: Json, e: Edit, types: readonly string[]): void {
  const all = containers(doc);
  if (!all.length) return;
  const c = all[e.at % all.length]!;
  const keys = keysOf(c);
  const key = keys.length ? keys[Math.floor(e.at / all.length) % keys.length]! : undefined;
  switch (e.kind) {
    case 'replace':
      if (key !== undefined) setOwn(c, key, structuredClone(e.value));
      break;
    case 'delete':
      if (key === undefined) break;
      if (Array.isArray(c)) c.splice(key as number, 1);
      else delete c[key as string];
      break;
    case 'add-key':
      if (Array.isArray(c)) c.push(structuredClone(e.value));
      else setOwn(c, e.key, structuredClone(e.value));
      break;
    case 'duplicate':
      if (Array.isArray(c) && key !== undefined) c.splice(key as number, 0, structuredClone(c[key as number]));
      break;
    case 'retype': {
      const blocks = (doc as { blocks?: { type?: unknown }[] }).blocks;
      if (Array.isArray(blocks) && blocks.length && types.length) {
        const b = blocks[e.at % blocks.length];
        if (b && typeof b === 'object') b.type = types[e.type % types.length];
      }
      break;
    }
    case 'port': {
      const links = (doc as { links?: Record<string, { port?: unknown }>[] }).links;
      if (Array.isArray(links) && links.length) {
        const end = links[e.at % links.length]?.[e.end];
        if (end && typeof end === 'object') end.port = e.port;
      }
      break;
    }
  }
}

/** The document (as parsed JSON, or as text when the text was damaged) that a mutation makes. */
export function applyMutation(templates: readonly Json[], types: readonly string[], m: Mutation): unknown {
  const doc = structuredClone(templates[m.template % templates.length]);
  for (const e of m.edits) applyEdit(doc, e, types);
  if (m.text.kind === 'none') return doc;
  const text = JSON.stringify(doc);
  switch (m.text.kind) {
    case 'bom':
      return `\uFEFF${text}`;
    case 'cut':
      return text.slice(0, m.text.at % (text.length + 1));
    case 'byte': {
      const at = m.text.at % (text.length + 1);
      return `${text.slice(0, at)}${String.fromCharCode(m.text.char)}${text.slice(at + 1)}`;
    }
  }
}

const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
const port = fc.oneof(fc.constantFrom('in', 'out', 'data', 'train', 'validation', 'test', 'model', 'optimizer', 'loss', 'report', 'toString', 'constructor', '__proto__', 'x'.repeat(65)), fc.string({ maxLength: 8 }));

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })), value }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), type: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('port' as const), at: fc.nat(), end: fc.constantFrom('from' as const, 'to' as const), port }) },
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), char: fc.integer({ min: 0, max: 0xffff }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
);

/** Mutations of `templateCount` templates: one to four structural edits, sometimes damaged text. */
export function mutations(templateCount: number): fc.Arbitrary<Mutation> {
  return fc.record({ template: fc.nat({ max: templateCount - 1 }), edits: fc.array(edit, { minLength: 1, maxLength: 4 }), text: textEdit });
}

/** What one fuzzed document came to. */
export interface FuzzOutcome {
  /** 'plan': trainable; 'errors': refused with error diagnostics; 'no-plan': valid but nothing to train. */
  kind: 'plan' | 'errors' | 'no-plan';
  codes: string[];
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/**
 * Runs parse + compile on one input and checks the contract: it returns (never throws) diagnostics from
 * the catalogue, short enough to read, or a plan with no error; Object.prototype is left as it was.
 * Throws an Error naming the first broken rule.
 */
export function checkCompile(input: unknown, run: (input: unknown) => CompileResult): FuzzOutcome {
  const r = run(input);
  if (PROTOTYPE_KEYS !== Object.getOwnPropertyNames(Object.prototype).sort().join(',') || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error('Object.prototype changed');
  }
  if (!Array.isArray(r.diagnostics)) throw new Error('no diagnostics list');
  for (const d of r.diagnostics) {
    if (!Object.hasOwn(CATALOGUE, d.code)) throw new Error(`diagnostic code ${String(d.code)} is not in the catalogue`);
    if (typeof d.message !== 'string' || typeof d.hint !== 'string' || !d.message || !d.hint) throw new Error(`${d.code} without a message or hint`);
    if (d.message.length + d.hint.length > 4000) throw new Error(`${d.code} is ${d.message.length + d.hint.length} characters long`);
  }
  const errors = hasErrors(r.diagnostics);
  if (r.plan && errors) throw new Error('a plan despite errors');
  return { kind: r.plan ? 'plan' : errors ? 'errors' : 'no-plan', codes: r.diagnostics.map((d) => d.code) };
}
