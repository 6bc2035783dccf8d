"""Jimu's Image Folder block (readImageFolder of src/data/image-folder.ts): PNG/JPEG files decoded with
Pillow into values in [0, 1] as Jimu's decodeImage does (each sample over the largest value of its bit
depth), brought to the block's size (area averaging when shrinking by more than 2x, else linear: the
weights of src/data/resize.ts) and channels (BT.601 luma, or grey repeated), labelled by a CSV table read
as parseLabelTable reads it (src/data/label-table.ts).

Where Pillow cannot give Jimu's numbers: JPEG pixels come from libjpeg (Jimu decodes with jpeg-js; the two
decoders' inverse DCT and chroma upsampling differ by a few levels, more at sharp colour edges), and 16-bit
PNGs with colour or alpha are reduced to 8 bits by Pillow (at most 1/255 from Jimu's value). 8-bit and
grey 16-bit PNGs, palettes and 1-, 2- and 4-bit greys give Jimu's values exactly.
"""

import csv
import io
import math
import os
import re

import numpy as np

from .transforms import _apply_axis, _resize_matrix

IMAGE_FILE = re.compile(r"\.(png|jpe?g)$", re.IGNORECASE)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Jimu decodes images up to 50 megapixels (MAX_IMAGE_PIXELS of src/data/decode-image.ts).
MAX_IMAGE_PIXELS = 50_000_000


class ImageProblem(ValueError):
    """A file or table that cannot be read as the block says; the message names it and how to fix it."""


def image_format(data):
    if data[:8] == PNG_SIGNATURE:
        return "png"
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    return None


