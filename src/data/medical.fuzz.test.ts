import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deidentify } from './deid/deidentify';
import { MedicalFileError, readVolume } from './medical';

// Mutates real files thousands of times: every outcome must be a volume or a typed MedicalFileError —
// never another exception, a hang, or an allocation out of proportion to the input.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/medical/${name}`, import.meta.url)));

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 0xffff, 0x7fffffff, 0xffffffff, 0xfffffffe, 348, 540, 0x10000) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(input: Uint8Array, edits: { kind: 'byte' | 'u32' | 'cut' | 'insert'; at: number; value: number }[]): Uint8Array {
  let b = input.slice();
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % b.length;
    if (e.kind === 'byte') b[at] = e.value;
    else if (e.kind === 'u32' && at + 4 <= b.length) new DataView(b.buffer, b.byteOffset).setUint32(at, e.value >>> 0, e.at % 2 === 0);
    else if (e.kind === 'cut') b = b.slice(0, at);
    else if (e.kind === 'insert') b = Uint8Array.from([...b.subarray(0, at), e.value, ...b.subarray(at)]);
  }
  return b;
}

/** Runs `f` on mutated bytes; only a MedicalFileError may escape. */
async function survives(f: () => Promise<{ data?: Float32Array } | unknown> | unknown, inputLength: number): Promise<boolean> {
  try {
    const r = (await f()) as { data?: Float32Array };
    // A gzip or RLE stream may expand, but only within deflate's and RLE's limits.
    if (r && r.data) expect(r.data.length).toBeLessThanOrEqual(inputLength * 1100 + 1024);
    return true;
  } catch (e) {
    if (e instanceof MedicalFileError) {
      expect(e.hint.length).toBeGreaterThan(0);
      return true;
    }
    throw e;
  }
}

describe('fuzzing the readers', () => {
  const files = ['dtype_int16_be.nii', 'dtype_float64_le.nii', 'standard.nii.gz', 'MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm', 'rtdose.dcm', 'rtstruct.dcm', 'image_dfl.dcm', 'MR_small_jpeg_ls_lossless.dcm', 'MR_small_jpeg_baseline.dcm', 'CT_small_no_meta.dcm',
    // Compressed codestreams and colour: a damaged JPEG Lossless, JPEG-LS or JPEG 2000 frame must give a typed error, not a crash or a hang.
    'MR_small_jpeg_lossless_sv1.dcm', 'MR_small_jp2klossless.dcm', 'SC_rgb_jpeg_ls.dcm', 'SC_ybr_full_422_uncompressed.dcm',
    // 12-bit JPEG Extended (Jimu's own DCT decoder): with restart markers, and pydicom's 1024×256 file.
    'MR_small_jpeg_ext12_restart.dcm', 'JPGExtended.dcm'];
  it.each(files)('%s: mutations give a volume or a typed error', async (name) => {
    const input = fixture(name);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (edits) => {
        const b = mutate(input, edits);
        return survives(() => readVolume(b), b.length);
      }),
      { numRuns: name === 'image_dfl.dcm' || name === 'JPGExtended.dcm' ? 100 : 400, seed: 20261127 },
    );
  });

  it.each(['MR_small.dcm', 'MR_small_implicit.dcm', 'rtstruct.dcm', 'deid_gb18030.dcm'])('%s: de-identifying mutations gives output or a typed error', async (name) => {
    const input = fixture(name);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (edits) => {
        const b = mutate(input, edits);
        return survives(() => deidentify(b, { salt: 'fuzz' }), b.length);
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});
