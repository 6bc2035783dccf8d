import { z } from 'zod';
import type { Text } from './text';

/**
 * What a block's parameter schema allows, read from the zod schema itself, so that the inspector's
 * form, the compiler's messages and the allowed range they name can never drift from the block's
 * declaration. Only zod's public surface is read: a schema's `def` (its type, inner schema, options,
 * elements and default) and, for bounds, the JSON Schema that `z.toJSONSchema` writes — never zod's
 * internals (`_zod`, which the lint forbids) and never its error text.
 */

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string | number>;
  options?: z.ZodType[];
  values?: unknown[];
  element?: z.ZodType;
  items?: z.ZodType[];
}

/** zod's public definition of a schema: its type and what it wraps or lists. */
export const defOf = (s: z.ZodType): Def => s.def as unknown as Def;

/** The bounds JSON Schema states for a number, a list or a text. */
interface Bounds {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
}

const boundsCache = new WeakMap<z.ZodType, Bounds>();

/** The schema's bounds as JSON Schema states them (draft 2020-12: numeric exclusive bounds). */
function boundsOf(s: z.ZodType): Bounds {
  let b = boundsCache.get(s);
  if (!b) {
    try {
      b = z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' }) as Bounds;
    } catch {
      b = {}; // a schema JSON Schema cannot state (a refinement's own logic): no bounds to name
    }
    boundsCache.set(s, b);
  }
  return b;
}

