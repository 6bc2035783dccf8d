import { describe, expect, it } from 'vitest';
import { rasAffine } from '../dicom/read-dicom';
import { channelVolume, displayRange, imagePixels, MASK_PALETTE, middleSlice, PLANES, planeAxes, planeLetters, planePixels, planeScreenSize, planeShape, planeVoxel, slicePixels, worldAxes, type Plane } from './pixels';

/** Bytes as a canvas stores them (rounded, clamped to 0–255). */
const u8 = (...v: number[]) => Array.from(Uint8ClampedArray.from(v));
const rgba = (p: Uint8ClampedArray) => Array.from({ length: p.length / 4 }, (_, i) => Array.from(p.slice(4 * i, 4 * i + 4)));

describe('middleSlice and displayRange', () => {
  it.each([
    [1, 0],
    [2, 1],
    [24, 12],
    [25, 12],
    [0, 0],
  ])('middle of %i slices is %i', (depth, k) => expect(middleSlice(depth)).toBe(k));

  it.each([
    [0, 1, { min: 0, max: 1 }],
    [5, 5, { min: 5, max: 6 }],
    [NaN, 3, { min: 0, max: 1 }],
  ])('range %d … %d', (min, max, range) => expect(displayRange(min, max)).toEqual(range));
});

describe('slicePixels', () => {
  // A 2 × 2 × 2 volume (i fastest): slice 1 holds 4, 5, 6, 7.
  const volume = { data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), shape: [2, 2, 2] };

  it('shows slice k in grey from min to max, rows flipped (j = 0 at the bottom)', () => {
    expect(rgba(slicePixels(volume, null, 1, 4, 8))).toEqual([
      u8(127.5, 127.5, 127.5, 255), // j = 1 on the top row
      u8(191.25, 191.25, 191.25, 255),
      u8(0, 0, 0, 255),
      u8(63.75, 63.75, 63.75, 255),
    ]);
  });

  it('blends a mask in red by default, as the datasets viewer always did, and by class with a palette', () => {
    const mask = { data: Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 2]) };
    const red = rgba(slicePixels(volume, mask, 1, 4, 8));
    expect(red[2]).toEqual(u8(127, 0, 0, 255)); // value 0 at (0, 0) under the mask: half grey, half red
    expect(red[1]).toEqual(u8(0.5 * 191.25 + 127, 0.5 * 191.25, 0.5 * 191.25, 255)); // class 2 is red too without a palette
    const classes = rgba(slicePixels(volume, mask, 1, 4, 8, MASK_PALETTE));
    const [r, g, b] = MASK_PALETTE[1]!;
    expect(classes[1]).toEqual(u8(0.5 * 191.25 + 0.5 * r, 0.5 * 191.25 + 0.5 * g, 0.5 * 191.25 + 0.5 * b, 255));
  });

  it('clamps k into the volume', () => {
    expect(slicePixels(volume, null, 9, 0, 7)).toEqual(slicePixels(volume, null, 1, 0, 7));
  });
});

describe('channelVolume', () => {
  it('takes one channel of [D, H, W, C] as a volume of shape [W, H, D], x fastest', () => {
    // D = 2, H = 1, W = 2, C = 2: value = 100 z + 10 x + c.
    const image = Float32Array.from([0, 1, 10, 11, 100, 101, 110, 111]);
    expect(channelVolume(image, [2, 1, 2, 2], 1)).toEqual({ data: Float32Array.from([1, 11, 101, 111]), shape: [2, 1, 2], spacing: [1, 1, 1] });
  });
});

