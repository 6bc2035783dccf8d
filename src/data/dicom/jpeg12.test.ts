import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MedicalFileError } from '../medical-error';
import { decodeDctJpeg } from './jpeg12';
import { parseDicom } from './parse';

// The decoder's agreement with DCMTK is tested in codecs.test.ts (expected-codecs.json); here, damaged streams.
const frameOf = (name: string) => parseDicom(new Uint8Array(readFileSync(new URL(`../fixtures/medical/${name}`, import.meta.url)))).dataset.elements.get(0x7fe00010)!.fragments![1]!;

/** Decodes, or throws a typed error; anything else fails. The output never exceeds what the frame header declares. */
function outcome(b: Uint8Array): 'decoded' | 'typed' {
  try {
    const img = decodeDctJpeg(b);
    expect(img.samples.length).toBe(img.width * img.height * img.components);
    // Each 8×8 block costs at least two bits of entropy-coded data.
    expect(img.samples.length).toBeLessThanOrEqual(256 * b.length + 64 * 64);
    return 'decoded';
  } catch (e) {
    if (e instanceof MedicalFileError) return 'typed';
    throw e;
  }
}

describe('the DCT JPEG decoder on damaged streams', () => {
  it.each(['MR_small_jpeg_ext12_restart.dcm', 'JPGExtended.dcm', 'SC_rgb_jpeg_ext12_422.dcm', 'SC_rgb_jpeg_dcmtk_422.dcm'])('%s: mutated bytes give pixels of the declared size or a typed error', (name) => {
    const frame = frameOf(name);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(), (edits, cut) => {
        const b = frame.slice();
        for (const [at, v] of edits) b[at % b.length] = v;
        outcome(b);
        outcome(b.subarray(0, cut % b.length));
        return true;
      }),
      { numRuns: name === 'JPGExtended.dcm' ? 60 : 300, seed: 20261127 },
    );
  });

  it('refuses headers that do not add up, with typed errors', () => {
    const frame = frameOf('MR_small_jpeg_ext12.dcm');
    const at = (m: number) => frame.findIndex((x, i) => x === 0xff && frame[i + 1] === m);
    const code = (b: Uint8Array) => {
      try {
        decodeDctJpeg(b);
        return 'decoded';
      } catch (e) {
        expect(e).toBeInstanceOf(MedicalFileError);
        return (e as MedicalFileError).code;
      }
    };
    // A DQT length that runs past the end of the stream.
    const dqt = frame.slice();
    dqt[at(0xdb) + 2] = 0xff;
    expect(code(dqt)).toBe('bad-dicom');
    // A frame header declaring 4096×4096 pixels in a few kilobytes: refused before allocating; 65535×65535 is too large.
    const big = frame.slice();
    big.set([0x10, 0, 0x10, 0], at(0xc1) + 5);
    expect(code(big)).toBe('truncated');
    big.fill(0xff, at(0xc1) + 5, at(0xc1) + 9);
    expect(code(big)).toBe('too-large');
    // 16-bit samples are not a DCT precision.
    const p16 = frame.slice();
    p16[at(0xc1) + 4] = 16;
    expect(code(p16)).toBe('unsupported-datatype');
    // No scan at all.
    expect(code(frame.subarray(0, at(0xda)))).toBe('bad-dicom');
    expect(code(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBe('bad-dicom');
  });

  it('decodes a frame with restart markers exactly as the same coefficients without them', () => {
    const a = decodeDctJpeg(frameOf('MR_small_jpeg_ext12.dcm'));
    const b = decodeDctJpeg(frameOf('MR_small_jpeg_ext12_restart.dcm'));
    expect(a.precision).toBe(12);
    expect(Array.from(b.samples)).toEqual(Array.from(a.samples));
  });
});
