"""Reference for bench/sliding-window-bench.ts: the same sliding-window inference in PyTorch on this machine.

The model is Jimu's UNet3D block (depth D, base filters B, batch norm, 4 inputs, 4 outputs, softmax): per level
[Conv3d 3^3 + BN + ReLU] x 2, MaxPool 2; up by ConvTranspose3d(2, stride 2), concat, [Conv + BN + ReLU] x 2;
1x1x1 head. The windowing is MONAI's sliding_window_inference (the algorithm of
src/core/testing/sliding_window_reference.py): scan interval, Gaussian importance map (sigma 0.125), weighted
mean. Random weights and a random volume; eval mode, no_grad.

argv: threads volume(DxHxW) window(N) depth base overlap. Prints one JSON line:
{"threads", "seconds", "windows", "peak_rss_bytes", "torch"}.
"""
import json
import math
import resource
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

threads = int(sys.argv[1])
volume = [int(v) for v in sys.argv[2].split("x")]
window = int(sys.argv[3])
depth = int(sys.argv[4])
base = int(sys.argv[5])
overlap = float(sys.argv[6])
torch.set_num_threads(threads)
torch.manual_seed(0)


def unit(cin, cout):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, padding=1), nn.BatchNorm3d(cout), nn.ReLU(),
                         nn.Conv3d(cout, cout, 3, padding=1), nn.BatchNorm3d(cout), nn.ReLU())


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        f = [base * 2**l for l in range(depth + 1)]
        self.enc = nn.ModuleList([unit(4 if l == 0 else f[l - 1], f[l]) for l in range(depth + 1)])
        self.up = nn.ModuleList([nn.ConvTranspose3d(f[l + 1], f[l], 2, stride=2) for l in range(depth)])
        self.dec = nn.ModuleList([unit(2 * f[l], f[l]) for l in range(depth)])
        self.head = nn.Conv3d(f[0], 4, 1)

    def forward(self, x):
        skips = []
        for l in range(depth + 1):
            x = self.enc[l](x)
            if l < depth:
                skips.append(x)
                x = F.max_pool3d(x, 2)
        for l in range(depth - 1, -1, -1):
            x = self.dec[l](torch.cat([self.up[l](x), skips[l]], 1))
        return torch.softmax(self.head(x), 1)


def starts_for(size, w, interval):
    if size == w:
        return [0]
    num = int(math.ceil(size / interval))
    last = next((d for d in range(num) if d * interval + w >= size), num - 1)
    return [d * interval - max(d * interval + w - size, 0) for d in range(last + 1)]


def main():
    model = UNet().eval()
    x = torch.randn(1, 4, *volume)
    roi = [window] * 3
    pad = []
    for k in range(2, -1, -1):
        diff = max(roi[k] - volume[k], 0)
        pad.extend([diff // 2, diff - diff // 2])
    x = F.pad(x, pad)
    size = [max(v, window) for v in volume]
    interval = [w if w == s else max(1, int(w * (1 - overlap))) for w, s in zip(roi, size)]
    sigma = [w * 0.125 for w in roi]
    imp = None
    for i in range(3):
        g = torch.arange(-(roi[i] - 1) / 2.0, (roi[i] - 1) / 2.0 + 1, dtype=torch.float)
        g = torch.exp(g**2 / (-2 * sigma[i] ** 2))
        imp = imp.unsqueeze(-1) * g[(None,) * i] if i > 0 else g
    imp = torch.clamp(imp, min=max(imp.min().item(), 1e-3))
    t0 = time.perf_counter()
    out = torch.zeros(1, 4, *size)
    count = torch.zeros(1, 1, *size)
    windows = 0
    with torch.no_grad():
        for a in starts_for(size[0], window, interval[0]):
            for b in starts_for(size[1], window, interval[1]):
                for c in starts_for(size[2], window, interval[2]):
                    sl = (slice(None), slice(None), slice(a, a + window), slice(b, b + window), slice(c, c + window))
                    out[sl] += imp * model(x[sl])
                    count[sl] += imp
                    windows += 1
    out = out / count
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"threads": threads, "seconds": seconds, "windows": windows, "peak_rss_bytes": peak, "torch": torch.__version__}))


main()
