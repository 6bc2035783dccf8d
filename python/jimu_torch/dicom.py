"""A DICOM series (one folder) as a volume, with pydicom when it is installed."""

import os

import numpy as np


def read_dicom_series(folder):
    """(data as float32 [z, y, x], zooms (x, y, z) in mm): slices sorted along the slice normal, rescaled."""
    try:
        import pydicom
    except ImportError:
        raise ValueError(
            "%s is a DICOM series, and reading DICOM needs pydicom, which is not installed here. Install it "
            "(pip install pydicom), or convert the series to NIfTI with Jimu (jimu inspect shows it) before copying the dataset." % folder
        )
    slices = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        try:
            ds = pydicom.dcmread(path)
        except Exception:  # not a DICOM file (a DICOMDIR, a note): skipped, as Jimu does
            continue
        if "PixelData" not in ds:
            continue
        slices.append(ds)
    if not slices:
        raise ValueError("%s holds no DICOM images" % folder)
    orient = [float(v) for v in getattr(slices[0], "ImageOrientationPatient", [1, 0, 0, 0, 1, 0])]
    normal = np.cross(orient[:3], orient[3:])

    def position(ds):
        p = getattr(ds, "ImagePositionPatient", None)
        return float(np.dot(normal, [float(v) for v in p])) if p is not None else float(getattr(ds, "InstanceNumber", 0))

    slices.sort(key=position)
    planes = []
    for ds in slices:
        a = ds.pixel_array.astype(np.float32)
        a = a * float(getattr(ds, "RescaleSlope", 1) or 1) + float(getattr(ds, "RescaleIntercept", 0) or 0)
        planes.append(a if a.ndim == 2 else a.reshape(-1, a.shape[-2], a.shape[-1]))
    data = np.concatenate([p[None] if p.ndim == 2 else p for p in planes], 0)
    row, col = (float(v) for v in getattr(slices[0], "PixelSpacing", [1, 1]))
    dz = abs(position(slices[1]) - position(slices[0])) if len(slices) > 1 else float(getattr(slices[0], "SliceThickness", 1) or 1)
    return data, (col, row, dz)
