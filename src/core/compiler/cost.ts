import type { Shape } from '../shape';

/** Values per example in a tensor of this shape (unknown dimensions count as 1). */
export function perExampleCount(shape: Shape): number {
  return shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
}
