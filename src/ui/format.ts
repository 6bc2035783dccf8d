import { formatShape, type Lang, type PortValue } from '../core';
import { metricName } from '../metrics/names';

/** A count as people read it: 1234567 → 1.23 M. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(n);
  const units = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const;
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(n / size < 10 ? 2 : n / size < 100 ? 1 : 0)} ${unit}`;
  return String(n);
}

/** Bytes as people read them (the same words as the CLI). */
export { formatBytes as compactBytes } from '../core';

/**
 * What a link carries, in a few characters: a shape for tensors and data, the kind otherwise; a report's
 * scores by their names in `lang` (their keys without one, for tooltips and comparisons).
 */
export function describeValue(v: PortValue | null | undefined, lang?: Lang): string {
  if (!v) return '';
  switch (v.kind) {
    case 'tensor':
      return formatShape(v.shape);
    case 'dataset':
      return `${formatShape([null, ...v.image])} → ${formatShape([null, ...v.label])}`;
    case 'model':
      return formatShape(v.outputShape);
    case 'optimizer':
      return v.spec.type;
    case 'schedule':
      return v.spec.type;
    case 'report':
      return lang ? v.metrics.map((m) => metricName(m, lang)).join(lang === 'zh' ? '、' : ', ') : v.metrics.join(', ');
    default: {
      const never: never = v;
      return never;
    }
  }
}

/** The BCP 47 tag Intl uses for a UI language. */
export const localeOf = (lang: 'en' | 'zh'): string => (lang === 'zh' ? 'zh-CN' : 'en');

/**
 * A moment (ISO string or epoch milliseconds) as people of the UI language write it: "Dec 4, 2026, 5:28 PM"
 * or "2026年12月4日 17:28". `timeZone` is for tests; the page uses the machine's.
 */
export function formatDateTime(at: string | number, lang: 'en' | 'zh', timeZone?: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '–';
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(d);
}

/** A score with a fixed number of decimals in the UI language's digits and separators; – when not finite. */
export function formatNumber(v: unknown, lang: 'en' | 'zh', digits = 3): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  return new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}
