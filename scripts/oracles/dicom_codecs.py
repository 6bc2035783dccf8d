"""Fixtures and reference values for the compressed and colour DICOM decoders in src/data/dicom/ (JPEG
Lossless, JPEG-LS, JPEG 2000, colour photometric interpretations, PALETTE COLOR). Run after medical.py:

    apt-get download python3-pydicom dcmtk libdcmtk17      # pydicom's test files; DCMTK to make a few more and decode JPEG
    for d in *.deb; do dpkg-deb -x $d /tmp/x; done
    LD_LIBRARY_PATH=/tmp/x/usr/lib/x86_64-linux-gnu DCMDICTPATH=/tmp/x/usr/share/libdcmtk17/dicom.dic \\
      /usr/bin/python3 scripts/oracles/dicom_codecs.py /tmp/x

It copies small real files from pydicom's test data (Debian python3-pydicom 2.3.1) into
src/data/fixtures/medical/, makes a few more from MR_small.dcm with DCMTK 3.6.7 (dcmcjpeg, dcmcjpls) and
pydicom, and writes expected-codecs.json beside them. Reference values come from readers independent of
Jimu's codecs:
  * lossless files: the uncompressed (or RLE) twin read by pydicom's numpy/RLE handlers — voxel for voxel;
  * lossy JPEG 2000 and JPEG baseline: pydicom through Pillow (OpenJPEG, libjpeg-turbo);
  * JPEG-LS near-lossless: DCMTK's dcmdjpls (its own CharLS build), and within NEAR of the twin;
  * uncompressed colour: pydicom's numpy handler, YBR converted with pydicom's convert_color_space;
  * PALETTE COLOR: pydicom's apply_color_lut;
  * JPEG Extended 12-bit, and Jimu's DCT decoder alone on 8-bit baseline frames: DCMTK's dcmdjpeg, voxel for
    voxel (a SHA-256 of all voxels).
The TypeScript tests need no Python.
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import apply_color_lut, convert_color_space

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/x"
PYD = os.path.join(ROOT, "usr", "lib", "python3", "dist-packages", "pydicom", "data", "test_files")
if not os.path.isdir(PYD):
    PYD = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
PALETTES = os.path.join(os.path.dirname(PYD), "palettes")
DCMTK = os.path.join(ROOT, "usr", "bin")
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "data", "fixtures", "medical")
expected = {"cases": [], "errors": []}


def copy_in(name, src=None):
    shutil.copyfile(os.path.join(PYD, src or name), os.path.join(OUT, name))
    return name


def dcmtk(tool, *args):
    subprocess.run([os.path.join(DCMTK, tool), *args], check=True)


def probes_for(shape, n=8):
    rng = np.random.default_rng(sum(shape) + len(shape))
    return [tuple(int(rng.integers(0, s)) for s in shape) for _ in range(n)] + [tuple(s - 1 for s in shape)]


def as_jimu(arr, ds):
    """pydicom's (frames, rows, cols[, samples]) → Jimu's (col, row, frame[, channel])."""
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    colour = arr.ndim == (3 if frames == 1 else 4)  # a trailing samples axis (RGB, or a palette applied)
    if colour:
        if frames == 1:
            arr = arr[None]
        return np.transpose(arr, (2, 1, 0, 3))
    if frames == 1:
        arr = arr[None]
    return np.transpose(arr, (2, 1, 0))


def rescaled(ds, arr):
    arr = arr.astype(np.float64)
    if int(ds.get("SamplesPerPixel", 1) or 1) != 1 or ds.get("PhotometricInterpretation") == "PALETTE COLOR":
        return arr
    slope = float(ds.get("RescaleSlope", 1) or 1)
    inter = float(ds.get("RescaleIntercept", 0) or 0)
    return arr * slope + inter


def case(name, note, arr, oracle, twin=None, twin_tolerance=0, tolerance=0, colour=None):
    """arr: the reference stored values from an independent reader, pydicom's axis order."""
    ds = pydicom.dcmread(os.path.join(OUT, name))
    vals = as_jimu(rescaled(ds, arr), ds)
    fin = vals[np.isfinite(vals)]
    c = {
        "file": name, "note": note, "oracle": oracle,
        "transferSyntax": str(ds.file_meta.TransferSyntaxUID),
        "photometric": str(ds.PhotometricInterpretation),
        "shape": list(vals.shape),
        "min": float(fin.min()), "max": float(fin.max()), "mean": float(fin.mean()),
        "probes": [{"index": list(p), "value": float(vals[p])} for p in probes_for(list(vals.shape))],
        "tolerance": tolerance,
    }
    if twin:
        # The twin's pixels by pydicom; the bound is what the oracle itself shows (plus the decoder tolerance).
        ref = pixels(twin).astype(np.float64)
        ref = ref if ref.ndim == arr.ndim else ref[None]
        diff = float(np.abs(np.asarray(arr, np.float64).reshape(ref.shape) - ref).max())
        assert diff <= twin_tolerance or twin_tolerance < 0, (name, diff)
        c["twin"] = twin
        c["twinTolerance"] = diff + tolerance
    if colour:
        c["colour"] = colour
    expected["cases"].append(c)


