"""Jimu's preprocessing and augmentation blocks (src/data/volume-transforms.ts, volume-ops.ts, resize.ts)
over numpy arrays, with the same arithmetic and the same random draws (mulberry32, drawn in the same
order), so a step gives Jimu's result up to floating-point rounding. Examples are channels-last:
volumes [n, D, H, W, C], images [n, H, W, C] (treated as one slice, D = 1). Grids are x-fastest
([D, H, W] in C order), so "the i-th voxel" means the same voxel here and in Jimu.
"""

import math

import numpy as np

from .rng import derive_seed

M32 = 0xFFFFFFFF
CT_WINDOWS = {"brain": (40, 80), "lung": (-600, 1500), "abdomen": (50, 400), "bone": (400, 1800), "softTissue": (50, 350)}


class Random:
    """createRandom of src/data/random.ts: mulberry32 is a counter hashed, so k draws are one numpy expression."""

    def __init__(self, seed):
        self.state = seed & M32

    def take(self, k):
        states = ((self.state + 0x6D2B79F5 * np.arange(1, k + 1, dtype=np.uint64)) & M32).astype(np.uint32)
        self.state = (self.state + 0x6D2B79F5 * k) & M32
        t = states
        t = (t ^ (t >> np.uint32(15))) * (t | np.uint32(1))
        t = t ^ (t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61)))
        return (t ^ (t >> np.uint32(14))).astype(np.float64) / 4294967296.0

    def next(self):
        return float(self.take(1)[0])

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int(self, n):
        return int(math.floor(self.next() * n))

    def normals(self, k):
        d = self.take(2 * k)
        u = 1 - d[0::2]
        return np.sqrt(-2 * np.log(u)) * np.cos(2 * np.pi * d[1::2])


def js_round(v):
    return math.floor(v + 0.5)


def has_spatial_label(task, x, y):
    return task in ("segmentation", "dense-regression") and y.ndim == x.ndim


def as5(a):
    """[n, D, H, W, C] view of a volume or image batch (an image is one slice)."""
    if a.ndim == 5:
        return a
    if a.ndim == 4:
        return a[:, None]
    raise ValueError("this step works on images or volumes, but the examples have the shape %s" % (list(a.shape[1:]),))


def back(a5, like_ndim):
    return a5 if like_ndim == 5 else a5[:, 0]


# ---- CT window and intensity normalisation -------------------------------------------------------


def ct_window(x, level, width, channel):
    out = x.astype(np.float64)
    chans = range(x.shape[-1]) if channel is None else [channel]
    lo = level - width / 2
    for c in chans:
        out[..., c] = np.clip((out[..., c] - lo) / width, 0, 1)
    return out.astype(np.float32)


def normalize_intensity(x, mode, lower, upper, nonzero):
    out = x.astype(np.float64)
    n, ch = x.shape[0], x.shape[-1]
    for i in range(n):
        for c in range(ch):
            g = out[i, ..., c]
            vals = g[g != 0] if nonzero else g.ravel()
            vals = vals.astype(np.float32).astype(np.float64)
            if mode == "zscore":
                mean = vals.sum() / len(vals) if len(vals) else 0.0
                sd = math.sqrt(((vals - mean) ** 2).sum() / len(vals)) if len(vals) else 0.0
                div = sd if sd > 1e-8 else 1.0
                z = (g - mean) / div
                out[i, ..., c] = np.where(g == 0, g, z) if nonzero else z
            else:
                s = np.sort(vals)
                lo, hi = _percentile(s, lower), _percentile(s, upper)
                span = hi - lo if hi - lo > 1e-8 else 1.0
                out[i, ..., c] = np.clip((g - lo) / span, 0, 1)
    return out.astype(np.float32)


def _percentile(s, p):
    if len(s) == 0:
        return 0.0
    s = s.astype(np.float32)  # Jimu interpolates between float32 order statistics
    r = (p / 100) * (len(s) - 1)
    lo = int(math.floor(r))
    hi = min(lo + 1, len(s) - 1)
    return float(s[lo]) + (float(s[hi]) - float(s[lo])) * (r - lo)


# ---- separable resampling and resizing -------------------------------------------------------------


def _apply_axis(a, axis, matrix):
    """a [..] with `axis` of length `from`, matrix [to, from] → that axis of length `to` (float64)."""
    moved = np.moveaxis(a, axis, -1)
    return np.moveaxis(moved @ matrix.T, -1, axis)


