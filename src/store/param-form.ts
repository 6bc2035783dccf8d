import type { z } from 'zod';

/**
 * How the inspector shows one parameter, read from its zod schema (the block declares it once;
 * the form follows). Everything that is not a toggle or a choice is typed as text and checked
 * against the schema, so a wrong value is shown as wrong instead of being silently coerced.
 */
export type FieldSpec =
  | { kind: 'boolean'; default: unknown }
  | { kind: 'enum'; options: string[]; default: unknown; optional: boolean }
  | { kind: 'number'; int: boolean; min?: number; max?: number; nullable: boolean; default: unknown }
  | { kind: 'numbers'; default: unknown; nullable: boolean }
  | { kind: 'text'; default: unknown }
  | { kind: 'json'; default: unknown };

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  options?: z.ZodType[];
  values?: unknown[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): { core: z.ZodType; default: unknown; nullable: boolean; optional: boolean } {
  let s = schema;
  let dflt: unknown;
  let nullable = false;
  let optional = false;
  for (let i = 0; i < 10; i++) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') {
      dflt = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
      optional = true;
    } else if (d.type === 'nullable') nullable = true;
    else if (d.type === 'optional') optional = true;
    else break;
    s = d.innerType!;
  }
  return { core: s, default: dflt, nullable, optional };
}

/** The form field for a parameter schema. */
export function fieldOf(schema: z.ZodType): FieldSpec {
  const { core, default: dflt, nullable, optional } = unwrap(schema);
  const d = defOf(core);
  switch (d.type) {
    case 'boolean':
      return { kind: 'boolean', default: dflt };
    case 'enum':
      return { kind: 'enum', options: Object.values(d.entries ?? {}), default: dflt, optional: optional || nullable };
    case 'literal':
      return { kind: 'enum', options: (d.values ?? []).map(String), default: dflt, optional };
    case 'number': {
      const n = core as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      return {
        kind: 'number',
        int: !!n.isInt,
        ...(n.minValue !== null && Number.isFinite(n.minValue) ? { min: n.minValue } : {}),
        ...(n.maxValue !== null && Number.isFinite(n.maxValue) ? { max: n.maxValue } : {}),
        nullable,
        default: dflt,
      };
    }
    case 'tuple':
    case 'array':
      return { kind: 'numbers', default: dflt, nullable };
    case 'union': {
      const kinds = (d.options ?? []).map((o) => defOf(unwrap(o).core).type);
      if (kinds.every((k) => k === 'number' || k === 'tuple' || k === 'array')) return { kind: 'numbers', default: dflt, nullable };
      return { kind: 'json', default: dflt };
    }
    case 'string':
      return { kind: 'text', default: dflt };
    default:
      return { kind: 'json', default: dflt };
  }
}

/** A value as the inspector writes it: `[3, 3]` as `3, 3`. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function number(text: string): number | string {
  const t = text.trim();
  if (t === '') return t;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * What the user typed, as a value for the schema to check. Empty text means "use the default"
 * (`undefined`), or `null` for a nullable field without a default.
 */
export function readText(field: FieldSpec, text: string): unknown {
  const t = text.trim();
  if (t === '') return 'nullable' in field && field.nullable && field.default === null ? null : undefined;
  switch (field.kind) {
    case 'number':
      return number(t);
    case 'numbers': {
      if (t.startsWith('[')) {
        try {
          return JSON.parse(t);
        } catch {
          return t;
        }
      }
      const parts = t.split(/[,×x*\s]+/).filter(Boolean).map(number);
      return parts.length === 1 ? parts[0] : parts;
    }
    case 'json':
      try {
        return JSON.parse(t);
      } catch {
        return t;
      }
    case 'text':
    case 'enum':
    case 'boolean':
      return t;
    default: {
      const never: never = field;
      return never;
    }
  }
}

/** Checks a value against the parameter schema: the value to store, or the problem in words. */
export function checkValue(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (value === undefined) return { ok: true, value };
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value };
  const issue = r.error.issues[0]!;
  const desc = schema.description ?? unwrap(schema).core.description;
  return { ok: false, problem: `${issue.message.replace(/^Invalid input: /, '')}${desc ? ` (${desc})` : ''}` };
}
