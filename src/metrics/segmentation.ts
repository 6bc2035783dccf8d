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