def decode_image(data, name):
    """PNG or JPEG bytes → float32 [H, W, C] in [0, 1], C = 1 (grey) or 3 (colour); alpha dropped."""
    fmt = image_format(data)
    if fmt is None:
        what = "is empty" if not data else "is neither a PNG nor a JPEG image (it starts with the bytes %s)" % " ".join("%02x" % b for b in data[:8])
        raise ImageProblem('"%s" %s. Save the image as PNG or JPEG, or remove it from the folder.' % (name, what))
    from PIL import Image

    label = "PNG" if fmt == "png" else "JPEG"
    try:
        im = Image.open(io.BytesIO(data))
        w, h = im.size
        if w * h == 0:
            raise ImageProblem('"%s" is a %s of %d x %d pixels: it holds no image. The file is damaged; export it again.' % (name, label, w, h))
        if w * h > MAX_IMAGE_PIXELS:
            raise ImageProblem('"%s" declares %d x %d pixels; Jimu decodes images up to %d megapixels. Reduce the image first.' % (name, w, h, MAX_IMAGE_PIXELS // 1000000))
        im.load()
    except ImageProblem:
        raise
    except Exception as e:  # Pillow raises many kinds for a damaged file
        raise ImageProblem('"%s" looks like a %s but cannot be read: %s. The file may be cut short or damaged; export it again.' % (name, label, e))
    mode = im.mode
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        # Grey 16-bit PNG: the samples as they are, over 65535.
        a = np.asarray(im).astype(np.float64) / 65535.0
        return a[..., None].astype(np.float32)
    if mode == "1":
        return np.asarray(im, dtype=np.float32)[..., None]
    if mode in ("L", "LA"):
        # Pillow scales 2- and 4-bit greys to 0-255 (v x 85, v x 17), so v / 3 and v / 15 come out as Jimu's.
        a = np.asarray(im.getchannel(0) if mode == "LA" else im).astype(np.float64) / 255.0
        return a[..., None].astype(np.float32)
    if mode not in ("RGB", "RGBA"):
        im = im.convert("RGB")  # palettes (their colours, as Jimu), CMYK and YCbCr JPEGs
    a = np.asarray(im).astype(np.float64)[..., :3] / 255.0
    return a.astype(np.float32)


# ---- the label table ------------------------------------------------------------------------------


def _guess_delimiter(header_line):
    """Papa Parse's guess over the header row alone: the delimiter that splits it into the most fields (at least 2), the first on ties."""
    best, most = ",", 1.99
    for d in (",", "\t", "|", ";", "\x1e", "\x1f"):
        row = next(csv.reader([header_line], delimiter=d), [])
        if len(row) > most:
            best, most = d, len(row)
    return best


def _js_number(s):
    """JavaScript's Number(s) for a trimmed, non-empty cell (NaN where it gives NaN)."""
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        return float(s)
    if re.fullmatch(r"0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+", s):
        return float(int(s, 0))
    if re.fullmatch(r"[+-]?Infinity", s):
        return -math.inf if s.startswith("-") else math.inf
    return math.nan


def _zero_one(v):
    v = v.lower()
    if v in ("true", "yes"):
        return 1
    if v in ("false", "no"):
        return 0
    n = _js_number(v)
    return int(n) if n in (0, 1) else None


def parse_label_table(text, id_column, label_columns, classes, group_column, source):
    """parseLabelTable: ids, groups, labels [n, width], label names and task, in table order."""
    if text.startswith("\ufeff"):
        text = text[1:]
    header_line = next((l for l in re.split(r"\r\n|\n|\r", text) if l.strip()), "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_guess_delimiter(header_line)))
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not numbered:
        raise ImageProblem("%s is empty. A label table has a header row (the column names) and one row per image." % source)
    header = [c.strip() for c in numbered[0][1]]
    for i, name in enumerate(header):
        if name and header.index(name) != i:
            raise ImageProblem('%s: two columns are both called "%s". Give every column its own name in the header row.' % (source, name))
    body = numbered[1:]

    def column(name, role):
        wanted = name.strip()
        if wanted in header:
            return header.index(wanted)
        matches = [k for k, h in enumerate(header) if h.lower() == wanted.lower()]
        if len(matches) == 1:
            return matches[0]
        raise ImageProblem('%s has no %s column "%s". Its columns are: %s. Choose one of them.' % (source, role, wanted, ", ".join(header)))

    id_col = column(id_column, "id")
    group_col = column(group_column, "patient") if group_column else -1
    if not label_columns:
        raise ImageProblem("No label column is chosen for %s; the columns are: %s." % (source, ", ".join(header)))
    label_cols = [column(c, "label") for c in label_columns]
    kind = "multi" if len(label_cols) > 1 else "classes" if classes else "number"
    width = len(classes) if kind == "classes" else len(label_cols) if kind == "multi" else 1
    labels = np.zeros((len(body), width), np.float32)
    ids, groups, row_numbers, seen = [], [], [], {}
    for i, (row, cells) in enumerate(body):

        def cell(c):
            return cells[c].strip() if c < len(cells) else ""

        def at(c):
            return '%s, row %d, column "%s"' % (source, row, header[c])

        ident = cell(id_col)
        if not ident:
            raise ImageProblem("%s: the id is empty. Every row needs the name of its image; fill it in or delete the row." % at(id_col))
        if ident in seen:
            raise ImageProblem('%s: rows %d and %d both have the id "%s". Each image may appear once.' % (source, seen[ident], row, ident))
        seen[ident] = row
        ids.append(ident)
        row_numbers.append(row)
        if group_col >= 0:
            g = cell(group_col)
            if not g:
                raise ImageProblem("%s: the patient is empty. Fill in the patient (or group) of every row." % at(group_col))
            groups.append(g)
        else:
            groups.append(ident)
        for k, col in enumerate(label_cols):
            value = cell(col)
            if not value:
                raise ImageProblem("%s: the label is empty. Fill in every label, or delete the rows without one." % at(col))
            if kind == "classes":
                if value not in classes:
                    raise ImageProblem('%s: "%s" is not one of the classes (%s). Add it to Classes, or correct the value.' % (at(col), value, ", ".join(classes)))
                labels[i, list(classes).index(value)] = 1
            elif kind == "multi":
                flag = _zero_one(value)
                if flag is None:
                    raise ImageProblem('%s: "%s" is not 0 or 1. With several label columns, each holds 1 when the label applies and 0 when it does not.' % (at(col), value))
                labels[i, k] = flag
            else:
                v = _js_number(value)
                if not math.isfinite(v):
                    raise ImageProblem('%s: "%s" is not a number. If this column holds class names, list them in Classes.' % (at(col), value))
                labels[i, 0] = v
    if not body:
        raise ImageProblem("%s has a header but no rows. Add one row per image." % source)
    names = list(classes) if kind == "classes" else [header[c] for c in label_cols]
    task = "multiclass" if kind == "classes" else "multilabel" if kind == "multi" else "regression"
    return ids, groups, row_numbers, labels, names, task


# ---- the folder -----------------------------------------------------------------------------------


def _join(folder, name):
    f = folder.rstrip("/")
    return name if f in ("", ".") else "%s/%s" % (f, name)


def _to_shape(image, height, width, channels):
    """toShape of src/data/image-folder.ts: resized (area when shrinking by more than 2x), then grey or colour."""
    h, w, c = image.shape
    data = image
    if h != height or w != width:
        how = "area" if max(h / height, w / width) > 2 else "linear"
        out = data
        for axis, to in enumerate((height, width)):
            if out.shape[axis] != to:
                out = _apply_axis(out.astype(np.float64), axis, _resize_matrix(out.shape[axis], to, how)).astype(np.float32)
        data = out
    if c == channels:
        return data.astype(np.float32)
    if channels == 3:
        return np.repeat(data, 3, axis=-1).astype(np.float32)
    d = data.astype(np.float64)
    return (0.299 * d[..., 0] + 0.587 * d[..., 1] + 0.114 * d[..., 2]).astype(np.float32)[..., None]


def read_image_folder(root, p):
    """The Image Folder block over files under `root` (the --data folder): (x [n, H, W, C], labels [n, k], ids, groups, names, task)."""
    folder, labels_path = p.get("folder", "images"), p.get("labels", "labels.csv")
    height, width, channels = p.get("height", 128), p.get("width", 128), p.get("channels", 3)
    resize = p.get("resize", False)
    table_file = os.path.join(root, labels_path)
    try:
        with open(table_file, "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
    except OSError as e:
        raise ImageProblem('cannot read the label table "%s" in %s: %s' % (labels_path, root, e.strerror or e))
    ids, groups, rows, labels, names, task = parse_label_table(text, p.get("idColumn", "id"), p.get("labelColumns", ["label"]), p.get("classes", []), p.get("patientColumn", ""), labels_path)
    folder_path = os.path.join(root, folder)
    try:
        files = sorted(n for n in os.listdir(folder_path) if os.path.isfile(os.path.join(folder_path, n)) and IMAGE_FILE.search(n))
    except OSError as e:
        raise ImageProblem('cannot list the folder "%s" in %s: %s' % (folder, root, e.strerror or e))
    by_name = set(files)
    by_stem = {}
    for f in files:
        by_stem.setdefault(IMAGE_FILE.sub("", f), []).append(f)

    def file_of(ident, row):
        if ident in by_name:
            return ident
        if "/" in ident and IMAGE_FILE.search(ident):
            return ident
        stem = by_stem.get(IMAGE_FILE.sub("", ident))
        if stem and len(stem) == 1:
            return stem[0]
        if stem:
            raise ImageProblem('%s, row %d: "%s" could be %s. Write the id with its extension, or keep one of the files.' % (labels_path, row, ident, " or ".join(stem)))
        raise ImageProblem('%s, row %d: there is no image "%s" in the folder "%s". %s' % (labels_path, row, ident, folder, "The folder has no PNG or JPEG files; check the folder path." if not files else 'Check the id column "%s" and the folder.' % p.get("idColumn", "id")))

    x = np.zeros((len(ids), height, width, channels), np.float32)
    sizes = {}
    for i, ident in enumerate(ids):
        name = file_of(ident, rows[i])
        path = _join(folder, name)
        try:
            with open(os.path.join(root, path), "rb") as f:
                data = f.read()
        except OSError as e:
            raise ImageProblem('cannot read "%s" in %s: %s' % (path, root, e.strerror or e))
        image = decode_image(data, path)
        sizes.setdefault("%dx%d" % image.shape[:2], []).append(name)
        # Keep reading after a wrong size, so the message can list every size in the folder.
        if not resize and image.shape[:2] != (height, width):
            continue
        x[i] = _to_shape(image, height, width, channels)
    wanted = "%dx%d" % (height, width)
    others = {s: f for s, f in sizes.items() if s != wanted}
    if not resize and others:
        listed = "; ".join("%d %s %s (%s)" % (len(f), "is" if len(f) == 1 else "are", s, ", ".join(f[:3])) for s, f in sorted(sizes.items(), key=lambda kv: -len(kv[1])))
        raise ImageProblem('the images in "%s" are not all %s (height x width): %s. Turn on "Resize while reading" in the Image Folder block, or set its Height and Width to the images\' size.' % (folder, wanted, listed))
    return x, labels, ids, groups, names, task