def _resample_matrix(n_from, n_to, method):
    """sampleGrid's weights along one axis for a resample: source (t + 0.5) × ratio − 0.5, clamped to the grid."""
    ratio = n_from / n_to
    m = np.zeros((n_to, n_from), np.float64)
    for t in range(n_to):
        c = min(max((t + 0.5) * ratio - 0.5, 0), n_from - 1)
        if method == "nearest":
            m[t, js_round(c)] = 1
            continue
        i0 = int(math.floor(c))
        i1 = min(i0 + 1, n_from - 1)
        f = c - i0
        m[t, i0] += 1 - f
        m[t, i1] += f
    return m


def resampled_shape(dhw, spacing_xyz, target_xyz):
    """[D, H, W] after resampling from `spacing_xyz` to `target_xyz` mm (Jimu's resampledShape)."""
    whd = [dhw[2], dhw[1], dhw[0]]
    out = [max(1, js_round(whd[a] * spacing_xyz[a] / target_xyz[a])) for a in range(3)]
    return [out[2], out[1], out[0]]


def resample_grid(g, spacing_xyz, target_xyz, method):
    """One [D, H, W] grid resampled from `spacing_xyz` to `target_xyz` mm (Jimu's resampleGrid)."""
    dhw = list(g.shape)
    to = resampled_shape(dhw, spacing_xyz, target_xyz)
    out = g.astype(np.float64)
    for axis, (f, t) in enumerate(zip(dhw, to)):
        out = _apply_axis(out, axis, _resample_matrix(f, t, method))
    return out.astype(np.float32)


def fit_grid(g, size_dhw, centre, pad):
    """cropOrPad of src/data/volume-ops.ts on a [D, H, W] grid, the window centred on `centre` ([d, h, w])."""
    return _crop_pad_grid(g, list(size_dhw), centre, pad)


def foreground_centre(mask):
    """The centre ([d, h, w]) of the bounding box of a grid's non-zero voxels, or None."""
    return _fg_centre(mask != 0)


def resample(x, y, task, spacing_xyz, target_xyz):
    """Trilinear images, nearest masks (dense maps trilinear); returns x, y and the spacing reached."""
    dhw = list(x.shape[1:4])
    to = resampled_shape(dhw, spacing_xyz, target_xyz)
    spatial = has_spatial_label(task, x, y)
    label_method = "nearest" if task == "segmentation" else "linear"

    def run(a, method):
        out = a.astype(np.float64)
        for axis, (f, t) in enumerate(zip(dhw, to)):
            out = _apply_axis(out, axis + 1, _resample_matrix(f, t, method))
        return out.astype(np.float32)

    xs = run(x, "linear")
    ys = run(y, label_method) if spatial else y
    whd_from, whd_to = [dhw[2], dhw[1], dhw[0]], [to[2], to[1], to[0]]
    spacing = [spacing_xyz[a] * whd_from[a] / whd_to[a] for a in range(3)]
    return xs, ys, spacing


def _resize_matrix(n_from, n_to, method):
    """axisTaps of src/data/resize.ts as a matrix (its weights are float32, as Jimu stores them)."""
    scale = n_from / n_to
    m = np.zeros((n_to, n_from), np.float64)
    for j in range(n_to):
        if method == "nearest":
            m[j, min(n_from - 1, int(math.floor((j + 0.5) * scale)))] = 1
        elif method == "area":
            width = math.ceil(scale) + 1
            start, end = j * scale, min(n_from, (j + 1) * scale)
            i, t = int(math.floor(start)), 0
            while i < end and t < width:
                m[j, i] += float(np.float32((min(end, i + 1) - max(start, i)) / scale))
                i += 1
                t += 1
        else:
            src = min(n_from - 1, max(0, (j + 0.5) * scale - 0.5))
            i0 = int(math.floor(src))
            i1 = min(n_from - 1, i0 + 1)
            w = src - i0
            m[j, i0] += float(np.float32(1 - w))
            m[j, i1] += float(np.float32(w))
    return m


def resize(x, y, task, size, method, spacing):
    """Resize's run: each spatial axis in turn (separable), masks nearest, dense maps by `method`."""
    spatial = has_spatial_label(task, x, y)

    def run(a, how):
        out = a
        for axis, t in enumerate(size):
            f = out.shape[axis + 1]
            if f == t:
                continue
            out = _apply_axis(out.astype(np.float64), axis + 1, _resize_matrix(f, t, how)).astype(np.float32)
        return np.array(out, dtype=np.float32)

    xs = run(x, method)
    ys = run(y, "nearest" if task == "segmentation" else method) if spatial else y
    new_spacing = spacing
    if spacing and x.ndim == 5:
        d, h, w = x.shape[1:4]
        new_spacing = [spacing[0] * w / size[2], spacing[1] * h / size[1], spacing[2] * d / size[0]]
    return xs, ys, new_spacing


