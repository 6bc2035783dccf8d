import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeImage, declaredImageSize, imageFormat, jpegComponents, MAX_IMAGE_PIXELS } from './decode-image';
import { DataError } from './errors';
import { greyJpeg, jpeg, png } from './testing/fixtures';

/** Packs low-bit-depth samples the way PNG stores them: rows padded to whole bytes, high bits first. */
function pack(samples: number[], width: number, depth: 1 | 2 | 4): Uint8Array {
  const height = samples.length / width;
  const rowBytes = Math.ceil((width * depth) / 8);
  const out = new Uint8Array(rowBytes * height);
  samples.forEach((v, i) => {
    const r = Math.floor(i / width);
    const bit = (i % width) * depth;
    out[r * rowBytes + (bit >> 3)]! |= v << (8 - depth - (bit & 7));
  });
  return out;
}

interface Case {
  name: string;
  bytes: () => Uint8Array;
  height: number;
  width: number;
  channels: 1 | 3;
  bitDepth: number;
  /** Expected values, or a tolerance check for lossy formats. */
  data: number[];
  tolerance?: number;
}

const CASES: Case[] = [
  { name: 'grey 8-bit PNG', bytes: () => png(2, 1, 1, [0, 255]), height: 1, width: 2, channels: 1, bitDepth: 8, data: [0, 1] },
  { name: 'grey + alpha PNG drops alpha', bytes: () => png(2, 1, 2, [51, 7, 102, 9]), height: 1, width: 2, channels: 1, bitDepth: 8, data: [0.2, 0.4] },
  { name: 'RGB PNG', bytes: () => png(1, 2, 3, [255, 0, 51, 0, 102, 255]), height: 2, width: 1, channels: 3, bitDepth: 8, data: [1, 0, 0.2, 0, 0.4, 1] },
  { name: 'RGBA PNG drops alpha', bytes: () => png(1, 1, 4, [255, 51, 0, 128]), height: 1, width: 1, channels: 3, bitDepth: 8, data: [1, 0.2, 0] },
  { name: '16-bit grey PNG is scaled by 65535', bytes: () => png(3, 1, 1, [0, 65535, 13107], 16), height: 1, width: 3, channels: 1, bitDepth: 16, data: [0, 1, 0.2] },
  { name: '16-bit RGB PNG', bytes: () => png(1, 1, 3, [65535, 0, 32768], 16), height: 1, width: 1, channels: 3, bitDepth: 16, data: [1, 0, 32768 / 65535] },
  {
    name: '1-bit grey PNG (rows padded to bytes)',
    bytes: () => encodePng({ width: 3, height: 2, channels: 1, depth: 1, data: pack([1, 0, 1, 0, 1, 1], 3, 1) }),
    height: 2, width: 3, channels: 1, bitDepth: 1, data: [1, 0, 1, 0, 1, 1],
  },
  {
    name: '2-bit grey PNG',
    bytes: () => encodePng({ width: 5, height: 1, channels: 1, depth: 2, data: pack([0, 1, 2, 3, 3], 5, 2) }),
    height: 1, width: 5, channels: 1, bitDepth: 2, data: [0, 1 / 3, 2 / 3, 1, 1],
  },
  {
    name: '4-bit grey PNG',
    bytes: () => encodePng({ width: 3, height: 2, channels: 1, depth: 4, data: pack([0, 15, 5, 10, 3, 0], 3, 4) }),
    height: 2, width: 3, channels: 1, bitDepth: 4, data: [0, 1, 1 / 3, 2 / 3, 0.2, 0],
  },
  {
    name: 'palette PNG becomes RGB',
    bytes: () => encodePng({ width: 3, height: 1, channels: 1, depth: 8, data: Uint8Array.from([1, 0, 2]), palette: [[255, 0, 0], [0, 255, 0], [0, 0, 51]] }),
    height: 1, width: 3, channels: 3, bitDepth: 8, data: [0, 1, 0, 1, 0, 0, 0, 0, 0.2],
  },
  {
    name: '4-bit palette PNG',
    bytes: () => encodePng({ width: 3, height: 1, channels: 1, depth: 4, data: pack([1, 0, 1], 3, 4), palette: [[0, 0, 0], [255, 255, 255]] }),
    height: 1, width: 3, channels: 3, bitDepth: 4, data: [1, 1, 1, 0, 0, 0, 1, 1, 1],
  },
  {
    name: 'colour JPEG',
    bytes: () => jpeg(8, 8, new Array<number>(64).fill(0).flatMap(() => [200, 100, 50])),
    height: 8, width: 8, channels: 3, bitDepth: 8, data: new Array<number>(64).fill(0).flatMap(() => [200 / 255, 100 / 255, 50 / 255]), tolerance: 4 / 255,
  },
];

