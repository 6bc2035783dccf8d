/**
 * Voxel-grid helpers shared by the segmentation, dose and detection metrics: index arithmetic, neighbour
 * structures, binary erosion, connected components, the exact Euclidean distance transform and the
 * percentile. Grids are stored as `Volume` data is: the first axis fastest (`data[i + ni * (j + nj * k)]`).
 */

/** A grid's size per axis (first axis fastest) and its voxel spacing in millimetres (1 when omitted). */
export interface Grid {
  shape: number[];
  spacing?: number[];
}

export function voxelCount(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Neighbour offsets of SciPy's `generate_binary_structure(ndim, connectivity)`, centre left out: offsets in
 * {-1, 0, 1}^ndim whose number of non-zero entries is at most `connectivity`. In 3D: 1 → 6 faces,
 * 2 → 18 (faces + edges, autoPET's lesions), 3 → 26 (full).
 */
export function neighbourOffsets(ndim: number, connectivity: number): number[][] {
  const out: number[][] = [];
  const total = 3 ** ndim;
  for (let code = 0; code < total; code++) {
    const off: number[] = [];
    let c = code;
    for (let d = 0; d < ndim; d++) {
      off.push((c % 3) - 1);
      c = Math.floor(c / 3);
    }
    const nonZero = off.filter((o) => o !== 0).length;
    if (nonZero > 0 && nonZero <= connectivity) out.push(off);
  }
  return out;
}

/** Calls `visit(index, coords)` for every voxel in storage order; `coords` is reused, do not keep it. */
function forEachVoxel(shape: number[], visit: (index: number, coords: number[]) => void): void {
  const n = voxelCount(shape);
  const coords = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    visit(i, coords);
    for (let d = 0; d < shape.length; d++) {
      if (++coords[d]! < shape[d]!) break;
      coords[d] = 0;
    }
  }
}

function strides(shape: number[]): number[] {
  const s: number[] = [];
  let acc = 1;
  for (const n of shape) {
    s.push(acc);
    acc *= n;
  }
  return s;
}

/** A 0/1 copy of a mask: values above 0.5 are inside. */
export function binarise(values: ArrayLike<number>, test: (v: number) => boolean = (v) => v > 0.5): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = test(values[i]!) ? 1 : 0;
  return out;
}

/**
 * One iteration of binary erosion, as SciPy's `binary_erosion(mask, structure, border_value=0)`: a voxel
 * stays inside when it and every neighbour of the structure are inside; outside the grid counts as outside.
 */
export function erode(mask: Uint8Array, shape: number[], connectivity: number): Uint8Array {
  const offs = neighbourOffsets(shape.length, connectivity);
  const st = strides(shape);
  const deltas = offs.map((o) => o.reduce((a, v, d) => a + v * st[d]!, 0));
  const out = new Uint8Array(mask.length);
  forEachVoxel(shape, (i, c) => {
    if (!mask[i]) return;
    for (let k = 0; k < offs.length; k++) {
      const o = offs[k]!;
      for (let d = 0; d < o.length; d++) {
        const x = c[d]! + o[d]!;
        if (x < 0 || x >= shape[d]!) return;
      }
      if (!mask[i + deltas[k]!]) return;
    }
    out[i] = 1;
  });
  return out;
}

/** The surface of a mask: its voxels that erosion removes (MedPy's `result ^ binary_erosion(result)`). */
export function surface(mask: Uint8Array, shape: number[], connectivity: number): Uint8Array {
  const inner = erode(mask, shape, connectivity);
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = mask[i]! & (inner[i]! ^ 1);
  return out;
}

/**
 * Connected components of a mask, as `scipy.ndimage.label(mask, generate_binary_structure(ndim, connectivity))`
 * (and cc3d): labels 1..count in order of each component's first voxel in storage order, 0 outside.
 */
export function components(mask: Uint8Array, shape: number[], connectivity: number): { labels: Int32Array; count: number; sizes: number[] } {
  const offs = neighbourOffsets(shape.length, connectivity);
  const st = strides(shape);
  const labels = new Int32Array(mask.length);
  const sizes: number[] = [0];
  const stack: number[] = [];
  const coordsOf = (index: number, into: number[]) => {
    let r = index;
    for (let d = 0; d < shape.length; d++) {
      into[d] = r % shape[d]!;
      r = Math.floor(r / shape[d]!);
    }
  };
  const c = new Array<number>(shape.length);
  let count = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    count++;
    let size = 0;
    labels[start] = count;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      coordsOf(i, c);
      for (const o of offs) {
        let j = i;
        let inside = true;
        for (let d = 0; d < o.length; d++) {
          const x = c[d]! + o[d]!;
          if (x < 0 || x >= shape[d]!) {
            inside = false;
            break;
          }
          j += o[d]! * st[d]!;
        }
        if (inside && mask[j] && !labels[j]) {
          labels[j] = count;
          stack.push(j);
        }
      }
    }
    sizes.push(size);
  }
  return { labels, count, sizes };
}

/** One line of the squared distance transform (Felzenszwalb & Huttenlocher's lower envelope of parabolas). */
function edtLine(f: Float64Array, n: number, step: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (!Number.isFinite(f[q]!)) continue;
    const pq = q * step;
    let x = -Infinity;
    while (k >= 0) {
      const pr = v[k]! * step;
      x = (f[q]! + pq * pq - (f[v[k]!]! + pr * pr)) / (2 * (pq - pr));
      if (x <= z[k]!) k--;
      else break;
    }
    if (k < 0) x = -Infinity;
    k++;
    v[k] = q;
    z[k] = x;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(Infinity, 0, n);
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    const pq = q * step;
    while (z[j + 1]! < pq) j++;
    const d = pq - v[j]! * step;
    out[q] = d * d + f[v[j]!]!;
  }
}

/**
 * Exact Euclidean distance (mm, using the spacing) from every voxel to the nearest voxel of `features`;
 * Infinity everywhere when there is none. The same values as SciPy's `distance_transform_edt(~features, sampling)`.
 */
export function distanceTo(features: Uint8Array, grid: Grid): Float64Array {
  const { shape } = grid;
  const spacing = grid.spacing ?? shape.map(() => 1);
  const st = strides(shape);
  const n = features.length;
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = features[i] ? 0 : Infinity;
  const longest = Math.max(...shape);
  const f = new Float64Array(longest);
  const out = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  for (let axis = 0; axis < shape.length; axis++) {
    const len = shape[axis]!;
    const stride = st[axis]!;
    // Every line along `axis` starts at an index whose coordinate on `axis` is 0.
    for (let base = 0; base < n; base++) {
      if (Math.floor(base / stride) % len !== 0) continue;
      for (let q = 0; q < len; q++) f[q] = d2[base + q * stride]!;
      edtLine(f, len, spacing[axis]!, out, v, z);
      for (let q = 0; q < len; q++) d2[base + q * stride] = out[q]!;
    }
  }
  for (let i = 0; i < n; i++) d2[i] = Math.sqrt(d2[i]!);
  return d2;
}

/** The q-th percentile (0–100) with linear interpolation between order statistics, as NumPy's default. */
export function percentile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}