def pixels(name):
    return pydicom.dcmread(os.path.join(OUT, name)).pixel_array


def decoded_by_dcmtk(tool, name):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "raw.dcm")
        dcmtk(tool, os.path.join(OUT, name), out)
        return pydicom.dcmread(out).pixel_array


# ---------------------------------------------------------------- grey, lossless: voxel for voxel with MR_small
mr = pixels("MR_small.dcm")  # copied by medical.py
copy_in("MR_small_jp2klossless.dcm")
case("MR_small_jp2klossless.dcm", "JPEG 2000 lossless, 16-bit signed (pydicom)", mr, "MR_small.dcm read by pydicom (numpy)", twin="MR_small.dcm")
case("MR_small_jpeg_ls_lossless.dcm", "JPEG-LS lossless, 16-bit signed (pydicom)", mr, "MR_small.dcm read by pydicom (numpy)", twin="MR_small.dcm")
for args, name, note in [
    (["+e1"], "MR_small_jpeg_lossless_sv1.dcm", "JPEG Lossless SV1 (.70), 16-bit signed (MR_small compressed by DCMTK dcmcjpeg +e1)"),
    (["+el", "+sv", "6"], "MR_small_jpeg_lossless_p14.dcm", "JPEG Lossless process 14, predictor 6 (.57), 16-bit signed (MR_small by DCMTK dcmcjpeg +el +sv 6)"),
]:
    dcmtk("dcmcjpeg", *args, os.path.join(OUT, "MR_small.dcm"), os.path.join(OUT, name))
    case(name, note, mr, "MR_small.dcm read by pydicom (numpy)", twin="MR_small.dcm")

# ---------------------------------------------------------------- grey, lossy
# DCMTK encodes near-lossless JPEG-LS only for unsigned pixels; MR_small's values are all positive, so its
# pixels marked unsigned are the same numbers.
assert mr.min() >= 0
with tempfile.TemporaryDirectory() as d:
    u = pydicom.dcmread(os.path.join(OUT, "MR_small.dcm"))
    u.PixelRepresentation = 0
    u.save_as(os.path.join(d, "unsigned.dcm"))
    dcmtk("dcmcjpls", "+en", "+md", "2", os.path.join(d, "unsigned.dcm"), os.path.join(OUT, "MR_small_jpeg_ls_near.dcm"))
near = decoded_by_dcmtk("dcmdjpls", "MR_small_jpeg_ls_near.dcm")
assert np.abs(near.astype(int) - mr.astype(int)).max() <= 2
case("MR_small_jpeg_ls_near.dcm", "JPEG-LS near-lossless NEAR=2 (.81), 16-bit unsigned (MR_small marked unsigned, by DCMTK dcmcjpls +en +md 2)", near,
     "DCMTK dcmdjpls; and within NEAR=2 of MR_small", twin="MR_small.dcm", twin_tolerance=2)
