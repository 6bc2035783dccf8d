"""Fixtures and reference values for src/data's NIfTI and DICOM readers, computed with nibabel and pydicom
(Debian's python3-nibabel and python3-pydicom). Run:

    apt-get download python3-nibabel python3-pydicom && dpkg-deb -x <deb> /tmp/x   # the test files
    /usr/bin/python3 scripts/oracles/medical.py /tmp/x/usr/lib/python3/dist-packages

It copies a few small real files into src/data/fixtures/medical/, writes a few more derived from them with
nibabel/pydicom (scaled 4D, every datatype in both byte orders, a PET file for SUV, files with injected
identifiers for de-identification), and writes expected.json beside them. The TypeScript tests need no Python.
"""
import copy
import datetime
import gzip
import json
import math
import os
import shutil
import sys

import nibabel as nib
import numpy as np
import pydicom
from matplotlib.path import Path
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

SRC = sys.argv[1] if len(sys.argv) > 1 else "/tmp/x/usr/lib/python3/dist-packages"
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "data", "fixtures", "medical")
NIB = os.path.join(SRC, "nibabel", "tests", "data")
PYD = os.path.join(SRC, "pydicom", "data", "test_files")
os.makedirs(OUT, exist_ok=True)
expected = {"nifti": [], "dicom": [], "series": [], "errors": [], "rtstruct": [], "deid": []}


def copy_in(src, name):
    shutil.copyfile(src, os.path.join(OUT, name))
    return name


def stats(a, probes):
    a = np.asarray(a, dtype=np.float64)
    fin = a[np.isfinite(a)]
    return {
        "min": float(fin.min()), "max": float(fin.max()), "mean": float(fin.mean()),
        "probes": [{"index": list(p), "value": float(a[tuple(p)])} for p in probes],
    }


def probes_for(shape, n=6):
    rng = np.random.default_rng(sum(shape))
    return [tuple(int(rng.integers(0, s)) for s in shape) for _ in range(n)] + [tuple(s - 1 for s in shape)]


# ---------------------------------------------------------------- NIfTI
def nifti_case(name, note, volume=None):
    img = nib.load(os.path.join(OUT, name))
    h = img.header
    data = img.get_fdata(dtype=np.float64)
    shape = list(img.shape)
    if volume is not None:
        data = data[..., volume]
        shape = shape[:3]
    expected["nifti"].append({
        "file": name, "note": note, "volume": volume,
        "version": 2 if isinstance(h, nib.Nifti2Header) else 1,
        "littleEndian": h.endianness == "<",
        "shape": shape, "spacing": [float(z) for z in h.get_zooms()][: len(shape)],
        "affine": img.affine.tolist(), "dtype": str(h.get_data_dtype().newbyteorder("=")),
        **stats(data, probes_for(shape)),
    })


nifti_case(copy_in(os.path.join(NIB, "anatomical.nii"), "anatomical_be.nii"), "big-endian int16, qform and sform (nibabel tests)")
nifti_case(copy_in(os.path.join(NIB, "example_nifti2.nii.gz"), "example_nifti2.nii.gz"), "NIfTI-2, 4D, gzip (nibabel tests)")
nifti_case(copy_in(os.path.join(NIB, "standard.nii.gz"), "standard.nii.gz"), "sform only (nibabel tests)")

# functional.nii (4D int16) written again with a slope and an intercept: the scaled 4D case.
func = nib.load(os.path.join(NIB, "functional.nii"))
scaled = nib.Nifti1Image(np.asarray(func.dataobj), func.affine, func.header.copy())
scaled.header.set_slope_inter(0.5, -12.25)
scaled.header.set_data_dtype(np.int16)
nib.save(scaled, os.path.join(OUT, "functional_scaled.nii.gz"))
nifti_case("functional_scaled.nii.gz", "4D int16 scaled by scl_slope 0.5, scl_inter -12.25 (from nibabel's functional.nii)")
nifti_case("functional_scaled.nii.gz", "one volume of the scaled 4D file", volume=7)

