import type { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { diagnostic, type Diagnostic } from '../diagnostics';
import { clip } from '../text';
import { migrate } from './migrations';
import {
  BlockSchema,
  CompositeDefSchema,
  CURRENT_VERSION,
  ExposedParamSchema,
  FORMAT,
  LinkSchema,
  MetaSchema,
  PipelineDocumentSchema,
  PortRefSchema,
  PositionSchema,
  type PipelineDocument,
} from './schema';

export interface ParseResult {
  document?: PipelineDocument;
  /** The version the input was written in (before migration), when known. */
  sourceVersion?: number;
  diagnostics: Diagnostic[];
}

/** `blocks[3].params` — how a path inside a document is written in messages. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? clip(String(p)) : `.${clip(String(p))}`;
  return out === '' ? 'the top level' : out;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

function jsonError(text: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const m = /position (\d+)/.exec(message);
  const lc = /line (\d+) column (\d+)/.exec(message);
  const where = m ? lineAndColumn(text, Number(m[1])) : lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineAndColumn(text, text.length);
  const detail = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '');
  return diagnostic('J001', { detail: text.trim() === '' ? { en: 'the file is empty', zh: '文件是空的' } : { en: clip(detail, 120), zh: jsonErrorZh(detail) }, ...where });
}

/**
 * JavaScript engines word JSON syntax errors in English only: the Chinese reading of the ones V8 and
 * SpiderMonkey give, so the message reads in the user's language (the line and column are in the hint).
 */
const JSON_ERRORS_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Unexpected end of (JSON )?input|end of data/i, () => '内容在结束之前中断'],
  [/Expected ',' or '\}' after property value/i, () => '属性值之后应为逗号或“}”'],
  [/Expected ',' or '\]' after array element/i, () => '数组元素之后应为逗号或“]”'],
  [/Expected property name or '\}'|Expected double-quoted property name/i, () => '此处应为带双引号的属性名或“}”'],
  [/Expected ':' after property name/i, () => '属性名之后应为冒号'],
  [/Unterminated string/i, () => '字符串缺少结束的引号'],
  [/Bad control character/i, () => '字符串中有不允许的控制字符'],
  [/Bad (Unicode )?escape/i, () => '字符串中有无效的转义字符'],
  [/Unexpected non-whitespace character after JSON/i, () => 'JSON 结束之后还有多余的内容'],
  [/(No number after minus sign|Exponent part is missing a number|Unterminated fractional number)/i, () => '数字写法不完整'],
  [/Unexpected token '?(.)'?/i, (m) => `出现了意外的字符“${m[1]}”`],
];

function jsonErrorZh(detail: string): string {
  for (const [re, say] of JSON_ERRORS_ZH) {
    const m = re.exec(detail);
    if (m) return say(m);
  }
  return '语法错误';
}

const OBJECTS_BY_DEPTH: { test: RegExp; schema: z.ZodObject }[] = [
  { test: /^$/, schema: PipelineDocumentSchema },
  { test: /^blocks\.\d+$/, schema: BlockSchema },
  { test: /^links\.\d+$/, schema: LinkSchema },
  { test: /^links\.\d+\.(from|to)$/, schema: PortRefSchema },
  { test: /^layout\.[^.]+$/, schema: PositionSchema },
  { test: /^meta$/, schema: MetaSchema },
  { test: /^composites\.[^.]+$/, schema: CompositeDefSchema },
  { test: /^composites\.[^.]+\.blocks\.\d+$/, schema: BlockSchema },
  { test: /^composites\.[^.]+\.links\.\d+$/, schema: LinkSchema },
  { test: /^composites\.[^.]+\.params\.[^.]+$/, schema: ExposedParamSchema },
];

function allowedKeys(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  const hit = OBJECTS_BY_DEPTH.find((o) => o.test.test(key));
  return hit ? Object.keys(hit.schema.shape).join(', ') : '—';
}

const zodZhMap = zhCN().localeError;

/** zod's own Chinese wording of an issue (its zh-CN locale), so a schema problem reads in the user's language. */
function zodZh(issue: z.core.$ZodIssue): string {
  const r = zodZhMap(issue as never);
  return (typeof r === 'string' ? r : r?.message) ?? issue.message;
}

function zodIssues(error: z.ZodError): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const field of issue.keys) {
        out.push(diagnostic('J005', { path: formatPath(issue.path), field: clip(field), allowed: allowedKeys(issue.path) }, { path: formatPath(issue.path) }));
      }
    } else {
      out.push(diagnostic('J004', { path: formatPath(issue.path), detail: { en: issue.message, zh: zodZh(issue) } }, { path: formatPath(issue.path) }));
    }
  }
  return out;
}

/**
 * Where the document uses `__proto__` as a key, if anywhere. JSON.parse keeps it as an ordinary key, but
 * the schema would drop it without a word (a JavaScript object cannot hold it as data): say so instead.
 */
function protoKeyPath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = protoKeyPath(value[i], [...path, i]);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key];
    const hit = protoKeyPath((value as Record<string, unknown>)[key], [...path, key]);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Reads a pipeline document from text or from already-parsed JSON: checks it, migrates older versions,
 * fills defaults. Never throws; every problem is a diagnostic.
 */
export function parseDocument(input: unknown): ParseResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    // A byte-order mark is how some Windows editors start a UTF-8 file; it is not part of the JSON.
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { diagnostics: [jsonError(text, e)] };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { diagnostics: [diagnostic('J002', { detail: `it holds ${Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'null' : `a ${typeof raw}`}, not an object` })] };
  }
  let obj = raw as Record<string, unknown>;
  if (obj.format !== FORMAT) {
    const detail = obj.format === undefined ? 'the "format" field is missing' : `"format" is ${clip(JSON.stringify(obj.format) ?? String(obj.format))}`;
    return { diagnostics: [diagnostic('J002', { detail })] };
  }
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { diagnostics: [diagnostic('J002', { detail: `"version" should be a whole number, not ${clip(JSON.stringify(version) ?? String(version))}` })] };
  }
  if (version > CURRENT_VERSION) {
    return { sourceVersion: version, diagnostics: [diagnostic('J003', { found: version, supported: CURRENT_VERSION })] };
  }
  if (version < CURRENT_VERSION) {
    try {
      obj = migrate(obj, version, CURRENT_VERSION);
    } catch (e) {
      return { sourceVersion: version, diagnostics: [diagnostic('J007', { from: version, detail: e instanceof Error ? e.message : String(e) })] };
    }
  }
  const proto = protoKeyPath(obj);
  if (proto) return { sourceVersion: version, diagnostics: [diagnostic('J004', { path: formatPath(proto), detail: 'a name cannot be "__proto__"' }, { path: formatPath(proto) })] };
  // The input goes into each issue so that zod can word it in Chinese too ("received a string").
  const parsed = PipelineDocumentSchema.safeParse(obj, { reportInput: true });
  if (!parsed.success) return { sourceVersion: version, diagnostics: zodIssues(parsed.error) };
  const document = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  document.blocks.forEach((b, i) => {
    if (seen.has(b.id)) diagnostics.push(diagnostic('J006', { block: b.id }, { block: b.id, path: `blocks[${i}].id` }));
    seen.add(b.id);
  });
  return diagnostics.length ? { sourceVersion: version, diagnostics } : { document, sourceVersion: version, diagnostics };
}

/** The document as it is saved: stable key order, two-space indent, trailing newline. */
export function serializeDocument(doc: PipelineDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