case("JPEG2000.dcm", "JPEG 2000 (.91), 16-bit signed, 1024×256 (pydicom)", pixels("JPEG2000.dcm"), "pydicom through Pillow (OpenJPEG)")

# ---------------------------------------------------------------- colour
rgb = pixels(copy_in("SC_rgb_rle.dcm"))
case("SC_rgb_rle.dcm", "RGB, RLE lossless, 8-bit (pydicom)", rgb, "pydicom (RLE handler)", colour="rgb")
copy_in("SC_rgb_rle_16bit_2frame.dcm")
case("SC_rgb_rle_16bit_2frame.dcm", "RGB, RLE lossless, 16-bit, 2 frames (pydicom)", pixels("SC_rgb_rle_16bit_2frame.dcm"), "pydicom (RLE handler)", colour="rgb")
copy_in("SC_rgb_small_odd.dcm")
case("SC_rgb_small_odd.dcm", "RGB, uncompressed, planar configuration 0, 3×3 (pydicom)", pixels("SC_rgb_small_odd.dcm"), "pydicom (numpy)", colour="rgb")
copy_in("ExplVR_BigEnd.dcm")
case("ExplVR_BigEnd.dcm", "RGB, uncompressed, planar configuration 1, explicit VR big endian (pydicom)", pixels("ExplVR_BigEnd.dcm"), "pydicom (numpy)", colour="rgb")
# Planar configuration 1, little endian: SC_rgb_rle's pixels written colour-by-plane.
pl = pydicom.dcmread(os.path.join(OUT, "SC_rgb_rle.dcm"))  # not decompress(): pydicom 2.3 then rewrites PixelData on save
pl["PixelData"].is_undefined_length = False
pl.PixelData = np.ascontiguousarray(rgb.transpose(2, 0, 1)).tobytes()
pl.PlanarConfiguration = 1
pl.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
pl.is_implicit_VR, pl.is_little_endian = False, True
pl.save_as(os.path.join(OUT, "SC_rgb_planar1.dcm"))
assert (pixels("SC_rgb_planar1.dcm") == rgb).all()
case("SC_rgb_planar1.dcm", "RGB, uncompressed, planar configuration 1 (SC_rgb_rle rewritten by pydicom)", pixels("SC_rgb_planar1.dcm"), "pydicom (numpy)", twin="SC_rgb_rle.dcm", colour="rgb")
copy_in("SC_ybr_full_422_uncompressed.dcm")
ybr = convert_color_space(pixels("SC_ybr_full_422_uncompressed.dcm"), "YBR_FULL", "RGB")
case("SC_ybr_full_422_uncompressed.dcm", "YBR_FULL_422, uncompressed, converted to RGB (pydicom)", ybr,
     "pydicom (numpy) + convert_color_space YBR_FULL→RGB", twin="SC_rgb_rle.dcm", twin_tolerance=-1, tolerance=1, colour="rgb")
# YBR_FULL uncompressed: SC_rgb_rle converted to YBR_FULL by pydicom.
yf = pydicom.dcmread(os.path.join(OUT, "SC_rgb_rle.dcm"))
yf["PixelData"].is_undefined_length = False
yf.PixelData = convert_color_space(rgb, "RGB", "YBR_FULL").tobytes()
yf.PhotometricInterpretation = "YBR_FULL"
yf.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
yf.is_implicit_VR, yf.is_little_endian = False, True
yf.save_as(os.path.join(OUT, "SC_ybr_full_uncompressed.dcm"))
assert (pixels("SC_ybr_full_uncompressed.dcm") == convert_color_space(rgb, "RGB", "YBR_FULL")).all()
case("SC_ybr_full_uncompressed.dcm", "YBR_FULL, uncompressed, converted to RGB (SC_rgb_rle converted by pydicom)",
     convert_color_space(pixels("SC_ybr_full_uncompressed.dcm"), "YBR_FULL", "RGB"), "pydicom (numpy) + convert_color_space YBR_FULL→RGB",
     twin="SC_rgb_rle.dcm", twin_tolerance=2, tolerance=1, colour="rgb")
