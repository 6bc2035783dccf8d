/**
 * Dice overlap 2|A∩B| / (|A|+|B|) of two binary masks; 1 when both are empty (nothing to find, nothing
 * found), as the BraTS evaluation reports it.
 */
export function dice(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  let inter = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]! > 0.5 ? 1 : 0;
    const p = pred[i]! > 0.5 ? 1 : 0;
    inter += t & p;
    a += t;
    b += p;
  }
  return a + b === 0 ? 1 : (2 * inter) / (a + b);
}

/** Which labels of a label map make up each scored region. */
export type RegionMap = Record<string, number[]>;

/**
 * The BraTS regions for the 2012–2020 label convention: 1 necrotic/non-enhancing core, 2 peritumoural
 * edema, 4 enhancing tumour. Whole tumour = {1, 2, 4}, tumour core = {1, 4}, enhancing tumour = {4}.
 */
export const BRATS_REGIONS: RegionMap = { whole_tumor: [1, 2, 4], tumor_core: [1, 4], enhancing_tumor: [4] };

/** The BraTS 2021+ convention, where enhancing tumour is label 3: whole {1, 2, 3}, core {1, 3}, enhancing {3}. */
export const BRATS_2021_REGIONS: RegionMap = { whole_tumor: [1, 2, 3], tumor_core: [1, 3], enhancing_tumor: [3] };

/** A 0/1 mask of the voxels whose label is one of `labels`. */
export function regionMask(labelMap: ArrayLike<number>, labels: number[]): Uint8Array {
  const set = new Set(labels);
  const out = new Uint8Array(labelMap.length);
  for (let i = 0; i < labelMap.length; i++) out[i] = set.has(Math.round(labelMap[i]!)) ? 1 : 0;
  return out;
}

/** The labels other than background (0) present in either label map, ascending. */
export function labelsPresent(...maps: ArrayLike<number>[]): number[] {
  const set = new Set<number>();
  for (const m of maps) for (let i = 0; i < m.length; i++) set.add(Math.round(m[i]!));
  set.delete(0);
  return [...set].sort((a, b) => a - b);
}

/** Dice of each region (a set of labels) between two label maps. */
export function regionDice(truth: ArrayLike<number>, pred: ArrayLike<number>, regions: RegionMap): Record<string, number> {
  return Object.fromEntries(Object.entries(regions).map(([name, labels]) => [name, dice(regionMask(truth, labels), regionMask(pred, labels))]));
}
