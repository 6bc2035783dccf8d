import type { z } from 'zod';
import type { BlockDef } from '../block';
import { diagnostic, type Diagnostic } from '../diagnostics';
import { own } from '../own';
import { allowedText } from '../param-schema';
import type { Text } from '../text';

/** A parameter's value as the user typed it, for a message: `"0"`, `"t1, flair"`, or empty. */
function valueText(value: unknown): Text {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return { en: 'empty', zh: '空' };
  const s = Array.isArray(value) ? value.map((v) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v))).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const short = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  return { en: `"${short}"`, zh: `“${short}”` };
}

/**
 * A rule beyond type and range (a zod refinement) says why in its own words: `message` in English and
 * `params.zh` in Chinese, as `.refine(f, { message: 'only one size can be -1', params: { zh: '…' } })`.
 */
function refinementReason(issues: readonly z.core.$ZodIssue[]): Text {
  const custom = issues.find((i) => i.code === 'custom');
  if (!custom) return { en: '', zh: '' };
  const zh = (custom as { params?: { zh?: unknown } }).params?.zh;
  return { en: `: ${custom.message}`, zh: `：${typeof zh === 'string' ? zh : custom.message}` };
}

/**
 * The problem with one parameter value, or null when the block's schema accepts it: J102, naming the
 * parameter as the inspector labels it, the value as typed and the allowed range read from the schema.
 * The inspector, the Code view and the compiler all report a refused value through this one function.
 */
export function paramProblem(def: Pick<BlockDef, 'params' | 'paramText'>, name: string, value: unknown, where: { block: string; label: Text }): Diagnostic | null {
  const schema = own(def.params.shape as Record<string, z.ZodType>, name);
  if (!schema) return null;
  const r = schema.safeParse(value);
  if (r.success) return null;
  const param = def.paramText?.[name]?.label ?? { en: name, zh: name };
  return diagnostic('J102', { label: where.label, param, value: valueText(value), reason: refinementReason(r.error.issues), allowed: allowedText(schema) }, { block: where.block, path: `params.${name}` });
}

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
    if (!Object.hasOwn(def.params.shape, key)) {
      diagnostics.push(diagnostic('J103', { label, param: key, allowed: known.join(', ') || '(none)' }, { block: id }));
    }
  }
  const parsed = def.params.safeParse(raw);
  if (!parsed.success) {
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') continue; // reported above with the list of allowed names
      const name = issue.path.length ? String(issue.path[0]) : '';
      if (reported.has(name)) continue;
      reported.add(name);
      const problem = name ? paramProblem(def, name, raw[name], { block: id, label }) : null;
      // A rule across several parameters (a refinement of the whole object) names no single one.
      diagnostics.push(problem ?? diagnostic('J102', { label, param: name || '(all)', value: { en: 'this', zh: '此值' }, reason: { en: '', zh: '' }, allowed: { en: 'a value this block accepts', zh: '该模块接受的值' } }, { block: id, path: `params.${name}` }));
    }
  }
  if (diagnostics.length) return { diagnostics };
  return { params: parsed.data, diagnostics };
}
