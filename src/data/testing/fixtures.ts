import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import type { DataIO } from '../../core';

/** A DataIO over files held in memory (path → bytes or text), for tests. */
export function memoryIO(files: Record<string, Uint8Array | string>): DataIO & { reads: string[] } {
  const reads: string[] = [];
  const bytes = (v: Uint8Array | string) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  return {
    reads,
    async readFile(path) {
      reads.push(path);
      const v = files[path];
      if (v === undefined) throw new Error(`cannot read "${path}": ENOENT`);
      return bytes(v);
    },
    async listFiles(dir) {
      const prefix = dir === '' || dir === '.' ? '' : `${dir.replace(/\/+$/, '')}/`;
      return Object.keys(files)
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length))
        .sort();
    },
  };
}

/** PNG bytes from samples (row-major, channels interleaved). */
export function png(width: number, height: number, channels: 1 | 2 | 3 | 4, samples: ArrayLike<number>, depth: 8 | 16 = 8): Uint8Array {
  const data = depth === 16 ? Uint16Array.from(samples) : Uint8Array.from(samples);
  return encodePng({ width, height, data, channels, depth });
}

/** A grey 8-bit PNG whose pixels are all `value`. */
export function flatPng(width: number, height: number, value: number, channels: 1 | 3 = 1): Uint8Array {
  return png(width, height, channels, new Array<number>(width * height * channels).fill(value));
}

/** JPEG bytes (quality 100) from RGB samples. */
export function jpeg(width: number, height: number, rgb: ArrayLike<number>, quality = 100): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[4 * p] = rgb[3 * p]!;
    rgba[4 * p + 1] = rgb[3 * p + 1]!;
    rgba[4 * p + 2] = rgb[3 * p + 2]!;
    rgba[4 * p + 3] = 255;
  }
  return new Uint8Array(encodeJpeg({ width, height, data: rgba }, quality).data);
}

/**
 * An 8 × 8 greyscale (one-component) baseline JPEG whose pixels are all `value`, written byte by
 * byte: jpeg-js only encodes colour. A flat block has only a DC coefficient, 8 × (value − 128) with a
 * quantisation table of ones; each Huffman table holds the one symbol it needs, with the code "0".
 */
export function greyJpeg(value: number): Uint8Array {
  const dc = 8 * (value - 128);
  const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
  const amplitude = dc >= 0 ? dc : dc + (1 << category) - 1;
  const bits = ['0', category ? amplitude.toString(2).padStart(category, '0') : '', '0'].join('');
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const scan: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = parseInt(padded.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0); // byte stuffing
  }
  const counts = (n: number) => [n, ...new Array<number>(15).fill(0)];
  return Uint8Array.from([
    0xff, 0xd8,
    0xff, 0xdb, 0, 67, 0, ...new Array<number>(64).fill(1),
    0xff, 0xc0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0,
    0xff, 0xc4, 0, 20, 0x00, ...counts(1), category,
    0xff, 0xc4, 0, 20, 0x10, ...counts(1), 0x00,
    0xff, 0xda, 0, 8, 1, 1, 0x00, 0, 63, 0,
    ...scan,
    0xff, 0xd9,
  ]);
}
