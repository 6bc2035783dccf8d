import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatePrefix } from '../inflate';
import { MedicalFileError } from '../medical-error';
import { readNifti } from './read-nifti';

/** A NIfTI-1 header for `dims` voxels of `datatype`, data from byte 352. */
function header(dims: number[], datatype: number, bitpix: number): Buffer {
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  [dims.length, ...dims, 1, 1, 1, 1, 1, 1, 1].slice(0, 8).forEach((d, i) => h.writeInt16LE(d, 40 + 2 * i));
  h.writeInt16LE(datatype, 70);
  h.writeInt16LE(bitpix, 72);
  for (let i = 0; i < 8; i++) h.writeFloatLE(1, 76 + 4 * i);
  h.writeFloatLE(352, 108);
  h.write('n+1\0', 344, 'latin1');
  return h;
}

/**
 * A gzip bomb built without inflating anything: the header, then one sync-flushed deflate block of 1 MiB of
 * zeros repeated `mebibytes` times (each block refers only to bytes it wrote itself), then an empty final block.
 * 4096 MiB of zeros take about 4 MB.
 */
function bomb(head: Buffer, mebibytes: number): Uint8Array {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const zeros = deflateRawSync(Buffer.alloc(1 << 20), sync);
  const parts = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), deflateRawSync(head, sync)];
  for (let i = 0; i < mebibytes; i++) parts.push(zeros);
  parts.push(Buffer.from([0x03, 0x00]), Buffer.alloc(8));
  return new Uint8Array(Buffer.concat(parts));
}

describe('a gzip bomb', () => {
  const big = bomb(header([1024, 1024, 1024], 16, 32), 4096);

  it('is small on disk and claims 4 GiB of float32 voxels', () => {
    expect(big.length).toBeLessThan(5_000_000);
    expect(inflatePrefix(big, 352, true).subarray(0, 4)).toEqual(Uint8Array.of(92, 1, 0, 0));
  });

  it('fails on its header, before the body is inflated', () => {
    const rssBefore = process.memoryUsage().rss;
    let error: unknown;
    try {
      readNifti(big);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MedicalFileError);
    expect((error as MedicalFileError).code).toBe('too-large');
    expect((error as Error).message).toMatch(/It has 1024×1024×1024 voxels/);
    // Inflating even the 2 GiB cap would have grown the process by gigabytes.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 2 ** 20);
  });

  it('with a small header reads only what the header declares, however long the stream', () => {
    const v = readNifti(bomb(header([32, 32, 32], 2, 8), 4096));
    expect(v.shape).toEqual([32, 32, 32]);
    expect(v.data.every((x) => x === 0)).toBe(true);
  });

  it('gives a prefix of exactly the length asked for', () => {
    expect(inflatePrefix(big, 5 << 20, true).length).toBe(5 << 20);
  });
});
