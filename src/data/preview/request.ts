import type { DatasetValue, DataStep, PortValue } from '../../core';

/** What to compute to preview one dataset output of a block: its steps from the source, and the cache key. */
export interface PreviewTarget {
  block: string;
  port: string;
  /** Every step from the source to this output (the compiler's record on the output value). */
  steps: DataStep[];
  seed: number;
  /** Set when the block is the source itself: it need make only the first example. */
  limit?: number;
  /** The output as the compiler inferred it (shapes, count, label names). */
  dataset: DatasetValue;
  /** Same key, same steps and seed: the cached preview still holds. */
  key: string;
}

/** The dataset outputs of a block, in declaration order (a split has train, validation and test). */
export function datasetPorts(outputs: Record<string, PortValue> | undefined): string[] {
  return Object.entries(outputs ?? {})
    .filter(([, v]) => v.kind === 'dataset')
    .map(([k]) => k);
}

/**
 * The preview of `port` (the block's first dataset output when not given), or null when the compiler
 * has no dataset value there (the block is not connected to a source yet, or its parameters are wrong).
 */
export function previewTarget(block: string, outputs: Record<string, PortValue> | undefined, seed: number, port?: string): PreviewTarget | null {
  const name = port !== undefined && outputs?.[port]?.kind === 'dataset' ? port : datasetPorts(outputs)[0];
  const value = name === undefined ? undefined : outputs?.[name];
  if (!name || value?.kind !== 'dataset' || value.steps.length === 0) return null;
  const steps = value.steps;
  // A source's own output: the first example is all a preview needs. After a transform, the whole stream
  // runs, since a split or a normalisation may depend on every example.
  const limit = steps.length === 1 ? 1 : undefined;
  return { block, port: name, steps, seed, ...(limit ? { limit } : {}), dataset: value, key: `${hashText(JSON.stringify({ seed, steps }))}:${block}:${name}` };
}

/** A 53-bit string hash (cyrb53), as 14 hex digits: for cache keys, not for security. */
export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * How many examples the stream has: the compiler's count where it knows it (a sample source says how
 * many it makes, even when the preview asked it for one), else the number the preview's run made.
 */
export function exampleCount(target: Pick<PreviewTarget, 'dataset' | 'limit'>, computed: number): number {
  if (target.limit !== undefined) return target.dataset.count ?? computed;
  return computed;
}