describe('imagePixels', () => {
  it('draws RGB in colour, row 0 at the top', () => {
    const image = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]); // [2, 2, 3]
    expect(rgba(imagePixels(image, [2, 2, 3], 'rgb', 0, 1))).toEqual([
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 255],
      [255, 255, 255, 255],
    ]);
  });

  it('draws one channel in grey, with a mask in its class colour', () => {
    const image = Float32Array.from([0, 9, 2, 9]); // [1, 2, 2]: channel 0 is 0, 2
    expect(rgba(imagePixels(image, [1, 2, 2], 0, 0, 2, [0, 1]))).toEqual([
      [0, 0, 0, 255],
      u8(127.5 + 0.5 * MASK_PALETTE[0]![0], 127.5 + 0.5 * MASK_PALETTE[0]![1], 127.5 + 0.5 * MASK_PALETTE[0]![2], 255),
    ]);
  });
});

describe('planes', () => {
  // A 2 × 3 × 4 volume (i fastest) whose value is its own index, i + 2 j + 6 k: every voxel tells where it came from.
  const volume = { data: Float32Array.from({ length: 24 }, (_, v) => v), shape: [2, 3, 4] };
  /** The grey values row by row, top row first. */
  const rows = (r: { width: number; height: number; pixels: Uint8ClampedArray }) => Array.from({ length: r.height }, (_, y) => Array.from({ length: r.width }, (_, x) => r.pixels[4 * (x + r.width * y)]!));
  const draw = (plane: 'axial' | 'coronal' | 'sagittal', k: number) => rows(planePixels(volume, null, planeAxes(plane), k, 0, 255));

  it('axial: slice k, i to the right, j upwards — as slicePixels always drew it', () => {
    expect(draw('axial', 1)).toEqual([
      [10, 11],
      [8, 9],
      [6, 7],
    ]);
    expect(planePixels(volume, null, planeAxes('axial'), 2, 0, 30).pixels).toEqual(slicePixels(volume, null, 2, 0, 30));
  });

  it('coronal: slice j, i to the right, k upwards', () => {
    expect(draw('coronal', 1)).toEqual([
      [20, 21],
      [14, 15],
      [8, 9],
      [2, 3],
    ]);
  });

  it('sagittal: slice i, j to the right, k upwards', () => {
    expect(draw('sagittal', 1)).toEqual([
      [19, 21, 23],
      [13, 15, 17],
      [7, 9, 11],
      [1, 3, 5],
    ]);
  });

  it('clamps the slice into the plane and blends a mask at the same voxels', () => {
    expect(draw('sagittal', 7)).toEqual(draw('sagittal', 1));
    const mask = { data: Uint8Array.from({ length: 24 }, (_, v) => (v === 9 ? 1 : 0)) }; // i = 1, j = 1, k = 1
    const px = planePixels(volume, mask, planeAxes('coronal'), 1, 0, 255).pixels;
    const red = Array.from({ length: 8 }, (_, p) => px[4 * p]! > px[4 * p + 1]!);
    expect(red).toEqual([false, false, false, false, false, true, false, false]); // row k = 1 (third from the top), i = 1
  });

  it('draws each plane at the physical aspect of its voxels', () => {
    const spacing = [1, 1, 3];
    expect(planeScreenSize(volume.shape, spacing, planeAxes('axial'), 90)).toEqual({ width: 60, height: 90 });
    expect(planeScreenSize(volume.shape, spacing, planeAxes('coronal'), 120)).toEqual({ width: 20, height: 120 });
    expect(planeScreenSize(volume.shape, spacing, planeAxes('sagittal'), 120)).toEqual({ width: 30, height: 120 });
  });

  it('names the sides from the affine, and none without one', () => {
    const lasLike = [[-2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 0], [0, 0, 0, 1]]; // i towards the left, j anterior, k superior
    expect(planeLetters(planeAxes('axial', lasLike), lasLike)).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(planeLetters(planeAxes('coronal', lasLike), lasLike)).toEqual({ left: 'R', right: 'L', top: 'S', bottom: 'I' });
    expect(planeLetters(planeAxes('sagittal', lasLike), lasLike)).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
    expect(planeLetters(planeAxes('axial'), undefined)).toBeNull();
    expect(planeLetters(planeAxes('axial'), [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]])).toBeNull();
    // Letters follow the flips of whatever axes they are given (a caller's own layout included).
    expect(planeLetters({ across: 0, up: 1, through: 2 }, lasLike)).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(planeLetters({ across: 0, up: 1, through: 2, flipAcross: true, flipUp: true }, lasLike)).toEqual({ left: 'L', right: 'R', top: 'P', bottom: 'A' });
  });

  it('finds the true planes of a scan acquired sagittally', () => {
    // i runs anterior, j inferior (rows top to bottom), k to the right (the slices).
    const sagittal = [[0, 0, 1.5, 0], [1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 0, 1]];
    expect(worldAxes(sagittal)).toEqual([1, 2, 0]);
    expect(planeAxes('sagittal', sagittal)).toEqual({ across: 0, up: 1, through: 2, flipAcross: true, flipUp: true });
    expect(planeAxes('axial', sagittal)).toEqual({ across: 2, up: 0, through: 1, flipAcross: true, flipUp: false });
    expect(planeLetters(planeAxes('sagittal', sagittal), sagittal)).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
    // A slightly oblique affine still pairs each axis with its nearest world axis.
    expect(worldAxes([[0.1, 0, 0.98, 0], [0.99, 0.05, 0, 0], [0, -1, 0.1, 0], [0, 0, 0, 1]])).toEqual([1, 2, 0]);
  });

  it('without an affine draws every plane as before: indices growing rightwards and upwards', () => {
    expect(planeAxes('axial')).toEqual({ across: 0, up: 1, through: 2, flipAcross: false, flipUp: false });
    expect(planeAxes('coronal', null)).toEqual({ across: 0, up: 2, through: 1, flipAcross: false, flipUp: false });
    expect(planeAxes('sagittal', [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]])).toEqual({ across: 1, up: 2, through: 0, flipAcross: false, flipUp: false });
  });
});

