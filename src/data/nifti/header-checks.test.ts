import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedicalFileError } from '../medical-error';
import { readNifti } from './read-nifti';

// Crafted headers (from a 3×4×5 float32 NIfTI-1 file, pixdim 1.5/2/2.5, vox_offset 352): what nibabel 5
// does with each on `nib.load(...).get_fdata()`, and what Jimu does. Where nibabel repairs, Jimu repairs the
// same way and says so; where nibabel refuses, Jimu refuses; a NaN or infinite voxel size, which nibabel
// passes through as the zoom, Jimu refuses (every millimetre measure would be NaN).
const base = new Uint8Array(readFileSync(new URL('../fixtures/medical/dtype_float32_le.nii', import.meta.url)));
const craft = (at: number, value: number) => {
  const b = base.slice();
  new DataView(b.buffer).setFloat32(at, value, true);
  return b;
};
const PIXDIM1 = 80;
const VOX_OFFSET = 108;

type Outcome = { zooms: number[]; warning: RegExp } | { refused: RegExp };
const cases: [string, Uint8Array, Outcome, 'repair' | 'refuse' | 'passes-through'][] = [
  ['pixdim[1] = 0', craft(PIXDIM1, 0), { zooms: [1, 2, 2.5], warning: /voxel size of 0 along x; 1 mm was assumed/ }, 'repair'],
  ['pixdim[1] = -2', craft(PIXDIM1, -2), { zooms: [2, 2, 2.5], warning: /negative voxel size along x/ }, 'repair'],
  ['pixdim[1] = NaN', craft(PIXDIM1, NaN), { refused: /pixdim\[1\].*is NaN/ }, 'passes-through'],
  ['pixdim[1] = Infinity', craft(PIXDIM1, Infinity), { refused: /pixdim\[1\].*is Infinity/ }, 'passes-through'],
  ['pixdim[3] = -Infinity', craft(PIXDIM1 + 8, -Infinity), { refused: /pixdim\[3\].*is -Infinity/ }, 'passes-through'],
  ['vox_offset = -16', craft(VOX_OFFSET, -16), { refused: /vox_offset is -16; .* byte 352 or later/ }, 'refuse'],
  ['vox_offset = 100', craft(VOX_OFFSET, 100), { refused: /vox_offset is 100/ }, 'refuse'],
  ['vox_offset = 350', craft(VOX_OFFSET, 350), { refused: /vox_offset is 350/ }, 'refuse'],
  ['vox_offset = NaN', craft(VOX_OFFSET, NaN), { refused: /vox_offset .* is NaN/ }, 'refuse'],
  ['vox_offset = Infinity', craft(VOX_OFFSET, Infinity), { refused: /vox_offset .* is Infinity/ }, 'refuse'],
];

describe('NIfTI header repairs and refusals', () => {
  it.each(cases)('%s', (_, bytes, outcome) => {
    if ('refused' in outcome) {
      let error: unknown;
      try {
        readNifti(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MedicalFileError);
      expect((error as MedicalFileError).code).toBe('bad-header');
      expect((error as MedicalFileError).message).toMatch(outcome.refused);
      expect((error as MedicalFileError).hint).not.toBe('');
      return;
    }
    const v = readNifti(bytes);
    expect(v.spacing).toEqual(outcome.zooms);
    expect(v.meta.warnings?.join(' ')).toMatch(outcome.warning);
    // The voxels are those of the untouched file.
    expect(v.data).toEqual(readNifti(base).data);
  });

  it('reads a file without vox_offset (0) from just after the header, with a warning', () => {
    const v = readNifti(craft(VOX_OFFSET, 0));
    expect(v.data).toEqual(readNifti(base).data);
    expect(v.meta.warnings).toEqual(['The header does not say where the voxels start (vox_offset 0); they were read from byte 352, just after the header.']);
  });

  it('refuses a NIfTI-2 vox_offset inside its 544-byte header', async () => {
    const { gunzipSync } = await import('fflate');
    const b = gunzipSync(new Uint8Array(readFileSync(new URL('../fixtures/medical/example_nifti2.nii.gz', import.meta.url)))).slice();
    new DataView(b.buffer).setBigInt64(168, 400n, true);
    expect(() => readNifti(b)).toThrow(/vox_offset is 400; .* byte 544 or later/);
  });

  it('an untouched file reads without warnings', () => {
    expect(readNifti(base).meta.warnings).toBeUndefined();
  });

  // The table's third column is what nibabel does; checked here against nibabel itself where it is installed.
  it.skipIf(!existsSync('/usr/bin/python3'))('nibabel repairs, refuses or passes through the same cases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jimu-nifti-'));
    const files = cases.map(([, bytes], i) => {
      const f = join(dir, `case${i}.nii`);
      writeFileSync(f, bytes);
      return f;
    });
    const script = [
      'import sys, json, logging, math',
      'logging.disable(logging.CRITICAL)',
      'try:\n import nibabel as nib\nexcept ImportError:\n print("null"); sys.exit(0)',
      'out = []',
      'for f in sys.argv[1:]:',
      ' try:',
      '  img = nib.load(f); img.get_fdata(); z = [float(x) for x in img.header.get_zooms()]',
      '  out.append("passes-through" if any(not math.isfinite(x) for x in z) else ["repair", z])',
      ' except Exception:',
      '  out.append("refuse")',
      'print(json.dumps(out))',
    ].join('\n');
    const got = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' })) as (string | [string, number[]])[] | null;
    if (got === null) return; // nibabel not installed
    cases.forEach(([name, , outcome, nibabel], i) => {
      const g = got[i]!;
      if (nibabel === 'repair') expect([name, g]).toEqual([name, ['repair', (outcome as { zooms: number[] }).zooms]]);
      else expect([name, g]).toEqual([name, nibabel]);
    });
  });
});