copy_in("SC_rgb_jpeg_gdcm.dcm")
case("SC_rgb_jpeg_gdcm.dcm", "RGB, JPEG Lossless SV1 (.70), 8-bit (pydicom; GDCM)", rgb, "SC_rgb_rle.dcm read by pydicom (RLE)", twin="SC_rgb_rle.dcm", colour="rgb")
for name, note in [
    ("SC_rgb_dcmtk_+eb+cy+n1.dcm", "YBR_FULL JPEG baseline (pydicom; DCMTK)"),
    ("SC_rgb_dcmtk_+eb+cy+np.dcm", "YBR_FULL_422 JPEG baseline, 4:2:2 subsampled (pydicom; DCMTK)"),
    ("SC_rgb_dcmtk_+eb+cr.dcm", "RGB JPEG baseline, no colour transform (pydicom; DCMTK)"),
]:
    safe = name.replace("+", "p")
    copy_in(safe, name)
    # pydicom 2.3 gives YBR JPEG frames as YCbCr (Pillow's conversion off): convert as pydicom's docs say.
    ref = pixels(safe)
    if "YBR" in pydicom.dcmread(os.path.join(OUT, safe)).PhotometricInterpretation:
        ref = convert_color_space(ref, "YBR_FULL", "RGB")
    case(safe, note, ref, "pydicom through Pillow (libjpeg-turbo), YBR converted by convert_color_space", twin="SC_rgb_rle.dcm", twin_tolerance=-1, tolerance=3, colour="rgb")
copy_in("SC_rgb_gdcm_KY.dcm")
case("SC_rgb_gdcm_KY.dcm", "RGB JPEG 2000 (.91) (pydicom; GDCM)", pixels("SC_rgb_gdcm_KY.dcm"), "pydicom through Pillow (OpenJPEG)", twin="SC_rgb_rle.dcm", twin_tolerance=-1, colour="rgb")
# RGB JPEG-LS (sample-interleaved) made from SC_rgb_rle by DCMTK.
dcmtk("dcmcjpls", "+el", "+is", os.path.join(OUT, "SC_rgb_planar1.dcm"), os.path.join(OUT, "SC_rgb_jpeg_ls.dcm"))
case("SC_rgb_jpeg_ls.dcm", "RGB JPEG-LS lossless, sample-interleaved (SC_rgb_rle by DCMTK dcmcjpls +el +is)", rgb, "SC_rgb_rle.dcm read by pydicom (RLE)", twin="SC_rgb_rle.dcm", colour="rgb")

# PALETTE COLOR: MR_small scaled to 0..255, with pydicom's hotiron palette (16-bit entries).
pal = pydicom.dcmread(os.path.join(OUT, "MR_small.dcm"))
lut = pydicom.dcmread(os.path.join(PALETTES, "hotiron.dcm"))
grey = mr.astype(np.float64)
grey = np.round(255 * (grey - grey.min()) / (grey.max() - grey.min())).astype(np.uint8)
pal.PixelData = grey.tobytes()
pal.BitsAllocated, pal.BitsStored, pal.HighBit, pal.PixelRepresentation = 8, 8, 7, 0
pal.PhotometricInterpretation = "PALETTE COLOR"
for k in ("RescaleSlope", "RescaleIntercept", "WindowCenter", "WindowWidth"):
    if k in pal:
        delattr(pal, k)
for c in ("Red", "Green", "Blue"):
    for suffix in ("PaletteColorLookupTableDescriptor", "PaletteColorLookupTableData"):
        el = lut[f"{c}{suffix}"]
        pal.add_new(el.tag, el.VR, el.value)