describe('decodeImage', () => {
  it.each(CASES)('$name', (c) => {
    const img = decodeImage(c.bytes(), 'x');
    expect({ height: img.height, width: img.width, channels: img.channels, bitDepth: img.bitDepth }).toEqual({ height: c.height, width: c.width, channels: c.channels, bitDepth: c.bitDepth });
    expect(img.data.length).toBe(c.data.length);
    const tol = c.tolerance ?? 1e-6;
    img.data.forEach((v, i) => expect(Math.abs(v - c.data[i]!)).toBeLessThanOrEqual(tol));
  });

  it.each([144, 128, 60, 255])('keeps a one-component JPEG grey (all pixels %i)', (value) => {
    const bytes = greyJpeg(value);
    expect(jpegComponents(bytes)).toBe(1);
    const img = decodeImage(bytes, 'grey.jpg');
    expect({ channels: img.channels, height: img.height, width: img.width, format: img.format }).toEqual({ channels: 1, height: 8, width: 8, format: 'jpeg' });
    for (const v of img.data) expect(Math.abs(v - value / 255)).toBeLessThanOrEqual(1 / 255);
  });

  it('counts the components of a colour JPEG', () => expect(jpegComponents(jpeg(8, 8, new Array<number>(192).fill(128)))).toBe(3));

  it.each([
    ['an empty file', new Uint8Array(0), /"scan\.bmp" is empty/],
    ['a BMP', Uint8Array.from([0x42, 0x4d, 1, 2, 3, 4, 5, 6, 7]), /"scan\.bmp" is neither a PNG nor a JPEG image \(it starts with the bytes 42 4d/],
    ['a truncated PNG', () => png(4, 4, 1, new Array<number>(16).fill(9)).subarray(0, 40), /"scan\.bmp" looks like a PNG but cannot be read/],
    ['a truncated JPEG', () => jpeg(8, 8, new Array<number>(192).fill(9)).subarray(0, 30), /"scan\.bmp" looks like a JPEG but cannot be read/],
  ])('refuses %s, naming the file', (_name, input, message) => {
    const bytes = typeof input === 'function' ? input() : input;
    expect(() => decodeImage(bytes, 'scan.bmp')).toThrow(message);
    expect(() => decodeImage(bytes, 'scan.bmp')).toThrow(DataError);
  });
});

/** `bytes` with the header's width and height replaced (PNG IHDR; JPEG SOF), the rest left as it was. */
function claim(bytes: Uint8Array, format: 'png' | 'jpeg', width: number, height: number): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  if (format === 'png') {
    v.setUint32(16, width);
    v.setUint32(20, height);
    return out;
  }
  for (let i = 2; i + 9 <= out.length; ) {
    const marker = out[i + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      v.setUint16(i + 5, height);
      v.setUint16(i + 7, width);
      return out;
    }
    i += 2 + v.getUint16(i + 2);
  }
  throw new Error('no SOF marker');
}

describe('images that declare more than they hold', () => {
  it('reads the declared size from the header, as the decoder will see it', () => {
    expect(declaredImageSize(png(7, 3, 1, new Array<number>(21).fill(0)), 'png')).toEqual({ width: 7, height: 3 });
    expect(declaredImageSize(jpeg(16, 8, new Array<number>(16 * 8 * 3).fill(9)), 'jpeg')).toEqual({ width: 16, height: 8 });
    expect(declaredImageSize(new Uint8Array(10), 'png')).toBeNull();
  });

  // A 122-byte PNG claiming 10⁹ pixels held 762 MiB before its error; a JPEG claiming 65,535² took 17 s.
  it.each([
    ['a PNG', () => claim(png(4, 4, 3, new Array<number>(48).fill(7)), 'png', 100_000, 100_000), /declares 100,000 × 100,000 pixels \(10000 megapixels\); Jimu decodes images up to 50 megapixels/],
    ['a JPEG', () => claim(jpeg(8, 8, new Array<number>(192).fill(7)), 'jpeg', 65_535, 65_535), /declares 65,535 × 65,535 pixels \(4295 megapixels\)/],
    ['an empty PNG', () => claim(png(4, 4, 1, new Array<number>(16).fill(7)), 'png', 0, 4), /is a PNG of 0 × 4 pixels: it holds no image/],
  ])('refuses %s that claims too many pixels before decoding it', (_n, bytes, message) => {
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeImage(bytes(), 'huge.img')).toThrow(message);
    expect(() => decodeImage(bytes(), 'huge.img')).toThrow(DataError);
    // Refused from the header: nothing near the claimed size was allocated.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('lets a header at the limit through to the decoder', () => {
    // 10,000 × 5,000 = exactly 50 MP: not refused for its size; the 4×4 pixels it holds then fail to decode as such.
    expect(10_000 * 5_000).toBe(MAX_IMAGE_PIXELS);
    const atLimit = claim(png(4, 4, 1, new Array<number>(16).fill(7)), 'png', 10_000, 5_000);
    expect(() => decodeImage(atLimit, 'big.png')).toThrow(/looks like a PNG but cannot be read/);
    expect(() => decodeImage(claim(png(4, 4, 1, new Array<number>(16).fill(7)), 'png', 10_000, 5_001), 'big.png')).toThrow(/declares 10,000 × 5,001 pixels/);
  });
});

describe('imageFormat', () => {
  it.each([
    ['png', () => png(1, 1, 1, [0]), 'png'],
    ['jpeg', () => jpeg(1, 1, [0, 0, 0]), 'jpeg'],
    ['text', () => new TextEncoder().encode('id,label'), null],
  ])('%s', (_n, bytes, format) => expect(imageFormat(bytes())).toBe(format));
});

