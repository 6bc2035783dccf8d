import type { z } from 'zod';
import { defOf, listElements, numberBounds, unwrapSchema as unwrap } from '../core/param-schema';

/**
 * How the inspector shows one parameter, read from its zod schema (the block declares it once;
 * the form follows). Everything that is not a toggle or a choice is typed as text and checked
 * against the schema, so a wrong value is shown as wrong instead of being silently coerced.
 */
export type FieldSpec =
  | { kind: 'boolean'; default: unknown }
  | { kind: 'enum'; options: string[]; default: unknown; optional: boolean }
  | { kind: 'number'; int: boolean; min?: number; max?: number; nullable: boolean; default: unknown }
  /** Numbers typed as `64 × 64`, `64 x 64` or `64, 64`; `single`: one bare number is a value too. */
  | { kind: 'numbers'; default: unknown; nullable: boolean; single: boolean }
  /** Names typed as `t1, flair` (also with Chinese commas): always a list, never split inside a word. */
  | { kind: 'words'; default: unknown; nullable: boolean }
  | { kind: 'text'; default: unknown }
  | { kind: 'json'; default: unknown };

/** The form field for a parameter schema. */
export function fieldOf(schema: z.ZodType): FieldSpec {
  const { core, default: dflt, nullable, optional } = unwrap(schema);
  const d = defOf(core);
  switch (d.type) {
    case 'boolean':
      return { kind: 'boolean', default: dflt };
    case 'enum':
      return { kind: 'enum', options: Object.values(d.entries ?? {}).map(String), default: dflt, optional: optional || nullable };
    case 'literal':
      return { kind: 'enum', options: (d.values ?? []).map(String), default: dflt, optional };
    case 'number': {
      const { int, min, max } = numberBounds(core);
      return {
        kind: 'number',
        int,
        ...(min && min.value > -Number.MAX_SAFE_INTEGER ? { min: min.value } : {}),
        ...(max && max.value < Number.MAX_SAFE_INTEGER ? { max: max.value } : {}),
        nullable,
        default: dflt,
      };
    }
    case 'tuple':
    case 'array': {
      const elements = listElements(core);
      if (elements === 'words') return { kind: 'words', default: dflt, nullable };
      if (elements === 'numbers') return { kind: 'numbers', default: dflt, nullable, single: false };
      return { kind: 'json', default: dflt };
    }
    case 'union': {
      const options = (d.options ?? []).map((o) => unwrap(o).core);
      const kinds = options.map((o) => defOf(o).type);
      const lists = options.filter((o) => defOf(o).type !== 'number');
      if (kinds.some((k) => k === 'number') && lists.every((o) => listElements(o) === 'numbers')) return { kind: 'numbers', default: dflt, nullable, single: true };
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

/** Separators between list items: ASCII and full-width commas, the Chinese enumeration comma, semicolons. */
const LIST_SEPARATORS = /[,，、;；]/;

/** `t1, t1ce，flair` → ['t1', 't1ce', 'flair']: a name is never split inside a word. */
export function splitWords(text: string): string[] {
  return text
    .split(LIST_SEPARATORS)
    .map((w) => w.trim())
    .filter(Boolean);
}

/**
 * `64 × 64`, `64x64`, `64 X 64`, `64*64`, `64, 64` and `64 64` → ['64', '64']. An x is a separator
 * only between two numbers, so a word such as "box" stays one (wrong) item for the schema to refuse.
 */
export function splitNumbers(text: string): string[] {
  const between = /([\d.])\s*[xX×*]\s*(?=[-+.\d])/g;
  return text
    .replace(between, '$1 ')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
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
      const parts = splitNumbers(t).map(number);
      return parts.length === 1 && field.single ? parts[0] : parts;
    }
    case 'words': {
      // A JSON list (`["t1", "flair"]`, as the Code view writes it) is read as such.
      if (t.startsWith('[')) {
        try {
          const list: unknown = JSON.parse(t);
          if (Array.isArray(list)) return list;
        } catch {
          // Not JSON: read as names.
        }
      }
      return splitWords(t);
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
