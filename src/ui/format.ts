import { formatShape, type PortValue } from '../core';

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

/** What a link carries, in a few characters: a shape for tensors and data, the kind otherwise. */
export function describeValue(v: PortValue | null | undefined): string {
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
      return v.metrics.join(', ');
    default: {
      const never: never = v;
      return never;
    }
  }
}
