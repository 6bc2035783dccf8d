import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics';
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
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
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
  return diagnostic('J001', { detail: text.trim() === '' ? 'the file is empty' : detail, ...where });
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

function zodIssues(error: z.ZodError): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const field of issue.keys) {
        out.push(diagnostic('J005', { path: formatPath(issue.path), field, allowed: allowedKeys(issue.path) }, { path: formatPath(issue.path) }));
      }
    } else {
      out.push(diagnostic('J004', { path: formatPath(issue.path), detail: issue.message }, { path: formatPath(issue.path) }));
    }
  }
  return out;
}

/**
 * Reads a pipeline document from text or from already-parsed JSON: checks it, migrates older versions,
 * fills defaults. Never throws; every problem is a diagnostic.
 */
export function parseDocument(input: unknown): ParseResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      return { diagnostics: [jsonError(input, e)] };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { diagnostics: [diagnostic('J002', { detail: `it holds ${Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'null' : `a ${typeof raw}`}, not an object` })] };
  }
  let obj = raw as Record<string, unknown>;
  if (obj.format !== FORMAT) {
    const detail = obj.format === undefined ? 'the "format" field is missing' : `"format" is ${JSON.stringify(obj.format)}`;
    return { diagnostics: [diagnostic('J002', { detail })] };
  }
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { diagnostics: [diagnostic('J002', { detail: `"version" should be a whole number, not ${JSON.stringify(version)}` })] };
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
  const parsed = PipelineDocumentSchema.safeParse(obj);
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
