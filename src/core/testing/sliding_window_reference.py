"""MONAI's sliding_window_inference (monai/inferers/utils.py, 1.x), rewritten in torch for one volume, as the
oracle of src/core/sliding-window.test.ts.

Reads a JSON list of cases on stdin: {volume: [D, H, W], window: [...], overlap, mode, sigma_scale,
in_channels, out_channels}. The input is x[i] = sin(0.37 i) over the flattened [1, C, *spatial] tensor laid out
channels-last like Jimu's examples; the predictor is a fixed function of each window that depends on the
voxel's place in the window (so blending matters). Writes, per case, the window starts and the blended output
(channels-last, flattened) as JSON.
"""
import json
import math
import sys

import torch
import torch.nn.functional as F


def scan_interval(image_size, roi_size, overlap):
    out = []
    for i in range(len(image_size)):
        if roi_size[i] == image_size[i]:
            out.append(int(roi_size[i]))
        else:
            interval = int(roi_size[i] * (1 - overlap))
            out.append(interval if interval > 0 else 1)
    return out


def dense_patch_slices(image_size, patch_size, interval):
    scan_num = []
    for i in range(len(image_size)):
        if interval[i] == 0:
            scan_num.append(1)
        else:
            num = int(math.ceil(float(image_size[i]) / interval[i]))
            scan_dim = next((d for d in range(num) if d * interval[i] + patch_size[i] >= image_size[i]), None)
            scan_num.append(scan_dim + 1 if scan_dim is not None else 1)
    starts = []
    for dim in range(len(image_size)):
        dim_starts = []
        for idx in range(scan_num[dim]):
            s = idx * interval[dim]
            s -= max(s + patch_size[dim] - image_size[dim], 0)
            dim_starts.append(s)
        starts.append(dim_starts)
    grids = torch.meshgrid(*[torch.tensor(s) for s in starts], indexing="ij")
    return torch.stack([g.flatten() for g in grids], dim=1).tolist()


def importance_map(patch_size, mode, sigma_scale):
    if mode == "constant":
        return torch.ones(patch_size, dtype=torch.float)
    sigmas = [i * sigma_scale for i in patch_size]
    m = None
    for i in range(len(patch_size)):
        x = torch.arange(start=-(patch_size[i] - 1) / 2.0, end=(patch_size[i] - 1) / 2.0 + 1, dtype=torch.float)
        x = torch.exp(x**2 / (-2 * sigmas[i] ** 2))
        m = m.unsqueeze(-1) * x[(None,) * i] if i > 0 else x
    min_non_zero = max(torch.min(m).item(), 1e-3)
    return torch.clamp_(m.to(torch.float), min=min_non_zero)


def predictor(window, out_channels):
    """window: [1, Cin, *roi] -> [1, Cout, *roi]; out[c] = x[c % Cin] * (1 + 0.01 * flat position) + 0.1 c."""
    cin = window.shape[1]
    roi = window.shape[2:]
    n = 1
    for r in roi:
        n *= r
    pos = torch.arange(n, dtype=torch.float).reshape(roi)
    outs = [window[0, c % cin] * (1 + 0.01 * pos) + 0.1 * c for c in range(out_channels)]
    return torch.stack(outs)[None]


def sliding_window_inference(inputs, roi_size, overlap, mode, sigma_scale, out_channels):
    dims = len(inputs.shape) - 2
    image_size_ = list(inputs.shape[2:])
    image_size = tuple(max(image_size_[i], roi_size[i]) for i in range(dims))
    pad_size = []
    for k in range(len(inputs.shape) - 1, 1, -1):
        diff = max(roi_size[k - 2] - inputs.shape[k], 0)
        half = diff // 2
        pad_size.extend([half, diff - half])
    inputs = F.pad(inputs, pad=pad_size, mode="constant", value=0.0)
    interval = scan_interval(image_size, roi_size, overlap)
    starts = dense_patch_slices(image_size, roi_size, interval)
    imp = importance_map(list(roi_size), mode, sigma_scale)
    output = torch.zeros((1, out_channels, *image_size), dtype=torch.float)
    count = torch.zeros((1, 1, *image_size), dtype=torch.float)
    for s in starts:
        sl = tuple(slice(s[d], s[d] + roi_size[d]) for d in range(dims))
        pred = predictor(inputs[(slice(None), slice(None)) + sl], out_channels)
        output[(slice(None), slice(None)) + sl] += imp * pred
        count[(slice(None), slice(None)) + sl] += imp
    output = output / count
    crop = tuple(slice(pad_size[(dims - 1 - d) * 2], pad_size[(dims - 1 - d) * 2] + image_size_[d]) for d in range(dims))
    return starts, interval, output[(slice(None), slice(None)) + crop]


def main():
    cases = json.load(sys.stdin)
    results = []
    for c in cases:
        vol, cin, cout = c["volume"], c["in_channels"], c["out_channels"]
        n = cin
        for v in vol:
            n *= v
        flat = torch.sin(0.37 * torch.arange(n, dtype=torch.float64)).to(torch.float)
        x = flat.reshape(*vol, cin).movedim(-1, 0)[None]  # channels-last → [1, C, *spatial]
        starts, interval, out = sliding_window_inference(x, c["window"], c["overlap"], c["mode"], c["sigma_scale"], cout)
        results.append({"starts": starts, "interval": interval, "values": out[0].movedim(0, -1).reshape(-1).tolist()})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