# Every common datatype, both byte orders: qform only (rotated), or no transform at all.
rng = np.random.default_rng(6)
theta = 0.3
rot = np.array([[math.cos(theta), -math.sin(theta), 0], [math.sin(theta), math.cos(theta), 0], [0, 0, 1]])
aff = np.eye(4)
aff[:3, :3] = rot @ np.diag([1.5, 2.0, 2.5])
aff[:3, 3] = [-10, 20.5, 7]
for dt in ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]:
    for order in "<>":
        info = np.iinfo(dt) if dt[0] in "iu" else None
        lo, hi = (max(info.min, -1e6), min(info.max, 1e6)) if info else (-1e4, 1e4)
        arr = rng.uniform(lo, hi, (3, 4, 5)).astype(dt)
        arr[0, 0, 0], arr[2, 3, 4] = lo, hi
        hdr = nib.Nifti1Header(endianness=order)
        img = nib.Nifti1Image(arr, None, hdr)
        img.set_qform(aff, code=1)
        img.set_sform(None, code=0)
        if dt == "float64":
            img.set_qform(None, code=0)  # no transform: nibabel's base affine
        if dt == "int16":
            img.header.set_slope_inter(2.0, 1.5)
        name = f"dtype_{dt}_{'le' if order == '<' else 'be'}.nii"
        nib.save(img, os.path.join(OUT, name))
        nifti_case(name, f"{dt}, {'little' if order == '<' else 'big'}-endian (generated)")


# ---------------------------------------------------------------- DICOM
def rescaled(ds):
    arr = ds.pixel_array.astype(np.float64)
    slope = float(ds.get("RescaleSlope", 1) or 1)
    inter = float(ds.get("RescaleIntercept", 0) or 0)
    if "DoseGridScaling" in ds:
        slope *= float(ds.DoseGridScaling)
    return arr * slope + inter


def as_ijk(arr, frames):
    """pydicom gives (frames, rows, cols) or (rows, cols); Jimu's index order is (col, row, frame)."""
    if frames == 1 and arr.ndim == 2:
        arr = arr[None]
    return np.transpose(arr, (2, 1, 0))


def ras_affine(iop, ipp, ps, slice_vec):
    x, y = np.array(iop[:3], float), np.array(iop[3:], float)
    m = np.eye(4)
    m[:3, 0] = x * float(ps[1])
    m[:3, 1] = y * float(ps[0])
    m[:3, 2] = slice_vec
    m[:3, 3] = np.array(ipp, float)
    return (np.diag([-1, -1, 1, 1]) @ m).tolist()


def geometry(ds):
    """IOP, IPP, PixelSpacing from the top level or from the enhanced multi-frame functional groups;
    identity, origin and 1 mm where the file has none (e.g. secondary capture)."""
    iop, ipp, ps = ds.get("ImageOrientationPatient"), ds.get("ImagePositionPatient"), ds.get("PixelSpacing")
    shared = ds.get("SharedFunctionalGroupsSequence")
    per = ds.get("PerFrameFunctionalGroupsSequence")
    if shared:
        g = shared[0]
        if iop is None and "PlaneOrientationSequence" in g:
            iop = g.PlaneOrientationSequence[0].ImageOrientationPatient
        if ps is None and "PixelMeasuresSequence" in g:
            ps = g.PixelMeasuresSequence[0].PixelSpacing
    if per and ipp is None and "PlanePositionSequence" in per[0]:
        ipp = per[0].PlanePositionSequence[0].ImagePositionPatient
    return (list(iop) if iop else [1, 0, 0, 0, 1, 0]), (list(ipp) if ipp else [0, 0, 0]), (list(ps) if ps else [1, 1])