describe('radiological convention', () => {
  // A 3 × 4 × 5 volume whose value is its own index, i + 3 j + 12 k.
  const shape = [3, 4, 5];
  const volume = { data: Float32Array.from({ length: 60 }, (_, v) => v), shape };
  const index = ([i, j, k]: readonly number[]) => i! + 3 * j! + 12 * k!;
  /** The voxel drawn in the top-left pixel of slice `slice`, read back from the pixels themselves. */
  const topLeft = (plane: Plane, affine: number[][] | undefined, slice: number) => {
    const axes = planeAxes(plane, affine);
    const grey = planePixels(volume, null, axes, slice, 0, 255).pixels[0]!;
    const voxel = planeVoxel(shape, axes, slice, 0, 0);
    expect(grey).toBe(index(voxel));
    return voxel;
  };
  const letters = (plane: Plane, affine: number[][]) => planeLetters(planeAxes(plane, affine), affine);
  const diag = (x: number, y: number, z: number) => [[x, 0, 0, 0], [0, y, 0, 0], [0, 0, z, 0], [0, 0, 0, 1]];
  const AXIAL = { left: 'R', right: 'L', top: 'A', bottom: 'P' };
  const CORONAL = { left: 'R', right: 'L', top: 'S', bottom: 'I' };
  const SAGITTAL = { left: 'A', right: 'P', top: 'S', bottom: 'I' };

  it('RAS identity (NIfTI as nibabel gives it): i flipped so the patient\'s right is on the left', () => {
    const ras = diag(1, 1, 1);
    expect(planeAxes('axial', ras)).toEqual({ across: 0, up: 1, through: 2, flipAcross: true, flipUp: false });
    expect(topLeft('axial', ras, 2)).toEqual([2, 3, 2]); // rightmost i (patient's right), most anterior j
    expect(topLeft('coronal', ras, 1)).toEqual([2, 1, 4]); // patient's right, most superior k
    expect(topLeft('sagittal', ras, 0)).toEqual([0, 3, 4]); // most anterior j on the left, most superior k
    expect(letters('axial', ras)).toEqual(AXIAL);
    expect(letters('coronal', ras)).toEqual(CORONAL);
    expect(letters('sagittal', ras)).toEqual(SAGITTAL);
  });

  it('DICOM axial (LPS, converted to RAS by the reader): drawn as stored, row 0 at the top, column 0 on the left', () => {
    // ImageOrientationPatient 1\0\0\0\1\0: columns towards the patient's left, rows towards posterior.
    const g = { row: [1, 0, 0], col: [0, 1, 0], normal: [0, 0, 1], positions: [[0, 0, 0]], pixelSpacing: [0.5, 0.5] as [number, number], sliceSpacing: 3 };
    const lps = rasAffine(g, [0, 0, 0], [0, 0, 3]);
    expect(lps.map((r) => r.map((v) => v + 0))).toEqual(diag(-0.5, -0.5, 3));
    expect(planeAxes('axial', lps)).toEqual({ across: 0, up: 1, through: 2, flipAcross: false, flipUp: true });
    expect(topLeft('axial', lps, 3)).toEqual([0, 0, 3]);
    expect(topLeft('coronal', lps, 2)).toEqual([0, 2, 4]);
    expect(topLeft('sagittal', lps, 1)).toEqual([1, 0, 4]); // row 0 is anterior
    expect(letters('axial', lps)).toEqual(AXIAL);
    expect(letters('coronal', lps)).toEqual(CORONAL);
    expect(letters('sagittal', lps)).toEqual(SAGITTAL);
  });

  it('a flipped axis (slices from head to feet) is flipped back', () => {
    const down = diag(1, 1, -2);
    expect(planeAxes('coronal', down)).toEqual({ across: 0, up: 2, through: 1, flipAcross: true, flipUp: true });
    expect(topLeft('coronal', down, 0)).toEqual([2, 0, 0]); // k = 0 is the most superior slice
    expect(topLeft('sagittal', down, 0)).toEqual([0, 3, 0]);
    expect(topLeft('axial', down, 0)).toEqual([2, 3, 0]); // axial unchanged
    expect(letters('coronal', down)).toEqual(CORONAL);
    expect(letters('sagittal', down)).toEqual(SAGITTAL);
  });

  it('a DICOM sagittal acquisition: its own slices as stored, and true axial and coronal planes', () => {
    // IOP 0\1\0\0\0\-1: columns towards posterior, rows towards inferior; slices towards the patient's right.
    const g = { row: [0, 1, 0], col: [0, 0, -1], normal: [-1, 0, 0], positions: [[0, 0, 0]], pixelSpacing: [1, 1] as [number, number], sliceSpacing: 1 };
    const sag = rasAffine(g, [0, 0, 0], [-1, 0, 0]).map((r) => r.map((v) => v + 0));
    expect(sag).toEqual([[0, 0, 1, 0], [-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 0, 1]]);
    expect(planeAxes('sagittal', sag)).toEqual({ across: 0, up: 1, through: 2, flipAcross: false, flipUp: true });
    expect(topLeft('sagittal', sag, 2)).toEqual([0, 0, 2]); // as the scanner stored the slice
    expect(planeAxes('axial', sag)).toEqual({ across: 2, up: 0, through: 1, flipAcross: true, flipUp: true });
    expect(topLeft('axial', sag, 1)).toEqual([0, 1, 4]); // most anterior column, the slice furthest right
    expect(topLeft('coronal', sag, 1)).toEqual([1, 0, 4]);
    expect(letters('axial', sag)).toEqual(AXIAL);
    expect(letters('coronal', sag)).toEqual(CORONAL);
    expect(letters('sagittal', sag)).toEqual(SAGITTAL);
  });

  it('an oblique scan (30° about each axis in turn) is shown along its nearest axes', () => {
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    // 30° about z, anisotropic voxels (0.8 × 0.8 × 4 mm): i still nearest +x, j nearest +y.
    const aboutZ = [[0.8 * c, -0.8 * s, 0, 10], [0.8 * s, 0.8 * c, 0, -20], [0, 0, 4, 5], [0, 0, 0, 1]];
    expect(worldAxes(aboutZ)).toEqual([0, 1, 2]);
    expect(topLeft('axial', aboutZ, 0)).toEqual([2, 3, 0]);
    expect(letters('axial', aboutZ)).toEqual(AXIAL);
    // 30° about x of an LPS-style scan: j (rows, towards posterior) tilted towards superior, k towards anterior.
    const aboutX = [[-1, 0, 0, 0], [0, -c, -3 * s, 0], [0, s, -3 * c, 0], [0, 0, 0, 1]];
    expect(worldAxes(aboutX)).toEqual([0, 1, 2]);
    expect(planeAxes('axial', aboutX)).toEqual({ across: 0, up: 1, through: 2, flipAcross: false, flipUp: true });
    expect(topLeft('coronal', aboutX, 0)).toEqual([0, 0, 0]); // k runs inferior: k = 0 at the top
    expect(letters('coronal', aboutX)).toEqual(CORONAL);
    // 30° about y of a sagittal acquisition.
    const aboutY = [[s, 0, c, 0], [0, -1, 0, 0], [c, 0, -s, 0], [0, 0, 0, 1]];
    expect(worldAxes(aboutY)).toEqual([2, 1, 0]);
    expect(letters('sagittal', aboutY)).toEqual(SAGITTAL);
    expect(topLeft('sagittal', aboutY, 0)).toEqual([2, 0, 0]);
  });

  /** Every axis-aligned orientation: the 6 pairings of voxel and world axes times the 8 choices of signs. */
  const orientations: number[][][] = [];
  for (const perm of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
    for (let signs = 0; signs < 8; signs++) {
      const m = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]];
      perm.forEach((w, a) => (m[w]![a] = (signs >> a) & 1 ? -(a + 1) : a + 1));
      orientations.push(m);
    }
  }
  /** RAS+ position of a voxel. */
  const world = (m: number[][], v: readonly number[]) => [0, 1, 2].map((r) => m[r]![0]! * v[0]! + m[r]![1]! * v[1]! + m[r]![2]! * v[2]! + m[r]![3]!);
  const toward: Record<string, [number, number]> = { R: [0, 1], L: [0, -1], A: [1, 1], P: [1, -1], S: [2, 1], I: [2, -1] };

  it.each(PLANES)('%s: in all 48 axis-aligned orientations the letters are the radiological ones and say where the pixels are', (plane) => {
    const expected = { axial: AXIAL, coronal: CORONAL, sagittal: SAGITTAL }[plane];
    for (const m of orientations) {
      const axes = planeAxes(plane, m);
      const l = planeLetters(axes, m)!;
      expect(l).toEqual(expected);
      const { width, height } = planeShape(shape, axes);
      const at = (x: number, y: number) => world(m, planeVoxel(shape, axes, 1, x, y));
      // Moving right on screen moves towards the right-hand letter; moving up, towards the top letter.
      const [ra, rs] = toward[l.right]!;
      expect(Math.sign(at(width - 1, 0)[ra]! - at(0, 0)[ra]!)).toBe(rs);
      const [ta, ts] = toward[l.top]!;
      expect(Math.sign(at(0, 0)[ta]! - at(0, height - 1)[ta]!)).toBe(ts);
      // The pixels drawn are the voxels planeVoxel names.
      const px = planePixels(volume, null, axes, 1, 0, 255).pixels;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) expect(px[4 * (x + width * y)]).toBe(index(planeVoxel(shape, axes, 1, x, y)));
    }
  });

  it('a mask follows its voxel through the flips', () => {
    const ras = diag(1, 1, 1);
    const mask = { data: Uint8Array.from({ length: 60 }, (_, v) => (v === index([2, 3, 1]) ? 1 : 0)) };
    const px = planePixels(volume, mask, planeAxes('axial', ras), 1, 0, 255).pixels;
    expect(px[0]! > px[1]!).toBe(true); // the top-left pixel is red
    expect(Array.from({ length: 12 }, (_, p) => px[4 * p]! > px[4 * p + 1]!).filter(Boolean)).toHaveLength(1);
  });
});
