/**
 * The radiological layout on real scans: the Colin27 brain (NIfTI, RAS) and DICOM CT and MR (LPS
 * geometry, converted to RAS by the reader). Anatomy that needs no reference says which way is up
 * (the face is anterior, the brain is superior of the neck), and `orientation-expected.json`, written
 * by `scripts/oracles/orientation.py` with nibabel's `as_closest_canonical` and pydicom, gives the mean grey of
 * every row and column of each plane as a radiological viewer draws it.
 * With JIMU_ORIENT_PNG=<folder> the planes are written there as PNG files to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDicom } from '../dicom/read-dicom';
import { readDicomSeries } from '../dicom/series';
import { readNifti } from '../nifti/read-nifti';
import { volumeStats, type Volume } from '../volume';
import { middleSlice, PLANES, planeAxes, planeLetters, planePixels, planeShape, planeVoxel, type Plane } from './pixels';

const bytes = (url: URL) => new Uint8Array(readFileSync(url));
const fixture = (name: string) => bytes(new URL(`../fixtures/medical/${name}`, import.meta.url));
/** Colin27's axial slice through the eyes (z = −71 + 2 k mm in MNI space: −39 mm, the middle of the orbits). */
const EYES = 16;
const colin = () => readNifti(bytes(new URL('../../../public/samples/colin27-t1-2mm.nii.gz', import.meta.url)));

interface Expected {
  [scan: string]: { [plane: string]: { slice: number; width: number; height: number; rows: number[]; cols: number[]; letters: { left: string; right: string; top: string; bottom: string } } };
}
const expected = JSON.parse(readFileSync(new URL('./orientation-expected.json', import.meta.url), 'utf8')) as Expected;

interface Drawn {
  width: number;
  height: number;
  grey: (x: number, y: number) => number;
}

/** A plane as the viewer draws it, at the slice the viewer opens on (the middle one) unless given. */
function draw(v: Volume, plane: Plane, slice?: number): Drawn & { letters: ReturnType<typeof planeLetters>; slice: number } {
  const axes = planeAxes(plane, v.affine);
  const s = volumeStats(v.data);
  const k = slice ?? middleSlice(planeShape(v.shape, axes).depth);
  const { width, height, pixels } = planePixels(v, null, axes, k, s.min, s.max);
  return { width, height, grey: (x, y) => pixels[4 * (x + width * y)]!, letters: planeLetters(axes, v.affine), slice: k };
}

/** Mean grey of rows y0 … y1 − 1 (fractions of the height) over columns x0 … x1 − 1 (fractions of the width). */
function mean(d: Drawn, [x0, x1]: [number, number], [y0, y1]: [number, number]): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.round(y0 * d.height); y < Math.round(y1 * d.height); y++) {
    for (let x = Math.round(x0 * d.width); x < Math.round(x1 * d.width); x++) {
      sum += d.grey(x, y);
      n++;
    }
  }
  return sum / n;
}

/** The mean grey of every row (top first) and of every column (left first). */
function profiles(d: Drawn): { rows: number[]; cols: number[] } {
  const rows = new Array<number>(d.height).fill(0);
  const cols = new Array<number>(d.width).fill(0);
  for (let y = 0; y < d.height; y++) {
    for (let x = 0; x < d.width; x++) {
      rows[y]! += d.grey(x, y) / d.width;
      cols[x]! += d.grey(x, y) / d.height;
    }
  }
  return { rows, cols };
}