/** A schema without its default / nullable / optional wrappers, and what those wrappers said. */
export function unwrapSchema(schema: z.ZodType): { core: z.ZodType; default: unknown; nullable: boolean; optional: boolean } {
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

/** Bounds of a number schema: `min`/`max` with whether they are included, and whether it is whole. */
export function numberBounds(s: z.ZodType): { int: boolean; min?: { value: number; inclusive: boolean }; max?: { value: number; inclusive: boolean } } {
  const b = boundsOf(s);
  const out: ReturnType<typeof numberBounds> = { int: b.type === 'integer' };
  // When both are stated, the tighter bound holds (an inclusive 1 over an exclusive 0).
  const lo = [b.minimum !== undefined ? { value: b.minimum, inclusive: true } : null, b.exclusiveMinimum !== undefined ? { value: b.exclusiveMinimum, inclusive: false } : null].filter((x) => x !== null);
  const hi = [b.maximum !== undefined ? { value: b.maximum, inclusive: true } : null, b.exclusiveMaximum !== undefined ? { value: b.exclusiveMaximum, inclusive: false } : null].filter((x) => x !== null);
  if (lo.length) out.min = lo.reduce((a, c) => (c.value > a.value || (c.value === a.value && !c.inclusive) ? c : a));
  if (hi.length) out.max = hi.reduce((a, c) => (c.value < a.value || (c.value === a.value && !c.inclusive) ? c : a));
  return out;
}

/** Bounds on a list's or a text's length. */
function lengthBounds(s: z.ZodType): { min?: number; max?: number } {
  const b = boundsOf(s);
  const min = b.minItems ?? b.minLength;
  const max = b.maxItems ?? b.maxLength;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** What the elements of a list schema are: words (`t1, flair`), numbers (`64 × 64`), or neither. */
export function listElements(s: z.ZodType): 'words' | 'numbers' | null {
  const d = defOf(s);
  const elements = d.type === 'array' ? [d.element!] : d.type === 'tuple' ? (d.items ?? []) : [];
  if (elements.length === 0) return null;
  const kinds = elements.map((e) => defOf(unwrapSchema(e).core).type);
  if (kinds.every((k) => k === 'string' || k === 'enum')) return 'words';
  if (kinds.every((k) => k === 'number' || k === 'tuple' || k === 'array')) return 'numbers';
  return null;
}

const t = (en: string, zh: string): Text => ({ en, zh });
const fmt = (n: number) => String(n);

/** Chinese text from pieces, with one space where Han characters meet Latin letters or digits (and nowhere else). */
export function zhJoin(...pieces: string[]): string {
  let out = '';
  for (const p of pieces) {
    if (!p) continue;
    const a = out.slice(-1);
    const b = p.charAt(0);
    const latin = /[A-Za-z0-9.%)\]"]/;
    const han = /[\u4e00-\u9fff]/;
    out += (latin.test(a) && han.test(b)) || (han.test(a) && /[A-Za-z0-9[("-]/.test(b)) ? ` ${p}` : p;
  }
  return out;
}

function numberText(s: z.ZodType): Text {
  const { int, min, max } = numberBounds(s);
  const kind = int ? t('a whole number', '整数') : t('a number', '数');
  const lo = min && Number.isFinite(min.value) && min.value > -Number.MAX_SAFE_INTEGER ? min : undefined;
  const hi = max && Number.isFinite(max.value) && max.value < Number.MAX_SAFE_INTEGER ? max : undefined;
  if (lo && hi && lo.inclusive && hi.inclusive) return t(`${kind.en} from ${fmt(lo.value)} to ${fmt(hi.value)}`, zhJoin('介于', fmt(lo.value), '和', fmt(hi.value), '之间的', kind.zh));
  const en: string[] = [];
  const zh: string[] = [];
  if (lo) {
    en.push(lo.inclusive ? `at least ${fmt(lo.value)}` : `greater than ${fmt(lo.value)}`);
    zh.push(lo.inclusive ? '不小于' : '大于', fmt(lo.value));
  }
  if (hi) {
    en.push(hi.inclusive ? `at most ${fmt(hi.value)}` : `less than ${fmt(hi.value)}`);
    zh.push(...(lo ? ['且'] : []), hi.inclusive ? '不大于' : '小于', fmt(hi.value));
  }
  if (en.length === 0) return kind;
  return t(`${kind.en} ${en.join(' and ')}`, zhJoin(...zh, '的', kind.zh));
}

function lengthText(s: z.ZodType, what: Text): Text {
  const { min, max } = lengthBounds(s);
  if (min && max) return t(`${what.en} (${min} to ${max})`, zhJoin(what.zh, '（', String(min), '到', String(max), '个）'));
  if (min && min > 0) return t(`${what.en} (at least ${min})`, zhJoin(what.zh, '（至少', String(min), '个）'));
  if (max) return t(`${what.en} (at most ${max})`, zhJoin(what.zh, '（最多', String(max), '个）'));
  return what;
}

function coreText(core: z.ZodType): Text {
  const d = defOf(core);
  switch (d.type) {
    case 'number':
      return numberText(core);
    case 'boolean':
      return t('on or off', '开或关');
    case 'string': {
      const { min } = lengthBounds(core);
      return min ? t('text that is not empty', '非空文本') : t('text', '文本');
    }
    case 'enum': {
      const options = Object.values(d.entries ?? {}).map(String);
      return t(`one of ${options.join(', ')}`, `以下之一：${options.join('、')}`);
    }
    case 'literal': {
      const options = (d.values ?? []).map(String);
      return t(options.join(' or '), `以下之一：${options.join('、')}`);
    }
    case 'array': {
      const element = unwrapSchema(d.element!).core;
      const kind = listElements(core);
      if (kind === 'words') return lengthText(core, t('a list of names separated by commas', '用逗号分隔的名称列表'));
      const each = coreText(element);
      return lengthText(core, t(`a list of numbers, each ${each.en}`, zhJoin('数字列表，每个为', each.zh)));
    }
    case 'tuple': {
      const items = d.items ?? [];
      const each = items.length ? coreText(unwrapSchema(items[0]!).core) : t('a number', '数');
      const same = items.every((i) => JSON.stringify(coreText(unwrapSchema(i).core)) === JSON.stringify(each));
      if (same) return t(`${items.length} values separated by commas or ×, each ${each.en}`, zhJoin('用逗号或 × 分隔的', String(items.length), '个值，每个为', each.zh));
      const parts = items.map((i) => coreText(unwrapSchema(i).core));
      return t(parts.map((p) => p.en).join(', then '), zhJoin(...parts.flatMap((p, i) => (i ? ['，然后', p.zh] : [p.zh]))));
    }
    case 'union': {
      const options = (d.options ?? []).map((o) => coreText(unwrapSchema(o).core));
      return t(options.map((p) => p.en).join(', or '), zhJoin(...options.flatMap((p, i) => (i ? ['，或', p.zh] : [p.zh]))));
    }
    default:
      return t('a value this block accepts', '该模块接受的值');
  }
}

/**
 * What a parameter schema allows, in words, in every language: "a whole number from 1 to 512",
 * "1 到 512 之间的整数". Derived from the schema, never written by hand beside it.
 */
export function allowedText(schema: z.ZodType): Text {
  const { core, nullable } = unwrapSchema(schema);
  const text = coreText(core);
  return nullable ? t(`${text.en}, or empty`, zhJoin(text.zh, '，或留空')) : text;
}
