import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { python, PYTHON_SRC, torchMissing } from './testing/python';

// The GPU machine may have no nibabel: jimu_torch then reads NIfTI with numpy alone. Here both exist, so
// every NIfTI-1 fixture (each datatype, both byte orders, scaled, gzipped) is read both ways and compared.
const fixtures = new URL('../data/fixtures/medical/', import.meta.url).pathname;
const files = readdirSync(fixtures).filter((f) => /\.nii(\.gz)?$/.test(f));

describe.skipIf(torchMissing())("jimu_torch's numpy-only NIfTI-1 reader", () => {
  it('reads every NIfTI-1 fixture as nibabel does (values, axis order, voxel size)', () => {
    expect(files.length).toBeGreaterThan(15);
    const report = JSON.parse(
      python([
        '-c',
        `import sys, json, os; sys.path.insert(0, ${JSON.stringify(PYTHON_SRC)})
import numpy as np, nibabel
from jimu_torch import nifti
out = {}
for f in ${JSON.stringify(files)}:
    p = os.path.join(${JSON.stringify(fixtures)}, f)
    img = nibabel.load(p)
    if not isinstance(img, nibabel.Nifti1Image) or len(img.shape) > 3:
        continue
    try:
        own, zooms = nifti._read_own(p)
    except ValueError as e:
        out[f] = {"refused": str(e)}
        continue
    ref = nifti._zyx(np.asarray(img.dataobj, dtype=np.float32))
    scale = max(1e-12, float(np.abs(ref).max()))
    out[f] = {"shape": list(own.shape) == list(ref.shape), "err": float(np.abs(own - ref).max()) / scale if own.shape == ref.shape else 1.0,
              "zooms": bool(np.allclose(zooms[:len(img.header.get_zooms()[:3])], img.header.get_zooms()[:3]))}
print(json.dumps(out))`,
      ]),
    ) as Record<string, { shape?: boolean; err?: number; zooms?: boolean; refused?: string }>;
    const read = Object.entries(report).filter(([, r]) => !r.refused);
    expect(read.length).toBeGreaterThan(15);
    for (const [f, r] of read) {
      expect(r.shape, f).toBe(true);
      expect(r.err, f).toBeLessThan(1e-6);
      expect(r.zooms, f).toBe(true);
    }
    // What it does not read it refuses by name (and nibabel, when installed, reads instead).
    for (const [, r] of Object.entries(report).filter(([, x]) => x.refused)) expect(r.refused).toMatch(/nibabel/);
  });
});
