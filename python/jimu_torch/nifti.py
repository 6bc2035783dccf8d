"""NIfTI-1 reading and writing with numpy alone (nibabel is used for reading when it is installed).

Why our own: a GPU machine often has PyTorch and numpy but not nibabel, and an export must still read
its dataset there. This reader covers what Jimu writes and the common cases (.nii and .nii.gz, both
byte orders, the usual datatypes, scl_slope/scl_inter); anything else is refused with a message.
"""

import gzip
import struct

import numpy as np

DTYPES = {2: "u1", 4: "i2", 8: "i4", 16: "f4", 64: "f8", 256: "i1", 512: "u2", 768: "u4", 1024: "i8", 1280: "u8"}
CODES = {np.dtype("uint8"): 2, np.dtype("int16"): 4, np.dtype("int32"): 8, np.dtype("float32"): 16, np.dtype("float64"): 64}


def read_nifti(path):
    """(data as float32 [z, y, x] (3D) or [y, x] (2D), zooms (x, y, z))."""
    try:
        import nibabel  # noqa: F401
    except ImportError:
        nibabel = None
    if nibabel is not None:
        img = nibabel.load(path)
        arr = np.asarray(img.dataobj, dtype=np.float32)
        zooms = tuple(float(z) for z in img.header.get_zooms()[:3])
        return _zyx(arr), zooms
    return _read_own(path)


def _zyx(arr):
    # NIfTI stores x fastest; numpy with Fortran-order dims (x, y, z) → C-order (z, y, x).
    while arr.ndim > 3 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if arr.ndim == 3 and arr.shape[2] == 1:
        return np.ascontiguousarray(arr[:, :, 0].T)
    return np.ascontiguousarray(arr.T)


def _read_own(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 348:
        raise ValueError("%s is too short to be a NIfTI file" % path)
    for endian in ("<", ">"):
        if struct.unpack(endian + "i", raw[:4])[0] == 348:
            break
    else:
        raise ValueError("%s is not a NIfTI-1 file (NIfTI-2 needs nibabel)" % path)
    dim = struct.unpack(endian + "8h", raw[40:56])
    code = struct.unpack(endian + "h", raw[70:72])[0]
    pixdim = struct.unpack(endian + "8f", raw[76:108])
    offset = int(struct.unpack(endian + "f", raw[108:112])[0])
    slope, inter = struct.unpack(endian + "2f", raw[112:120])
    if code not in DTYPES:
        raise ValueError("%s has NIfTI datatype %d, which this reader does not read; install nibabel" % (path, code))
    nd = dim[0]
    shape = [max(1, d) for d in dim[1 : 1 + nd]]
    count = int(np.prod(shape))
    dt = np.dtype(endian + DTYPES[code])
    arr = np.frombuffer(raw, dtype=dt, count=count, offset=offset).astype(np.float32)
    if slope not in (0.0,) and not np.isnan(slope) and (slope != 1 or inter != 0):
        arr = arr * np.float32(slope) + np.float32(inter)
    arr = arr.reshape(shape, order="F")
    zooms = tuple(float(pixdim[i]) if i < 4 else 1.0 for i in (1, 2, 3))
    return _zyx(arr), zooms


def write_nifti(path, data_zyx, zooms=(1.0, 1.0, 1.0), dtype=None):
    """Writes a [z, y, x] (or [y, x]) array as NIfTI-1 (.nii or .nii.gz), x fastest, a scaling-free qform."""
    arr = np.asarray(data_zyx)
    if dtype is not None:
        arr = arr.astype(dtype)
    if arr.dtype not in CODES:
        arr = arr.astype(np.float32)
    dims = list(reversed(arr.shape))
    while len(dims) < 3:
        dims.append(1)
    hdr = bytearray(352)
    struct.pack_into("<i", hdr, 0, 348)
    struct.pack_into("<8h", hdr, 40, 3, dims[0], dims[1], dims[2], 1, 1, 1, 1)
    struct.pack_into("<2h", hdr, 70, CODES[arr.dtype], arr.dtype.itemsize * 8)
    struct.pack_into("<8f", hdr, 76, 1.0, zooms[0], zooms[1], zooms[2], 1, 1, 1, 1)
    struct.pack_into("<f", hdr, 108, 352.0)
    struct.pack_into("<2f", hdr, 112, 1.0, 0.0)
    struct.pack_into("<h", hdr, 252, 0)  # qform_code
    struct.pack_into("<h", hdr, 254, 1)  # sform_code: scanner
    struct.pack_into("<4f", hdr, 280, zooms[0], 0, 0, 0)
    struct.pack_into("<4f", hdr, 296, 0, zooms[1], 0, 0)
    struct.pack_into("<4f", hdr, 312, 0, 0, zooms[2], 0)
    hdr[344:348] = b"n+1\x00"
    body = bytes(hdr) + np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()
    if path.endswith(".gz"):
        body = gzip.compress(body, 6)
    with open(path, "wb") as f:
        f.write(body)
