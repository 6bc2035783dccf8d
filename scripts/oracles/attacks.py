"""Crafted DICOM files for the de-identification and reader attack tests, written with pydicom (Debian's
python3-pydicom) from CT_small.dcm in src/data/fixtures/medical/. Run:

    /usr/bin/python3 scripts/oracles/attacks.py

It writes src/data/fixtures/medical/attacks/: one study per character set with a marker in every place an
identifier has been found to slip through de-identification (the file meta group, overlays and curves, free
text deep inside Content Sequence, Code Meaning inside a code sequence), and a file with zero padding after
its Pixel Data as some GE scanners write it, with pydicom's reading of it. attacks.json lists the markers
(with their bytes in the file's character set) and pydicom's values. The TypeScript tests need no Python.
"""
import json
import os

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

HERE = os.path.join(os.path.dirname(__file__), "..", "..", "src", "data", "fixtures", "medical")
OUT = os.path.join(HERE, "attacks")
os.makedirs(OUT, exist_ok=True)
out = {"deid": [], "padded": None}


def code_item(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c


for charset, codec, syntax, name in [
    ("ISO_IR 192", "utf-8", ExplicitVRLittleEndian, "deid_attack_utf8.dcm"),
    ("GB18030", "gb18030", ExplicitVRLittleEndian, "deid_attack_gb18030.dcm"),
    ("ISO_IR 192", "utf-8", ImplicitVRLittleEndian, "deid_attack_iso_ir_192_implicit.dcm"),
]:
    ds = pydicom.dcmread(os.path.join(HERE, "CT_small.dcm"))
    ds.SpecificCharacterSet = charset
    markers = {
        "PatientName": "Doe^John_MKFN",
        "OverlayDescription": "叠加说明MKOVLDESC",
        "OverlayLabel": "MKOVLLABEL",
        "CurveLabel": "曲线MKCURVE",
        "SourceApplicationEntityTitle": "MKSRCAE",
        "PrivateInformation": "MKPRIVINFO",
        "TextValue": "患者王小东MKTEXT",
        "CodeMeaning": "王小东手术MKCODE",
    }
    ds.PatientName = markers["PatientName"]
    # An overlay plane (bitmap plus free-text description and label) and a retired curve.
    ds.add_new(0x60000010, "US", 8)
    ds.add_new(0x60000011, "US", 8)
    ds.add_new(0x60000022, "LO", markers["OverlayDescription"])
    ds.add_new(0x60000040, "CS", "G")
    ds.add_new(0x60000050, "SS", [1, 1])
    ds.add_new(0x60000100, "US", 1)
    ds.add_new(0x60000102, "US", 0)
    ds.add_new(0x60001500, "LO", markers["OverlayLabel"])
    ds.add_new(0x60003000, "OW", bytes(8))
    ds.add_new(0x50002500, "LO", markers["CurveLabel"])
    # Free text three levels down in an SR-style Content Sequence.
    leaf = Dataset()
    leaf.ValueType = "TEXT"
    leaf.TextValue = markers["TextValue"]
    mid = Dataset()
    mid.ValueType = "CONTAINER"
    mid.ContentSequence = Sequence([leaf])
    top = Dataset()
    top.ValueType = "CONTAINER"
    top.ContentSequence = Sequence([mid])
    ds.ContentSequence = Sequence([top])
    ds.ProcedureCodeSequence = Sequence([code_item("P-77", "99LOCAL", markers["CodeMeaning"])])
    ds.file_meta.SourceApplicationEntityTitle = markers["SourceApplicationEntityTitle"]
    ds.file_meta.PrivateInformationCreatorUID = "1.2.3.4.5"
    ds.file_meta.PrivateInformation = markers["PrivateInformation"].encode("ascii")
    ds.file_meta.TransferSyntaxUID = syntax
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    ds.is_little_endian = True
    ds.save_as(os.path.join(OUT, name), write_like_original=False)
    raw = open(os.path.join(OUT, name), "rb").read()
    out["deid"].append({
        "file": name, "charset": charset, "codec": codec,
        "markers": [{"where": k, "text": v, "hex": v.encode(codec).hex()} for k, v in markers.items()],
        "present": all(v.encode(codec) in raw for v in markers.values()),
    })

# A file with 64 KiB of zeros after Pixel Data at the top level: pydicom stops there and reads the image.
name = "CT_small_zero_padded.dcm"
raw = open(os.path.join(HERE, "CT_small.dcm"), "rb").read() + bytes(65536)
open(os.path.join(OUT, name), "wb").write(raw)
ds = pydicom.dcmread(os.path.join(OUT, name))
px = ds.pixel_array.astype(np.float64) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
out["padded"] = {
    "file": name, "rows": int(ds.Rows), "columns": int(ds.Columns),
    # pydicom reads the padding as one empty (0000,0000) element, which carries nothing; it is not counted.
    "elements": len([e for e in ds if e.tag != 0]), "paddingElement": (0, 0) in ds, "sum": float(px.sum()), "min": float(px.min()), "max": float(px.max()),
    "first": [float(v) for v in px.ravel()[:5]],
}

with open(os.path.join(OUT, "attacks.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("wrote", OUT)
