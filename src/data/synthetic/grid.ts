import type { Random } from '../random';

/**
 * Helpers shared by the synthetic medical generators. Volumes are cubes of `size`³ voxels stored as
 * ExampleSet images are: depth × height × width × channels, channels fastest.
 */

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Coverage of a soft-edged ellipsoid at a point: 1 inside, 0 outside, a ramp about one voxel wide at the edge. */
export function ellipsoid(p: readonly number[], centre: readonly number[], radii: readonly number[]): number {
  let q = 0;
  for (let d = 0; d < p.length; d++) q += ((p[d]! - centre[d]!) / radii[d]!) ** 2;
  const r = Math.sqrt(q);
  // Distance outside the surface in voxels, approximated with the mean radius.
  const mean = radii.reduce((a, b) => a + b, 0) / radii.length;
  return clamp01(0.5 - (r - 1) * mean);
}

/**
 * A lumpy radius factor in [1 − amp, 1 + amp] for a direction: a few random low-order harmonics, so
 * tumours and lesions are not perfect spheres.
 */
export function lumpy(random: Random, amp: number): (dx: number, dy: number, dz: number) => number {
  const waves = Array.from({ length: 3 }, () => ({ a: random.uniform(-1, 1), b: random.uniform(-1, 1), c: random.uniform(-1, 1), phase: random.uniform(0, 6.283), k: 1 + random.int(3) }));
  return (dx, dy, dz) => {
    const n = Math.hypot(dx, dy, dz) || 1;
    let s = 0;
    for (const w of waves) s += Math.sin(w.k * ((w.a * dx + w.b * dy + w.c * dz) / n) * 3 + w.phase);
    return 1 + (amp * s) / waves.length;
  };
}

/** Calls `visit(index, z, y, x)` for every voxel of a size³ cube, in storage order. */
export function forEachVoxel(size: number, visit: (index: number, z: number, y: number, x: number) => void): void {
  let i = 0;
  for (let z = 0; z < size; z++) for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) visit(i++, z, y, x);
}

/** Ids `prefix-001`, … padded to the count's width. */
export function caseId(prefix: string, i: number, count: number): string {
  return `${prefix}-${String(i + 1).padStart(String(count).length, '0')}`;
}
