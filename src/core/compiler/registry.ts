import type { BlockDef } from '../block';
import { MAX_NAME } from '../document/schema';

export type Registry = ReadonlyMap<string, BlockDef>;

/** Builds the type → declaration map, refusing two blocks with one type. */
export function makeRegistry(blocks: readonly BlockDef[]): Registry {
  const map = new Map<string, BlockDef>();
  for (const b of blocks) {
    if (map.has(b.type)) throw new Error(`Two blocks declare the type "${b.type}".`);
    map.set(b.type, b);
  }
  return map;
}

/** Up to three known types that look like `type`, for "did you mean" hints. */
export function similarTypes(registry: Registry, type: string): string[] {
  // Edit distance costs length × length: a name far longer than any block type resembles none.
  if (type.length > MAX_NAME) return [];
  const t = type.toLowerCase();
  const score = (name: string): number => {
    const n = name.toLowerCase();
    if (n === t) return 0;
    if (n.includes(t) || t.includes(n)) return 1;
    return levenshtein(n, t);
  };
  return [...registry.keys()]
    .map((name) => ({ name, s: score(name) }))
    .filter((x) => x.s <= Math.max(2, Math.floor(t.length / 3)))
    .sort((a, b) => a.s - b.s)
    .slice(0, 3)
    .map((x) => x.name);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