# ---- crop / pad ------------------------------------------------------------------------------------


def _foreground(ylab):
    """ylab [D, H, W, L] → bool [D, H, W]: any class but the background (channel 0) of a one-hot map, or non-zero."""
    first = 1 if ylab.shape[-1] > 1 else 0
    return (ylab[..., first:] != 0).any(-1)


def _fg_centre(mask):
    idx = np.nonzero(mask)
    if len(idx[0]) == 0:
        return None
    return [int(math.floor((int(a.min()) + int(a.max())) / 2)) for a in idx]


def _crop_pad_grid(g, size, centre, pad):
    start = []
    for a in range(3):
        n, s = g.shape[a], size[a]
        start.append(-((s - n) // 2) if s >= n else min(max(centre[a] - s // 2, 0), n - s))
    out = np.full(size, pad, np.float32)
    src, dst = [], []
    for a in range(3):
        lo, hi = max(start[a], 0), min(start[a] + size[a], g.shape[a])
        src.append(slice(lo, max(lo, hi)))
        dst.append(slice(lo - start[a], lo - start[a] + max(0, hi - lo)))
    out[tuple(dst)] = g[tuple(src)]
    return out


def crop_pad(x, y, task, size_xyz, crop, pad):
    """CropPad's run: the window on the volume's centre or the mask's bounding-box centre."""
    if x.ndim != 5:
        raise ValueError("crop / pad works on 3D volumes [depth, height, width, channels]")
    size = [size_xyz[2], size_xyz[1], size_xyz[0]]
    spatial = has_spatial_label(task, x, y)
    n, ch = x.shape[0], x.shape[-1]
    lch = y.shape[-1] if spatial else 0
    xs = np.zeros([n] + size + [ch], np.float32)
    ys = np.zeros([n] + size + [lch], np.float32) if spatial else y
    for i in range(n):
        centre = (_fg_centre(_foreground(y[i])) if crop == "foreground" and lch > 0 else None) or [s // 2 for s in x.shape[1:4]]
        for c in range(ch):
            g = x[i, ..., c]
            xs[i, ..., c] = _crop_pad_grid(g, size, centre, float(g.min()) if pad is None else pad)
        for c in range(lch):
            ys[i, ..., c] = _crop_pad_grid(y[i, ..., c], size, centre, 1.0 if lch > 1 and c == 0 and task == "segmentation" else 0.0)
    return xs, ys


# ---- random patches -------------------------------------------------------------------------------


def example_random(seed, ids, n):
    """exampleRandom of src/data/volume-transforms.ts: example n's own stream, from the step's seed and its id,
    so a case read alone (or in another order) is drawn the same way."""
    name = "example %s" % (ids[n] if ids is not None and n < len(ids) and ids[n] is not None else n)
    return Random(derive_seed(seed, name))


def sample_patches(x, y, task, ids, groups, size_xyz, per_volume, foreground, seed):
    """PatchSample's run, draw for draw: a share `foreground` of the patches centred on a random label voxel."""
    if x.ndim != 5:
        raise ValueError("random patches work on 3D volumes [depth, height, width, channels]")
    d, h, w = x.shape[1:4]
    ps = [size_xyz[0], size_xyz[1], size_xyz[2]]  # [W, H, D]
    if ps[0] > w or ps[1] > h or ps[2] > d:
        raise ValueError("patches of %s do not fit in volumes of %s" % (size_xyz, [w, h, d]))
    spatial = has_spatial_label(task, x, y)
    xs, ys, out_ids, out_groups = [], [], [], []
    for i in range(x.shape[0]):
        rnd = example_random(seed, ids, i)
        fg = np.flatnonzero((y[i] != 0).any(-1).ravel()) if spatial and foreground > 0 else np.zeros(0, np.int64)
        for p in range(per_volume):
            centre = None
            if len(fg) > 0 and rnd.next() < foreground:
                centre = int(fg[rnd.int(len(fg))])
            if centre is None:
                start = [rnd.int([w, h, d][a] - ps[a] + 1) for a in range(3)]
            else:
                c = [centre % w, (centre // w) % h, centre // (w * h)]
                start = [min(max(c[a] - ps[a] // 2, 0), [w, h, d][a] - ps[a]) for a in range(3)]
            box = (slice(start[2], start[2] + ps[2]), slice(start[1], start[1] + ps[1]), slice(start[0], start[0] + ps[0]))
            xs.append(x[i][box])
            ys.append(y[i][box] if spatial else y[i])
            out_ids.append("%s#%d" % (ids[i], p + 1))
            out_groups.append(groups[i])
    return np.stack(xs).astype(np.float32), np.stack(ys).astype(np.float32), out_ids, out_groups


# ---- augmentation ---------------------------------------------------------------------------------


def _warp(g, at, method):
    """sampleGrid over a [D, H, W] grid at source coordinates (x, y, z) arrays, edge values repeated."""
    nk, nj, ni = g.shape
    px, py, pz = at
    xx, yy, zz = np.clip(px, 0, ni - 1), np.clip(py, 0, nj - 1), np.clip(pz, 0, nk - 1)
    src = g.astype(np.float64)
    if method == "nearest":
        return src[np.floor(zz + 0.5).astype(np.int64), np.floor(yy + 0.5).astype(np.int64), np.floor(xx + 0.5).astype(np.int64)]
    x0, y0, z0 = np.floor(xx).astype(np.int64), np.floor(yy).astype(np.int64), np.floor(zz).astype(np.int64)
    x1, y1, z1 = np.minimum(x0 + 1, ni - 1), np.minimum(y0 + 1, nj - 1), np.minimum(z0 + 1, nk - 1)
    fx, fy, fz = xx - x0, yy - y0, zz - z0

    def v(i, j, k):
        return src[k, j, i]

    c00 = v(x0, y0, z0) * (1 - fx) + v(x1, y0, z0) * fx
    c10 = v(x0, y1, z0) * (1 - fx) + v(x1, y1, z0) * fx
    c01 = v(x0, y0, z1) * (1 - fx) + v(x1, y0, z1) * fx
    c11 = v(x0, y1, z1) * (1 - fx) + v(x1, y1, z1) * fx
    return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz


def augment(x, y, task, ids, flip, rotate, scale, intensity, noise, seed):
    """Augment's run, draw for draw: flips, in-plane rotation and zoom about the centre (masks nearest),
    then per channel a gain, a shift and Gaussian noise scaled by the channel's spread."""
    nd = x.ndim
    x5, y5 = as5(x).astype(np.float32).copy(), y.copy()
    spatial = has_spatial_label(task, x, y)
    if spatial:
        y5 = as5(y).astype(np.float32).copy()
    n, d, h, w, ch = x5.shape
    geometric = len(flip) > 0 or rotate > 0 or scale > 0
    kk, jj, ii = np.meshgrid(np.arange(d), np.arange(h), np.arange(w), indexing="ij")
    cx, cy = (w - 1) / 2, (h - 1) / 2
    for e in range(n):
        rnd = example_random(seed, ids, e)
        if geometric:
            fx = "x" in flip and rnd.next() < 0.5
            fy = "y" in flip and rnd.next() < 0.5
            fz = "z" in flip and rnd.next() < 0.5
            angle = rnd.uniform(-rotate, rotate) * math.pi / 180
            zoom = 1 + rnd.uniform(-scale, scale)
            cos, sin = math.cos(angle) / zoom, math.sin(angle) / zoom
            u, v = ii - cx, jj - cy
            si = cos * u + sin * v + cx
            sj = -sin * u + cos * v + cy
            at = (w - 1 - si if fx else si, h - 1 - sj if fy else sj, (d - 1 - kk if fz else kk).astype(np.float64))
            for c in range(ch):
                x5[e, ..., c] = _warp(x5[e, ..., c], at, "linear")
            if spatial:
                for c in range(y5.shape[-1]):
                    y5[e, ..., c] = _warp(y5[e, ..., c], at, "nearest" if task == "segmentation" else "linear")
        if intensity > 0 or noise > 0:
            for c in range(ch):
                g = x5[e, ..., c].astype(np.float64)
                spread = float(g.max() - g.min()) or 1.0
                gain = 1 + rnd.uniform(-intensity, intensity)
                shift = rnd.uniform(-intensity, intensity) * spread
                out = g * gain + shift
                if noise > 0:
                    out = out + (rnd.normals(g.size) * noise * spread).reshape(g.shape)
                x5[e, ..., c] = out
    return back(x5, nd), (back(y5, y.ndim) if spatial else y)
