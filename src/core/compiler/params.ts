import type { z } from 'zod';
import type { BlockDef } from '../block';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Text } from '../text';

/** Validates a block's parameters against its schema: unknown names and bad values are diagnostics. */
export function checkParams(
  def: BlockDef,
  raw: Record<string, unknown>,
  id: string,
  label: Text,
): { params?: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const known = Object.keys(def.params.shape);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      diagnostics.push(diagnostic('J103', { label, param: key, allowed: known.join(', ') || '(none)' }, { block: id }));
    }
  }
  const parsed = def.params.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') continue; // reported above with the list of allowed names
      const param = issue.path.map(String).join('.') || '(all)';
      diagnostics.push(diagnostic('J102', { label, param, detail: describeIssue(issue), expected: expectedText(def, issue.path[0]) }, { block: id, path: `params.${param}` }));
    }
  }
  if (diagnostics.length) return { diagnostics };
  return { params: parsed.data, diagnostics };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const m = issue.message.replace(/^Invalid input: /, '');
  return m.charAt(0).toLowerCase() === m.charAt(0) ? `is invalid: ${m}` : `is invalid: ${m.charAt(0).toLowerCase()}${m.slice(1)}`;
}

function expectedText(def: BlockDef, key: PropertyKey | undefined): string {
  if (typeof key !== 'string') return '';
  const schema = def.params.shape[key] as z.ZodType | undefined;
  const d = schema?.description;
  return d ? `Expected: ${d}` : '';
}