// ---- PNG output, for looking at the planes (JIMU_ORIENT_PNG) ----
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
/** A grey PNG of a drawn plane, each voxel `scale` × `scale` pixels. */
function png(d: Drawn, scale: number): Uint8Array {
  const [w, h] = [d.width * scale, d.height * scale];
  const raw = new Uint8Array((w + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = d.grey(Math.floor(x / scale), Math.floor(y / scale));
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function save(name: string, d: ReturnType<typeof draw>, scale = 3): void {
  const dir = process.env.JIMU_ORIENT_PNG;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const l = d.letters;
  writeFileSync(`${dir}/${name}${l ? `-top${l.top}-left${l.left}` : ''}.png`, png(d, scale));
}

/** The scans, read by Jimu's own readers. */
const scans: Record<string, () => Promise<Volume>> = {
  colin27: async () => colin(),
  ct_small: () => readDicom(fixture('CT_small.dcm')),
  mr_small: () => readDicom(fixture('MR_small.dcm')),
  series_mr: () => readDicomSeries(['series_mr_0.dcm', 'series_mr_1.dcm'].map((name) => ({ name, bytes: fixture(name) }))),
};

/**
 * The same scan stored in another voxel order: new voxel axis b is old axis `perm[b]`, reversed where
 * `flip[b]`; the affine is changed to match, so every voxel keeps its place in the patient.
 */
function reorient(v: Volume, perm: readonly number[], flip: readonly boolean[]): Volume {
  const n = perm.map((a) => v.shape[a]!);
  const [oi, oj] = [v.shape[0]!, v.shape[1]!];
  const data = new Float32Array(v.data.length);
  const old = [0, 0, 0];
  for (let k = 0; k < n[2]!; k++) {
    for (let j = 0; j < n[1]!; j++) {
      for (let i = 0; i < n[0]!; i++) {
        [i, j, k].forEach((x, b) => (old[perm[b]!] = flip[b] ? n[b]! - 1 - x : x));
        data[i + n[0]! * (j + n[1]! * k)] = v.data[old[0]! + oi * (old[1]! + oj * old[2]!)]!;
      }
    }
  }
  const affine = v.affine.map((row, r) =>
    r === 3 ? [...row] : [...perm.map((a, b) => (flip[b] ? -row[a]! : row[a]!)), row[3]! + perm.reduce((t, a, b) => t + (flip[b] ? row[a]! * (n[b]! - 1) : 0), 0)],
  );
  return { ...v, data, shape: n, spacing: perm.map((a) => v.spacing[a]!), affine };
}

/** An affine turned by `deg` degrees about world axis `axis` (the voxels stay as they are). */
function rotated(affine: number[][], axis: number, deg: number): number[][] {
  const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  const [p, q] = [0, 1, 2].filter((a) => a !== axis) as [number, number];
  const R: number[][] = [0, 1, 2].map((r) => [0, 1, 2].map((col) => (r === col ? 1 : 0)));
  [R[p]![p], R[p]![q], R[q]![p], R[q]![q]] = [c, -s, s, c];
  return affine.map((row, r) => (r === 3 ? [...row] : [0, 1, 2, 3].map((col) => (col === 3 ? row[3]! : [0, 1, 2].reduce((t, m) => t + R[r]![m]! * affine[m]![col]!, 0)))));
}

describe('radiological planes of real scans', () => {
  it('Colin27: superior at the top of the coronal and sagittal planes (air above the skull, the neck below)', () => {
    for (const plane of ['coronal', 'sagittal'] as const) {
      const d = draw(colin(), plane);
      expect(d.letters).toMatchObject({ top: 'S', bottom: 'I' });
      expect(mean(d, [0, 1], [0.9, 1])).toBeGreaterThan(3 * mean(d, [0, 1], [0, 0.1]));
    }
  });

  it('Colin27: anterior at the top of the axial plane — at eye level the fat of the orbits and face, brightest in T1, is in the top third', () => {
    const d = draw(colin(), 'axial', EYES);
    expect(d.letters).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    const grey = Array.from({ length: d.width * d.height }, (_, p) => d.grey(p % d.width, Math.floor(p / d.width)));
    const cut = [...grey].sort((a, b) => b - a)[Math.floor(grey.length / 50)]!; // the brightest 2 %
    const rows = grey.flatMap((g, p) => (g >= cut ? [Math.floor(p / d.width) / d.height] : []));
    expect(rows.reduce((a, b) => a + b, 0) / rows.length).toBeLessThan(1 / 3);
  });

  it('Colin27: anterior on the left of the sagittal plane — the face reaches the front of the field of view, the back of the head does not', () => {
    const d = draw(colin(), 'sagittal');
    expect(d.letters).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
    // Over the lower half: how many columns of air lie between the head and each edge.
    let [front, back] = [d.width, d.width];
    for (let y = Math.floor(d.height / 2); y < d.height; y++) {
      const lit = Array.from({ length: d.width }, (_, x) => d.grey(x, y) > 30);
      front = Math.min(front, lit.indexOf(true));
      back = Math.min(back, d.width - 1 - lit.lastIndexOf(true));
    }
    expect(front).toBeLessThan(back);
  });

  it("CT_small (DICOM, LPS): anterior at the top — the lungs' air beside and in front of the spine — and the descending aorta on the patient's left, the screen's right", async () => {
    const d = draw(await readDicom(fixture('CT_small.dcm')), 'axial');
    expect(d.letters).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    const air: number[] = [];
    for (let y = 0; y < d.height; y++) for (let x = 0; x < d.width; x++) if (d.grey(x, y) < 20) air.push(y / d.height);
    expect(air.reduce((a, b) => a + b, 0) / air.length).toBeLessThan(0.4);
    // The aorta: a bright disc in the top-right corner; lung (dark) in the same place on the other side.
    expect(mean(d, [0.7, 0.95], [0, 0.2])).toBeGreaterThan(mean(d, [0.05, 0.3], [0, 0.2]) + 40);
  });

  it.each(Object.keys(scans))('%s: each plane matches nibabel/pydicom drawn radiologically, row by row and column by column', async (name) => {
    const v = await scans[name]!();
    const want = expected[name]!;
    expect(Object.keys(want).length).toBeGreaterThan(0);
    for (const [plane, e] of Object.entries(want)) {
      const d = draw(v, plane as Plane, e.slice);
      expect([d.width, d.height, d.letters]).toEqual([e.width, e.height, e.letters]);
      const got = profiles(d);
      const close = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
      expect(close(got.rows, e.rows)).toBeLessThan(0.05);
      expect(close(got.cols, e.cols)).toBeLessThan(0.05);
      // The check has teeth: the mirrored picture does not pass (unless the plane is symmetric along that axis).
      if (close(e.cols, [...e.cols].reverse()) > 0.5) expect(close(got.cols, [...e.cols].reverse())).toBeGreaterThan(0.5);
      if (close(e.rows, [...e.rows].reverse()) > 0.5) expect(close(got.rows, [...e.rows].reverse())).toBeGreaterThan(0.5);
    }
  });

  it('Colin27 stored as DICOM would store it (LPS), acquired sagittally, coronally, or tilted 30°: the same pictures and letters', () => {
    const ras = colin();
    type Variant = [string, Volume, perm: number[], flip: boolean[]];
    const variant = (what: string, perm: number[], flip: boolean[], tilt?: [axis: number, deg: number]): Variant => {
      const v = reorient(ras, perm, flip);
      return [what, tilt ? { ...v, affine: rotated(v.affine, ...tilt) } : v, perm, flip];
    };
    const variants: Variant[] = [
      variant('LPS (DICOM axial)', [0, 1, 2], [true, true, false]),
      variant('sagittal acquisition (PIR: i posterior, j inferior, k right)', [1, 2, 0], [true, true, false]),
      variant('coronal acquisition (LIP), slices from the back', [0, 2, 1], [true, true, true]),
      variant('oblique: 30° about the superior axis', [0, 1, 2], [false, false, false], [2, 30]),
      variant('oblique sagittal: PIR tilted 30° about the right–left axis', [1, 2, 0], [true, true, false], [0, -30]),
    ];
    for (const plane of PLANES) {
      const want = draw(ras, plane);
      // The voxel in the RAS picture's top-left corner, and its index in each variant's voxel order.
      const voxel = planeVoxel(ras.shape, planeAxes(plane, ras.affine), want.slice, 0, 0);
      for (const [what, v, perm, flip] of variants) {
        const at = perm.map((a, b) => (flip[b] ? ras.shape[a]! - 1 - voxel[a]! : voxel[a]!));
        const axes = planeAxes(plane, v.affine);
        const d = draw(v, plane, at[axes.through]);
        expect(planeVoxel(v.shape, axes, d.slice, 0, 0), `${what}, ${plane}`).toEqual(at);
        expect([d.width, d.height, d.letters], `${what}, ${plane}`).toEqual([want.width, want.height, want.letters]);
        const differ = Array.from({ length: d.width * d.height }).filter((_, p) => d.grey(p % d.width, Math.floor(p / d.width)) !== want.grey(p % d.width, Math.floor(p / d.width)));
        expect(differ.length, `${what}, ${plane}`).toBe(0);
      }
    }
  });

  it.runIf(process.env.JIMU_ORIENT_PNG)('writes the planes as PNG files to look at (JIMU_ORIENT_PNG=<folder>)', async () => {
    for (const [name, read] of Object.entries(scans)) {
      const v = await read();
      for (const plane of PLANES) if (planeShape(v.shape, planeAxes(plane, v.affine)).height > 2) save(`${name}-${plane}`, draw(v, plane), name === 'colin27' ? 3 : 2);
    }
    save('colin27-axial-eyes', draw(colin(), 'axial', EYES));
  });
});