pal["PixelData"].VR = "OB"
pal.save_as(os.path.join(OUT, "MR_small_palette.dcm"))
case("MR_small_palette.dcm", "PALETTE COLOR, 8-bit indices, 16-bit hotiron LUT (MR_small scaled, pydicom)",
     apply_color_lut(pixels("MR_small_palette.dcm"), pydicom.dcmread(os.path.join(OUT, "MR_small_palette.dcm"))),
     "pydicom apply_color_lut", colour="rgb")

# ---------------------------------------------------------------- 12-bit JPEG Extended (.51): DCMTK's dcmdjpeg (IJG libjpeg 6b, 12-bit, islow IDCT)
# Jimu's own decoder (src/data/dicom/jpeg12.ts) follows libjpeg's integer IDCT: expected voxel for voxel
# (tolerance 0), checked by a SHA-256 of all the voxels besides the stats and probes.
def _segments(b):
    """(marker, payload, start, end) of each marker segment up to SOS; and the entropy data after SOS."""
    assert b[:2] == b"\xff\xd8"
    at, segs = 2, []
    while True:
        assert b[at] == 0xFF
        m = b[at + 1]
        n = (b[at + 2] << 8) | b[at + 3]
        segs.append((m, b[at + 4:at + 2 + n]))
        at += 2 + n
        if m == 0xDA:
            end = b.rindex(b"\xff\xd9")
            return segs, b[at:end]


def _huff(payload):
    tables, i = {}, 0
    while i < len(payload):
        tc, th = payload[i] >> 4, payload[i] & 15
        counts = payload[i + 1:i + 17]
        vals = payload[i + 17:i + 17 + sum(counts)]
        i += 17 + sum(counts)
        code, k, t = 0, 0, {}
        for l in range(1, 17):
            for _ in range(counts[l - 1]):
                t[(l, code)] = vals[k]
                code, k = code + 1, k + 1
            code <<= 1
        tables[(tc, th)] = t
    return tables


