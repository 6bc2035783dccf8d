"""Reference planes for orientation-real.test.ts: how a radiological viewer draws Colin27 and three DICOM
fixtures, computed with nibabel and pydicom only (not with Jimu's readers or pixel functions).

Each scan is brought to RAS+ with nibabel's as_closest_canonical (DICOM: pydicom's pixels with the
LPS geometry of ImageOrientationPatient / ImagePositionPatient / PixelSpacing, negated into RAS), then
drawn radiologically: axial anterior up and the patient's right on the left, coronal superior up and
right on the left, sagittal superior up and anterior on the left. Grey is scaled from the volume's min
to max into 0-255 and rounded as a canvas does; each plane is kept as the mean grey of every row and
column, at the slice Jimu's viewer opens on (the middle voxel index along the axis it steps through).

Run from the repository root: /usr/bin/python3 scripts/oracles/orientation.py
(nibabel 5.0, pydicom 2.3, numpy from Debian bookworm).
"""
import json
import numpy as np
import nibabel as nib
import pydicom

MED = 'src/data/fixtures/medical/'


def dicom_volume(names):
    ds = [pydicom.dcmread(MED + n) for n in names]
    iop = np.array(ds[0].ImageOrientationPatient, float)
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    ds.sort(key=lambda d: float(np.dot(np.array(d.ImagePositionPatient, float), normal)))
    pos = [np.array(d.ImagePositionPatient, float) for d in ds]
    step = float(np.mean([np.linalg.norm(b - a) for a, b in zip(pos, pos[1:])])) if len(pos) > 1 else 1.0
    ps = [float(v) for v in ds[0].PixelSpacing]  # [row spacing, column spacing]
    lps = np.eye(4)
    lps[:3, 0] = row * ps[1]
    lps[:3, 1] = col * ps[0]
    lps[:3, 2] = normal * step
    lps[:3, 3] = pos[0]
    ras = np.diag([-1, -1, 1, 1]) @ lps
    slope = lambda d: float(getattr(d, 'RescaleSlope', 1))
    inter = lambda d: float(getattr(d, 'RescaleIntercept', 0))
    # pixel_array is [rows, columns] = [j, i]; Jimu's voxel order is (i, j, k).
    data = np.stack([d.pixel_array.astype(np.float64).T * slope(d) + inter(d) for d in ds], axis=2)
    return nib.Nifti1Image(data.astype(np.float32), ras)


def planes(img):
    ornt = nib.orientations.io_orientation(img.affine)  # per voxel axis: [world axis, +1 / -1]
    can = nib.as_closest_canonical(img)
    d = np.asarray(can.dataobj, dtype=np.float32).astype(np.float64)
    raw = np.asarray(img.dataobj, dtype=np.float32).astype(np.float64)
    lo, hi = raw.min(), raw.max()
    span = hi - lo if hi > lo else 1.0
    g = np.round(np.clip((d - lo) / span * 255, 0, 255))
    out = {}
    letters = {
        'axial': {'left': 'R', 'right': 'L', 'top': 'A', 'bottom': 'P'},
        'coronal': {'left': 'R', 'right': 'L', 'top': 'S', 'bottom': 'I'},
        'sagittal': {'left': 'A', 'right': 'P', 'top': 'S', 'bottom': 'I'},
    }
    for plane, world in (('axial', 2), ('coronal', 1), ('sagittal', 0)):
        voxel_axis = int(np.where(ornt[:, 0] == world)[0][0])
        n = img.shape[voxel_axis]
        k = n // 2  # the voxel index the viewer opens on
        c = k if ornt[voxel_axis, 1] > 0 else n - 1 - k  # the same slice in canonical order
        if plane == 'axial':
            im = g[::-1, ::-1, c].T  # rows: y descending (anterior first); columns: x descending (right first)
        elif plane == 'coronal':
            im = g[::-1, c, ::-1].T  # rows: z descending; columns: x descending
        else:
            im = g[c, ::-1, ::-1].T  # rows: z descending; columns: y descending (anterior first)
        h, w = im.shape
        if h < 3 or w < 3:
            continue
        out[plane] = {
            'slice': k,
            'width': w,
            'height': h,
            'rows': [round(float(v), 4) for v in im.mean(axis=1)],
            'cols': [round(float(v), 4) for v in im.mean(axis=0)],
            'letters': letters[plane],
            'axcodes': ''.join(nib.aff2axcodes(img.affine)),
        }
    return out


scans = {
    'colin27': nib.load('public/samples/colin27-t1-2mm.nii.gz'),
    'ct_small': dicom_volume(['CT_small.dcm']),
    'mr_small': dicom_volume(['MR_small.dcm']),
    'series_mr': dicom_volume(['series_mr_0.dcm', 'series_mr_1.dcm']),
}
with open('src/data/preview/orientation-expected.json', 'w') as f:
    json.dump({name: planes(img) for name, img in scans.items()}, f, separators=(',', ':'))
    f.write('\n')
