import { describe, expect, it } from 'vitest';
import { channelVolume, displayRange, imagePixels, MASK_PALETTE, middleSlice, planeAxes, planeLetters, planePixels, planeScreenSize, slicePixels, worldAxes } from './pixels';

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
    expect(planeLetters(planeAxes('sagittal', lasLike), lasLike)).toEqual({ left: 'P', right: 'A', top: 'S', bottom: 'I' });
    expect(planeLetters(planeAxes('axial'), undefined)).toBeNull();
    expect(planeLetters(planeAxes('axial'), [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]])).toBeNull();
  });

  it('finds the true planes of a scan acquired sagittally', () => {
    // i runs anterior, j inferior (rows top to bottom), k to the right (the slices).
    const sagittal = [[0, 0, 1.5, 0], [1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 0, 1]];
    expect(worldAxes(sagittal)).toEqual([1, 2, 0]);
    expect(planeAxes('sagittal', sagittal)).toEqual({ across: 0, up: 1, through: 2 });
    expect(planeAxes('axial', sagittal)).toEqual({ across: 2, up: 0, through: 1 });
    expect(planeLetters(planeAxes('sagittal', sagittal), sagittal)).toEqual({ left: 'P', right: 'A', top: 'I', bottom: 'S' });
    // A slightly oblique affine still pairs each axis with its nearest world axis.
    expect(worldAxes([[0.1, 0, 0.98, 0], [0.99, 0.05, 0, 0], [0, -1, 0.1, 0], [0, 0, 0, 1]])).toEqual([1, 2, 0]);
  });
});
