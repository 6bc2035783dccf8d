"""Makes the real example files in public/samples/ from Debian (bookworm) packages, and the reference values
Jimu's tests compare its own readers with (src/data/fixtures/real-examples/expected.json). Run:

    mkdir -p /tmp/realex && cd /tmp/realex
    apt-get download python3-skimage mricron-data python3-pydicom   # 0.19.3-8, 1.2.20211006+dfsg-4, 2.3.1-1
    for d in *.deb; do dpkg-deb -x "$d" x; done
    cd -; /usr/bin/python3 scripts/make-real-examples.py /tmp/realex/x

with Debian's python3-numpy, python3-scipy, python3-nibabel, python3-pil and python3-pydicom. What it makes:

- fundus-retina-512.jpg: scikit-image's `retina` image (skimage/data/retina.jpg, 1411 × 1411 RGB, a normal
  left eye photographed by Mikael Häggström, CC0 1.0 from Wikimedia Commons), resized to 512 × 512 with
  Pillow's Lanczos filter and saved as baseline JPEG, quality 88, with no metadata.
- colin27-t1-2mm.nii.gz: MRIcron's Colin27 T1 template (templates/ch2.nii.gz, 181 × 217 × 181 uint8 at 1 mm,
  sform MNI), smoothed with a Gaussian (sigma 0.85 voxel, against aliasing) and sampled at every second voxel
  (voxel centres kept exactly on the original ones): 91 × 109 × 91 uint8 at 2 mm, the sform scaled to match.
- rtdose-pydicom.dcm: pydicom's test RT Dose file (pydicom/data/test_files/rtdose.dcm), copied unchanged.

The outputs are deterministic (fixed encoder settings, gzip header without a time stamp).
"""
import gzip
import json
import os
import shutil
import sys

import nibabel as nib
import numpy as np
import pydicom
from PIL import Image
from scipy import ndimage

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/realex/x"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "public", "samples")
ORACLE = os.path.join(HERE, "..", "src", "data", "fixtures", "real-examples")
RETINA = os.path.join(ROOT, "usr/lib/python3/dist-packages/skimage/data/retina.jpg")
COLIN = os.path.join(ROOT, "usr/share/mricron/templates/ch2.nii.gz")
RTDOSE = os.path.join(ROOT, "usr/lib/python3/dist-packages/pydicom/data/test_files/rtdose.dcm")
os.makedirs(OUT, exist_ok=True)
os.makedirs(ORACLE, exist_ok=True)
expected = {}


def fundus():
    name = "fundus-retina-512.jpg"
    src = Image.open(RETINA).convert("RGB")
    assert src.size == (1411, 1411), src.size
    small = src.resize((512, 512), Image.LANCZOS)
    small.save(os.path.join(OUT, name), "JPEG", quality=88, optimize=True, progressive=False, subsampling=2)
    # The reference decodes the written file (Pillow's libjpeg-turbo), as Jimu's reader will.
    a = np.asarray(Image.open(os.path.join(OUT, name)).convert("RGB"), dtype=np.float64) / 255
    expected[name] = {
        "kind": "image",
        "height": a.shape[0],
        "width": a.shape[1],
        "channels": a.shape[2],
        "channelMeans": [round(float(a[..., c].mean()), 6) for c in range(3)],
        # The photo is a bright disc on black: the centre is brighter than the corner.
        "centre": [round(float(v), 6) for v in a[256, 256]],
        "corner": [round(float(v), 6) for v in a[5, 5]],
        "bytes": os.path.getsize(os.path.join(OUT, name)),
    }


def colin27():
    name = "colin27-t1-2mm.nii.gz"
    img = nib.load(COLIN)
    assert img.shape == (181, 217, 181) and img.get_data_dtype() == np.uint8
    data = np.asarray(img.dataobj).astype(np.float64)
    smooth = ndimage.gaussian_filter(data, sigma=0.85, mode="nearest")
    small = np.clip(np.rint(smooth[::2, ::2, ::2]), 0, 255).astype(np.uint8)
    affine = img.affine @ np.diag([2.0, 2.0, 2.0, 1.0])
    out = nib.Nifti1Image(small, affine)
    out.header.set_sform(affine, code=int(img.header["sform_code"]))
    out.header.set_qform(affine, code=int(img.header["sform_code"]))
    out.header.set_xyzt_units("mm")
    out.header["descrip"] = b"Colin27 T1 (MRIcron ch2), 2 mm"
    with open(os.path.join(OUT, name), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
            gz.write(out.to_bytes())
    back = nib.load(os.path.join(OUT, name))
    v = back.get_fdata()
    assert np.array_equal(v, small)
    probes = [[45, 54, 45], [30, 60, 50], [60, 40, 40], [0, 0, 0]]
    expected[name] = {
        "kind": "volume",
        "shape": list(back.shape),
        "spacing": [float(z) for z in back.header.get_zooms()],
        "affine": [[round(float(x), 6) for x in row] for row in back.affine],
        "min": float(v.min()),
        "max": float(v.max()),
        "mean": round(float(v.mean()), 6),
        "probes": [{"ijk": p, "value": float(v[tuple(p)])} for p in probes],
        "bytes": os.path.getsize(os.path.join(OUT, name)),
    }


def rtdose():
    name = "rtdose-pydicom.dcm"
    shutil.copyfile(RTDOSE, os.path.join(OUT, name))
    d = pydicom.dcmread(os.path.join(OUT, name))
    dose = d.pixel_array.astype(np.float64) * float(d.DoseGridScaling)  # frames, rows, columns
    offsets = [float(x) for x in d.GridFrameOffsetVector]
    expected[name] = {
        "kind": "volume",
        # Jimu's order: i along columns, j along rows, k along frames.
        "shape": [int(d.Columns), int(d.Rows), int(d.NumberOfFrames)],
        "spacing": [float(d.PixelSpacing[1]), float(d.PixelSpacing[0]), offsets[1] - offsets[0]],
        "units": str(d.DoseUnits),
        "min": round(float(dose.min()), 6),
        "max": round(float(dose.max()), 6),
        "mean": round(float(dose.mean()), 6),
        "probes": [{"ijk": [c, r, k], "value": round(float(dose[k, r, c]), 6)} for (c, r, k) in [[0, 0, 0], [5, 5, 7], [9, 9, 14]]],
        "bytes": os.path.getsize(os.path.join(OUT, name)),
    }


fundus()
colin27()
rtdose()
with open(os.path.join(ORACLE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
for name, e in expected.items():
    print(f"{name}: {e['bytes']} bytes")
