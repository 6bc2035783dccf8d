import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { localize, type Diagnostic, type Lang } from '../core';

/** One squiggle in the Code view: where (1-based, as Monaco counts) and what, in the reader's language. */
export interface CodeMarker {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** `blocks[3].params.filters` → ['blocks', 3, 'params', 'filters']; "the top level" → []. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) out.push(Number(index));
    else if (key !== undefined) out.push(key);
  }
  return path === 'the top level' ? [] : out;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The object of block `id` in the text's `blocks` list. */
function blockNode(root: JsonNode, id: string): JsonNode | undefined {
  const blocks = findNodeAtLocation(root, ['blocks']);
  return blocks?.children?.find((b) => findNodeAtLocation(b, ['id'])?.value === id);
}

/** The part of the text a diagnostic is about: the value at its path, its block's id, its link; else nothing. */
function nodeOf(d: Diagnostic, root: JsonNode): JsonNode | undefined {
  if (d.block !== undefined) {
    const b = blockNode(root, d.block);
    if (!b) return undefined;
    const inner = d.path ? findNodeAtLocation(b, pathSegments(d.path)) : undefined;
    return inner ?? findNodeAtLocation(b, ['id']) ?? b;
  }
  if (d.link !== undefined) return findNodeAtLocation(root, ['links', d.link]);
  if (d.path !== undefined) {
    const segments = pathSegments(d.path);
    // An unknown field: mark the field's name, not the object that holds it.
    const field = d.code === 'J005' && typeof d.args.field === 'string' ? findNodeAtLocation(root, [...segments, d.args.field])?.parent?.children?.[0] : undefined;
    return field ?? findNodeAtLocation(root, segments);
  }
  return undefined;
}

/**
 * The Code view's markers for the problems Jimu found, in the interface's language: the catalogue's
 * message and hint (the same words as the inspector), placed on the JSON they are about. A syntax error
 * sits where the JSON breaks; a problem with no place in the text marks the first line.
 */
export function codeMarkers(text: string, diagnostics: readonly Diagnostic[], lang: Lang): CodeMarker[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return diagnostics.map((d) => {
    const { message, hint } = localize(d, lang);
    let from = { line: 1, column: 1 };
    let to = { line: 1, column: Math.max(2, (text.split('\n', 1)[0]?.length ?? 0) + 1) };
    if (d.code === 'J001') {
      const e = errors[0];
      const at = e ? e.offset : text.length;
      from = position(text, at);
      to = position(text, at + Math.max(1, e?.length ?? 1));
    } else {
      const node = root ? nodeOf(d, root) : undefined;
      if (node) {
        from = position(text, node.offset);
        to = position(text, node.offset + node.length);
      }
    }
    return {
      severity: d.severity,
      code: d.code,
      message: hint ? `${message}\n${hint}` : message,
      startLineNumber: from.line,
      startColumn: from.column,
      endLineNumber: to.line,
      endColumn: to.column,
    };
  });
}
