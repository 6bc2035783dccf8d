import type { DataStep, ExampleSet } from '../core';

/**
 * Patient leakage: the same patient in two subsets lets a model be scored on patients it learned
 * from, and inflates every metric. Two checks, one before and one after the data is read.
 */

/** Patients (groups) that appear in more than one of the named sets, sorted, each with the subsets it appears in. */
export function sharedPatients(sets: Readonly<Record<string, Pick<ExampleSet, 'groups'> | undefined>>): { patient: string; subsets: string[] }[] {
  const where = new Map<string, Set<string>>();
  for (const [name, set] of Object.entries(sets)) {
    if (!set) continue;
    for (const g of set.groups) {
      const s = where.get(g) ?? new Set<string>();
      s.add(name);
      where.set(g, s);
    }
  }
  return [...where]
    .filter(([, s]) => s.size > 1)
    .map(([patient, s]) => ({ patient, subsets: [...s] }))
    .sort((a, b) => (a.patient < b.patient ? -1 : a.patient > b.patient ? 1 : 0));
}

/**
 * Before any file is read: two streams that start at the same source block share its patients unless a
 * split sends them to different outputs somewhere along the way.
 */
export function streamsShareData(a: readonly DataStep[], b: readonly DataStep[]): boolean {
  if (a.length === 0 || b.length === 0 || a[0]!.block !== b[0]!.block) return false;
  const outputs = new Map(a.map((s) => [s.block, s.output]));
  return !b.some((s) => outputs.has(s.block) && outputs.get(s.block) !== s.output);
}