def dicom_case(name, note, force=False, suv=None):
    ds = pydicom.dcmread(os.path.join(OUT, name), force=force)
    if "TransferSyntaxUID" not in ds.get("file_meta", {}):
        ds.file_meta = pydicom.dataset.FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    vals = as_ijk(rescaled(ds), frames)
    if suv is not None:
        vals = vals * suv
    iop, ipp, ps = geometry(ds)
    x, y = np.array(iop[:3], float), np.array(iop[3:], float)
    n = np.cross(x, y)
    if "GridFrameOffsetVector" in ds and frames > 1:
        off = np.array(ds.GridFrameOffsetVector, float)
        dz = float(np.mean(np.diff(off)))
    else:
        pm = ds.SharedFunctionalGroupsSequence[0].get("PixelMeasuresSequence", [ds])[0] if "SharedFunctionalGroupsSequence" in ds else ds
        dz = float(ds.get("SpacingBetweenSlices", 0) or ds.get("SliceThickness", 0)
                   or pm.get("SpacingBetweenSlices", 0) or pm.get("SliceThickness", 0) or 1)
    c = {
        "file": name, "note": note, "transferSyntax": str(ds.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in ds.get("file_meta", {}) else None,
        "modality": ds.Modality, "shape": list(vals.shape),
        "spacing": [float(ps[1]), float(ps[0]), abs(dz)],
        "affine": ras_affine(iop, ipp, ps, n * dz),
        "bitsAllocated": int(ds.BitsAllocated), "pixelRepresentation": int(ds.PixelRepresentation),
        **stats(vals, probes_for(list(vals.shape))),
    }
    expected["dicom"].append(c)


for src, name, note in [
    ("CT_small.dcm", "CT_small.dcm", "CT, explicit VR little endian, rescale -1024"),
    ("MR_small.dcm", "MR_small.dcm", "MR, explicit VR little endian"),
    ("MR_small_implicit.dcm", "MR_small_implicit.dcm", "MR, implicit VR little endian"),
    ("MR_small_bigendian.dcm", "MR_small_bigendian.dcm", "MR, explicit VR big endian"),
    ("MR_small_RLE.dcm", "MR_small_RLE.dcm", "MR, RLE lossless"),
    ("image_dfl.dcm", "image_dfl.dcm", "deflated explicit VR little endian"),
    ("rtdose.dcm", "rtdose.dcm", "RTDOSE, 15 frames, GridFrameOffsetVector and DoseGridScaling, no preamble"),
    ("liver_1frame.dcm", "liver_seg_1frame.dcm", "SEG, 1-bit binary frame"),
]:
    copy_in(os.path.join(PYD, src), name)
    dicom_case(name, note, force=True)

# No preamble and no file meta group: CT_small's data set alone (pydicom's no_meta.dcm has a stray first byte).
raw = open(os.path.join(PYD, "CT_small.dcm"), "rb").read()
meta_len = int.from_bytes(raw[140:144], "little")
with open(os.path.join(OUT, "CT_small_no_meta.dcm"), "wb") as f:
    f.write(raw[132 + 12 + meta_len:])
bare = pydicom.dcmread(os.path.join(OUT, "CT_small_no_meta.dcm"), force=True)
assert "file_meta" not in bare or "TransferSyntaxUID" not in bare.file_meta
bare.file_meta = pydicom.dataset.FileMetaDataset()
bare.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian  # pydicom needs it to decode pixels
bare.save_as("/tmp/_bare_check.dcm")
dicom_case("CT_small_no_meta.dcm", "no preamble and no file meta (bare explicit VR little endian data set)", force=True)
expected["dicom"][-1]["transferSyntax"] = None

# Compressed files decoded by the codecs: their reference values and the syntaxes still refused (a typed
# error naming the syntax) are written by dicom_codecs.py into expected-codecs.json.
for name in ["MR_small_jpeg_ls_lossless.dcm", "JPEG2000.dcm"]:
    copy_in(os.path.join(PYD, name), name)

# A real two-slice MR series (Siemens, implicit VR; nibabel's tests): sorted along the slice normal.
series = []
for i in (0, 1):
    series.append(copy_in(os.path.join(NIB, f"{i}.dcm"), f"series_mr_{i}.dcm"))
dss = [pydicom.dcmread(os.path.join(OUT, f)) for f in series]
x, y = np.array(dss[0].ImageOrientationPatient[:3], float), np.array(dss[0].ImageOrientationPatient[3:], float)
n = np.cross(x, y)
order = sorted(range(len(dss)), key=lambda i: float(np.dot(n, np.array(dss[i].ImagePositionPatient, float))))
dss = [dss[i] for i in order]
pos = [np.array(d.ImagePositionPatient, float) for d in dss]
dz = float(np.mean([np.linalg.norm(pos[i + 1] - pos[i]) for i in range(len(pos) - 1)]))
vol = np.stack([rescaled(d).T for d in dss], axis=2)
expected["series"].append({
    "files": series, "note": "two slices of a Siemens MR series, implicit VR (nibabel's 0.dcm, 1.dcm)",
    "order": [series[i] for i in order], "shape": list(vol.shape),
    "spacing": [float(dss[0].PixelSpacing[1]), float(dss[0].PixelSpacing[0]), dz],
    "affine": ras_affine(dss[0].ImageOrientationPatient, dss[0].ImagePositionPatient, dss[0].PixelSpacing, n * dz),
    **stats(vol, probes_for(list(vol.shape))),
})

# PET in SUV (body weight), made from MR_small with the PET attributes SUV needs.
pet = pydicom.dcmread(os.path.join(PYD, "MR_small.dcm"))
pet.Modality = "PT"
pet.SOPClassUID = "1.2.840.10008.5.1.4.1.1.128"
pet.file_meta.MediaStorageSOPClassUID = pet.SOPClassUID
pet.Units = "BQML"
pet.DecayCorrection = "START"
pet.CorrectedImage = ["ATTN", "DECY"]
pet.PatientWeight = 72.5
pet.SeriesDate = "20200101"
pet.SeriesTime = "101500"
pet.AcquisitionTime = "102000"
pet.RescaleSlope = "2.5"
pet.RescaleIntercept = "0"
rp = Dataset()
rp.RadiopharmaceuticalStartTime = "093000"
rp.RadionuclideTotalDose = "370000000"
rp.RadionuclideHalfLife = "6586.2"
pet.RadiopharmaceuticalInformationSequence = Sequence([rp])
pet.save_as(os.path.join(OUT, "pet_suv.dcm"))
elapsed = 45 * 60  # SeriesTime - RadiopharmaceuticalStartTime, seconds
decayed_dose = 370e6 * math.exp(-math.log(2) * elapsed / 6586.2)
dicom_case("pet_suv.dcm", "PET (made from MR_small) in SUV body weight", suv=72.5 * 1000 / decayed_dose)

# JPEG Baseline, 8-bit grey: MR_small scaled to 0..255, compressed by Pillow (libjpeg), decoded by pydicom
# through Pillow. Jimu decodes the same stream with its own sequential DCT decoder (src/data/dicom/jpeg12.ts); lossy decoders may round differently, hence the tolerance.
import io
from PIL import Image
from pydicom.encaps import encapsulate
jp = pydicom.dcmread(os.path.join(PYD, "MR_small.dcm"))
grey = jp.pixel_array.astype(np.float64)
grey = np.round(255 * (grey - grey.min()) / (grey.max() - grey.min())).astype(np.uint8)
buf = io.BytesIO()
Image.fromarray(grey, mode="L").save(buf, format="JPEG", quality=90)
jp.PixelData = encapsulate([buf.getvalue()])
jp["PixelData"].is_undefined_length = True
jp["PixelData"].VR = "OB"
jp.BitsAllocated, jp.BitsStored, jp.HighBit, jp.PixelRepresentation = 8, 8, 7, 0
jp.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.50"
jp.is_implicit_VR, jp.is_little_endian = False, True
jp.save_as(os.path.join(OUT, "MR_small_jpeg_baseline.dcm"))
dicom_case("MR_small_jpeg_baseline.dcm", "JPEG Baseline 8-bit grey (made from MR_small with Pillow)")
expected["dicom"][-1]["tolerance"] = 2

# RTSTRUCT (pydicom's rtstruct.dcm, no preamble) rasterised on a reference grid with matplotlib's Path.
copy_in(os.path.join(PYD, "rtstruct.dcm"), "rtstruct.dcm")
rs = pydicom.dcmread(os.path.join(OUT, "rtstruct.dcm"), force=True)
grid = {"shape": [50, 40, 3], "origin": [-245.0, -195.0, -200.0], "spacing": [10.0, 10.0, 10.0]}
mask = np.zeros(grid["shape"], np.uint8)
ii, jj = np.meshgrid(np.arange(grid["shape"][0]), np.arange(grid["shape"][1]), indexing="ij")
cx = grid["origin"][0] + ii * 10.0
cy = grid["origin"][1] + jj * 10.0
for roi in rs.ROIContourSequence:
    if roi.ReferencedROINumber != 1:
        continue
    for c in roi.ContourSequence:
        pts = np.array(c.ContourData, float).reshape(-1, 3)
        k = int(round((pts[0, 2] - grid["origin"][2]) / 10.0))
        inside = Path(pts[:, :2]).contains_points(np.c_[cx.ravel(), cy.ravel()]).reshape(cx.shape)
        mask[:, :, k] ^= inside.astype(np.uint8)
expected["rtstruct"].append({
    "file": "rtstruct.dcm", "roi": "patient", "grid": grid,
    "rois": [r.ROIName for r in rs.StructureSetROISequence],
    "voxels": int(mask.sum()), "perSlice": [int(mask[:, :, k].sum()) for k in range(3)],
    "probes": [{"index": [i, j, k], "value": int(mask[i, j, k])} for (i, j, k) in [(0, 0, 0), (5, 5, 0), (25, 20, 1), (4, 20, 2), (45, 35, 2), (44, 34, 2)]],
})

# De-identification inputs: CT_small with identifiers at the top level, in nested sequences and in private
# tags, once in UTF-8 and once in GB18030. The test scans the output bytes for every identifier.
for charset, codec, name in [("ISO_IR 192", "utf-8", "deid_utf8.dcm"), ("GB18030", "gb18030", "deid_gb18030.dcm")]:
    ds = pydicom.dcmread(os.path.join(PYD, "CT_small.dcm"))
    ds.SpecificCharacterSet = charset
    person = "王^小东" if codec == "utf-8" else "张^三丰"
    ids = {
        "PatientName": person, "PatientID": "MRN-884422", "PatientBirthDate": "19610415",
        "OtherPatientNames": "李^四", "InstitutionName": "北京协和医院", "ReferringPhysicianName": "赵^医生",
        "AccessionNumber": "ACC-7731", "PatientAddress": "上海市徐汇区漕溪北路 88 号",
    }
    for k, v in ids.items():
        setattr(ds, k, v)
    inner = Dataset()
    inner.PatientName = person
    inner.PatientID = "MRN-884422"
    inner.ReferencedSOPInstanceUID = ds.SOPInstanceUID
    inner.ReferencedSOPClassUID = ds.SOPClassUID
    deeper = Dataset()
    deeper.PersonName = "钱^七"
    deeper.InstitutionName = "北京协和医院"
    inner.ContentSequence = Sequence([deeper])
    ds.ReferencedImageSequence = Sequence([inner])
    req = Dataset()
    req.RequestingPhysician = "孙^八"
    req.AccessionNumber = "ACC-7731"
    ds.RequestAttributesSequence = Sequence([req])
    ds.add_new(0x00091010, "LO", "PRIVATE-SECRET-99")
    ds.add_new(0x00090010, "LO", "ACME")
    ds.BurnedInAnnotation = "NO"
    ds.save_as(os.path.join(OUT, name))
    raw = open(os.path.join(OUT, name), "rb").read()
    needles = sorted({v for v in list(ids.values()) + ["钱^七", "孙^八", "PRIVATE-SECRET-99"]})
    expected["deid"].append({
        "file": name, "charset": charset,
        "identifiers": [{"text": v, "hex": v.encode(codec).hex()} for v in needles],
        "uids": {"study": ds.StudyInstanceUID, "series": ds.SeriesInstanceUID, "sop": ds.SOPInstanceUID, "frame": ds.FrameOfReferenceUID},
        "present": all(v.encode(codec) in raw for v in needles),
    })
copy_in(os.path.join(PYD, "..", "charset_files", "chrX2.dcm"), "chrX2_gb18030.dcm")
expected["charset"] = {"file": "chrX2_gb18030.dcm", "patientName": str(pydicom.dcmread(os.path.join(OUT, "chrX2_gb18030.dcm")).PatientName)}

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("wrote", OUT, sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT)), "bytes")