def add_restarts(jpeg, interval):
    """Re-codes a one-component sequential JPEG with a restart interval (DRI + RSTn), 16-bit DQT tables and
    fixed-length Huffman codes; the quantized coefficients are unchanged, so any correct decoder gives the
    same pixels as for the input. DCMTK's dcmcjpeg cannot set a restart interval: this makes one."""
    segs, ecs = _segments(jpeg)
    tables = {}
    for m, p in segs:
        if m == 0xC4:
            tables.update(_huff(p))
    sof = next(p for m, p in segs if m in (0xC0, 0xC1))
    sos = next(p for m, p in segs if m == 0xDA)
    assert sof[5] == 1 and sos[0] == 1, "one component only"
    rows, cols = (sof[1] << 8) | sof[2], (sof[3] << 8) | sof[4]
    nblocks = ((rows + 7) // 8) * ((cols + 7) // 8)
    dc, ac = tables[(0, sos[2] >> 4)], tables[(1, sos[2] & 15)]
    data = ecs.replace(b"\xff\x00", b"\xff")
    bits = "".join(f"{x:08b}" for x in data)
    pos = 0

    def sym(t):
        nonlocal pos
        code = 0
        for l in range(1, 17):
            code = (code << 1) | (bits[pos] == "1")
            pos += 1
            if (l, code) in t:
                return t[(l, code)]
        raise ValueError("bad code")

    def recv(s):
        nonlocal pos
        if s == 0:
            return 0
        v = int(bits[pos:pos + s], 2)
        pos += s
        return v if v >= 1 << (s - 1) else v - (1 << s) + 1

    blocks, pred = [], 0
    for _ in range(nblocks):
        pred += recv(sym(dc))
        coef, k = [pred] + [0] * 63, 1
        while k < 64:
            rs = sym(ac)
            r, s = rs >> 4, rs & 15
            if s == 0:
                if r != 15:
                    break
                k += 16
                continue
            k += r
            coef[k] = recv(s)
            k += 1
        blocks.append(coef)

    # Fixed-length codes: DC categories 0–16 in 5 bits; every AC symbol in 8 bits.
    dc_syms = list(range(17))
    ac_syms = [0x00, 0xF0] + [(r << 4) | s for r in range(16) for s in range(1, 16)]
    def dht(tc, syms, length):
        counts = [0] * 16
        counts[length - 1] = len(syms)
        return bytes([tc << 4]) + bytes(counts) + bytes(syms)
    dc_code = {s: (i, 5) for i, s in enumerate(dc_syms)}
    ac_code = {s: (i, 8) for i, s in enumerate(ac_syms)}
    out_bits = []

    def put(v, n):
        out_bits.append(format(v, f"0{n}b") if n else "")

    def cat(v):
        return 0 if v == 0 else abs(v).bit_length()

    def enc(v, s):
        return v if v >= 0 else v + (1 << s) - 1

    chunks = []
    def flush():
        s = "".join(out_bits)
        s += "1" * (-len(s) % 8)
        raw = bytes(int(s[i:i + 8], 2) for i in range(0, len(s), 8))
        chunks.append(raw.replace(b"\xff", b"\xff\x00"))
        out_bits.clear()

    pred = 0
    for i, coef in enumerate(blocks):
        if i and i % interval == 0:
            flush()
            chunks.append(bytes([0xFF, 0xD0 + ((i // interval - 1) % 8)]))
            pred = 0
        d = coef[0] - pred
        pred = coef[0]
        s = cat(d)
        put(*dc_code[s]); put(enc(d, s), s)
        run = 0
        last = max([k for k in range(1, 64) if coef[k]] or [0])
        for k in range(1, last + 1):
            if coef[k] == 0:
                run += 1
                continue
            while run > 15:
                put(*ac_code[0xF0]); run -= 16
            s = cat(coef[k])
            put(*ac_code[(run << 4) | s]); put(enc(coef[k], s), s)
            run = 0
        if last < 63:
            put(*ac_code[0x00])
    flush()

    def seg(m, p):
        return bytes([0xFF, m, (len(p) + 2) >> 8, (len(p) + 2) & 255]) + p
    out = b"\xff\xd8"
    for m, p in segs:
        if m == 0xDB:  # rewrite every quantization table with 16-bit entries
            i, q = 0, b""
            while i < len(p):
                pq, tq = p[i] >> 4, p[i] & 15
                vals = [int.from_bytes(p[i + 1 + 2 * k:i + 3 + 2 * k], "big") for k in range(64)] if pq else list(p[i + 1:i + 65])
                q += bytes([0x10 | tq]) + b"".join(v.to_bytes(2, "big") for v in vals)
                i += 1 + (128 if pq else 64)
            out += seg(0xDB, q)
        elif m == 0xC4:
            continue
        elif m == 0xDA:
            out += seg(0xDD, interval.to_bytes(2, "big"))
            out += seg(0xC4, dht(0, dc_syms, 5) + dht(1, ac_syms, 8))
            sos2 = bytes([1, sos[1], 0x00]) + sos[3:]
            out += seg(0xDA, sos2)
        else:
            out += seg(m, p)
    return out + b"".join(chunks) + b"\xff\xd9"


def case12(name, note, oracle_note):
    ref = decoded_by_dcmtk("dcmdjpeg", name)
    case(name, note, ref, oracle_note)
    ds = pydicom.dcmread(os.path.join(OUT, name))
    vals = as_jimu(rescaled(ds, ref), ds)
    # Jimu's data order: column fastest, then row, then frame; as float32 little-endian.
    expected["cases"][-1]["sha256"] = hashlib.sha256(np.asarray(vals, "<f4").flatten(order="F").tobytes()).hexdigest()
    return ref


copy_in("JPGExtended.dcm")
case12("JPGExtended.dcm", "JPEG Extended (.51), 12-bit, 1024×256 (pydicom)", "DCMTK dcmdjpeg (voxel for voxel, SHA-256)")
# MR_small compressed by DCMTK to 12-bit lossy JPEG (DCMTK rescales the 16-bit signed pixels into 12 bits unsigned).
dcmtk("dcmcjpeg", "+ee", os.path.join(OUT, "MR_small.dcm"), os.path.join(OUT, "MR_small_jpeg_ext12.dcm"))
mr12 = case12("MR_small_jpeg_ext12.dcm", "JPEG Extended (.51), 12-bit (MR_small by DCMTK dcmcjpeg +ee)", "DCMTK dcmdjpeg (voxel for voxel, SHA-256)")
# The same coefficients re-coded with a restart interval of 5 blocks, 16-bit DQT tables and other Huffman
# tables (add_restarts above; dcmcjpeg cannot set a restart interval). dcmdjpeg must give identical pixels.
rs = pydicom.dcmread(os.path.join(OUT, "MR_small_jpeg_ext12.dcm"))
frames = list(generate_pixel_data_frame(rs.PixelData))
rs.PixelData = encapsulate([add_restarts(frames[0], 5)])
rs.save_as(os.path.join(OUT, "MR_small_jpeg_ext12_restart.dcm"))
rsref = decoded_by_dcmtk("dcmdjpeg", "MR_small_jpeg_ext12_restart.dcm")
assert (rsref == mr12).all()
case12("MR_small_jpeg_ext12_restart.dcm", "JPEG Extended (.51), 12-bit, restart interval 5, 16-bit DQT (MR_small_jpeg_ext12 re-coded)",
       "DCMTK dcmdjpeg (voxel for voxel, SHA-256); equal to MR_small_jpeg_ext12")
# 12-bit colour, YCbCr 4:2:2 (SC_rgb_rle by DCMTK dcmcjpeg +ee +bt +s2): libjpeg's fancy upsampling and YCbCr → RGB.
dcmtk("dcmcjpeg", "+ee", "+bt", "+s2", os.path.join(OUT, "SC_rgb_planar1.dcm"), os.path.join(OUT, "SC_rgb_jpeg_ext12_422.dcm"))
case12("SC_rgb_jpeg_ext12_422.dcm", "JPEG Extended (.51), 12-bit YBR_FULL_422 colour (SC_rgb_rle by DCMTK dcmcjpeg +ee +bt +s2)",
       "DCMTK dcmdjpeg, converted to RGB (voxel for voxel, SHA-256)")
expected["cases"][-1]["colour"] = "rgb"

# Jimu's DCT decoder alone on 8-bit baseline frames (grey; RGB; YCbCr 2×2-subsampled in pebpcypn1/np, 2×1 in
# SC_rgb_jpeg_dcmtk_422 made here by dcmcjpeg +eb +s2), against
# dcmdjpeg's default output (libjpeg's islow IDCT, fancy upsampling and YCbCr → RGB): a SHA-256 of the decoded
# samples as pixel-interleaved uint16 little-endian; colourTransform says whether the frame is YCbCr-coded.
expected["dct"] = []
dcmtk("dcmcjpeg", "+eb", "+s2", os.path.join(OUT, "SC_rgb_planar1.dcm"), os.path.join(OUT, "SC_rgb_jpeg_dcmtk_422.dcm"))
for name, transform in [("MR_small_jpeg_baseline.dcm", False), ("SC_rgb_dcmtk_pebpcr.dcm", False), ("SC_rgb_jpeg_dcmtk_422.dcm", True),
                        ("SC_rgb_dcmtk_pebpcypn1.dcm", True), ("SC_rgb_dcmtk_pebpcypnp.dcm", True)]:
    ref = decoded_by_dcmtk("dcmdjpeg", name)
    expected["dct"].append({"file": name, "colourTransform": transform, "oracle": "DCMTK dcmdjpeg (voxel for voxel, SHA-256)",
                            "sha256": hashlib.sha256(np.asarray(ref, "<u2").tobytes()).hexdigest()})

with open(os.path.join(OUT, "expected-codecs.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
added = [c["file"] for c in expected["cases"]] + [e["file"] for e in expected["errors"]]
print("wrote", len(expected["cases"]), "cases;", sum(os.path.getsize(os.path.join(OUT, n)) for n in set(added)), "bytes of fixtures")
