"""Sliding-window inference as Jimu does it (src/core/sliding-window.ts, src/runtime/sliding-window.ts):
MONAI's window placement (scan interval, the last window pushed back to the edge, a volume smaller than
the window padded with zeros half before) and its Gaussian importance map (sigma = window x 0.125, floored
at max(min, 1e-3)), the windows' predictions blended as weighted sums over weights. Written here in numpy
so the export needs no MONAI; the same weights give Jimu's whole-volume predictions up to float rounding.
"""

import math

import numpy as np
import torch

DEFAULTS = {"overlap": 0.5, "mode": "gaussian", "sigmaScale": 0.125}


def scan_interval(padded, window, overlap):
    return [w if w == padded[i] else max(1, int(w * (1 - overlap))) for i, w in enumerate(window)]


def plan_windows(volume, window, overlap=DEFAULTS["overlap"]):
    """planWindows: (pad_before, padded, starts), starts in padded coordinates, first axis slowest."""
    if len(volume) != len(window):
        raise ValueError("a %d-axis window cannot slide over a %d-axis volume" % (len(window), len(volume)))
    if not 0 <= overlap < 1:
        raise ValueError("overlap must be at least 0 and below 1, not %s" % overlap)
    padded = [max(v, w) for v, w in zip(volume, window)]
    pad_before = [(p - v) // 2 for p, v in zip(padded, volume)]
    interval = scan_interval(padded, window, overlap)
    per_axis = []
    for size, w, step in zip(padded, window, interval):
        count = int(math.ceil(size / step))
        last = count - 1
        for d in range(count):
            if d * step + w >= size:
                last = d
                break
        per_axis.append([d * step - max(d * step + w - size, 0) for d in range(last + 1)])
    starts = [[]]
    for axis in per_axis:
        starts = [s + [a] for s in starts for a in axis]
    return pad_before, padded, starts


def importance_map(window, mode=DEFAULTS["mode"], sigma_scale=DEFAULTS["sigmaScale"]):
    """importanceMap: float32 [*window], the product of float32 1D Gaussians, floored at max(min, 1e-3)."""
    if mode == "constant":
        return np.ones(window, np.float32)
    m = np.ones([1], np.float32)
    for w in window:
        sigma = w * sigma_scale
        profile = np.array([math.exp((i - (w - 1) / 2) * (i - (w - 1) / 2) / (-2 * sigma * sigma)) for i in range(w)], np.float32)
        m = (m[..., None] * profile).astype(np.float32)
    m = m.reshape(window)
    floor = max(float(m.min()), 1e-3)
    return np.maximum(m, np.float32(floor)).astype(np.float32)


def slide(volume, window, predict, out_channels, overlap=DEFAULTS["overlap"], mode=DEFAULTS["mode"], sigma_scale=DEFAULTS["sigmaScale"], batch_size=4):
    """The blended prediction of one channels-last volume [*spatial, C] → [*spatial, out_channels] (float32).
    `predict` maps a batch [k, *window, C] (float32 numpy) to [k, *window, out_channels]."""
    spatial = list(volume.shape[:-1])
    window = [int(w) for w in window]
    pad_before, padded, starts = plan_windows(spatial, window, overlap)
    imp = importance_map(window, mode, sigma_scale).astype(np.float64)
    grid = np.zeros(padded + [volume.shape[-1]], np.float32)
    inside = tuple(slice(b, b + v) for b, v in zip(pad_before, spatial))
    grid[inside] = volume
    total = np.zeros(padded + [out_channels], np.float64)
    weight = np.zeros(padded, np.float64)
    batch_size = max(1, int(batch_size))
    for first in range(0, len(starts), batch_size):
        group = starts[first : first + batch_size]
        boxes = [tuple(slice(s, s + w) for s, w in zip(start, window)) for start in group]
        pred = np.asarray(predict(np.stack([grid[b] for b in boxes])), np.float64)
        expected = (len(group),) + tuple(window) + (out_channels,)
        if pred.shape != expected:
            raise ValueError("a window prediction has the shape %s, not %s" % (list(pred.shape), list(expected)))
        # Windows are added in Jimu's order; the padding is cropped away at the end, as MONAI does.
        for b, p in zip(boxes, pred):
            total[b] += p * imp[..., None]
            weight[b] += imp
    return (total[inside] / weight[inside][..., None]).astype(np.float32)


def needs_sliding_window(model, image_shape):
    """Whether examples of `image_shape` must be slid over (their size differs from the model's input), and can be."""
    if list(image_shape) == list(model.input_shape):
        return False
    window, out = model.input_shape[:-1], model.output_shape
    if len(image_shape) != len(model.input_shape) or len(image_shape) < 3 or image_shape[-1] != model.input_shape[-1] or list(out[:-1]) != list(window):
        raise ValueError("the model takes %s but the data is %s, and the model cannot slide over it (its output is not the size of its input); give the data the model's input size" % (list(model.input_shape), list(image_shape)))
    return True


def predict_set(model, x, device, batch_size, settings=None, amp=False):
    """predictSet of src/runtime/sliding-window.ts: the model over whole examples where they have its input
    size, else window by window over each example with `settings` (overlap, mode, sigmaScale; MONAI's defaults)."""
    s = dict(DEFAULTS, **(settings or {}))

    def run(batch):
        with torch.no_grad():
            xb = torch.from_numpy(np.ascontiguousarray(batch, np.float32)).to(device)
            if amp:
                with torch.autocast(device_type=device.type, dtype=torch.bfloat16):
                    return model(xb).float().cpu().numpy()
            return model(xb).float().cpu().numpy()

    if not needs_sliding_window(model, list(x.shape[1:])):
        outs = [run(x[i : i + batch_size]) for i in range(0, x.shape[0], batch_size)]
        return np.concatenate(outs) if outs else np.zeros((0,) + tuple(model.output_shape), np.float32)
    out_channels = model.output_shape[-1]
    window = model.input_shape[:-1]
    preds = [slide(x[i], window, run, out_channels, s["overlap"], s["mode"], s["sigmaScale"], batch_size) for i in range(x.shape[0])]
    return np.stack(preds) if preds else np.zeros((0,) + tuple(x.shape[1:-1]) + (out_channels,), np.float32)
