"""A plain, hand-written PyTorch 3D U-Net (nn.Conv3d, nn.BatchNorm3d, nn.ConvTranspose3d, channels-first),
the reference the exported Jimu project is measured against: same depth, filters, input, batch and loss
(soft Dice without background + cross-entropy), random data already on the device."""

import argparse
import json
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


def block(cin, cout):
    return nn.Sequential(
        nn.Conv3d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm3d(cout, eps=1e-3, momentum=0.1), nn.ReLU(inplace=True),
        nn.Conv3d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm3d(cout, eps=1e-3, momentum=0.1), nn.ReLU(inplace=True),
    )


class UNet3D(nn.Module):
    def __init__(self, cin, cout, base, depth):
        super().__init__()
        f = [base * 2**i for i in range(depth + 1)]
        self.enc = nn.ModuleList([block(cin if i == 0 else f[i - 1], f[i]) for i in range(depth + 1)])
        self.up = nn.ModuleList([nn.ConvTranspose3d(f[i + 1], f[i], 2, stride=2) for i in range(depth)])
        self.dec = nn.ModuleList([block(2 * f[i], f[i]) for i in range(depth)])
        self.head = nn.Conv3d(f[0], cout, 1)
        self.depth = depth

    def forward(self, x):
        skips = []
        for i in range(self.depth):
            x = self.enc[i](x)
            skips.append(x)
            x = F.max_pool3d(x, 2)
        x = self.enc[self.depth](x)
        for i in reversed(range(self.depth)):
            x = self.dec[i](torch.cat([skips[i], self.up[i](x)], 1))
        return torch.softmax(self.head(x), 1)


def loss_fn(y, p):
    axes = (2, 3, 4)
    yc, pc = y[:, 1:], p[:, 1:]
    dice = (2 * (yc * pc).sum(axes) + 1) / (yc.sum(axes) + pc.sum(axes) + 1)
    ce = -(y * torch.log(p.clamp(1e-7, 1 - 1e-7))).sum(1).mean()
    return 1 - dice.mean() + ce


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--size", type=int, default=96)
    a.add_argument("--channels", type=int, default=4)
    a.add_argument("--classes", type=int, default=4)
    a.add_argument("--base", type=int, default=16)
    a.add_argument("--depth", type=int, default=4)
    a.add_argument("--batch", type=int, default=2)
    a.add_argument("--steps", type=int, default=60)
    a.add_argument("--warmup-steps", type=int, default=10)
    a.add_argument("--amp", choices=["bf16"], default=None)
    a.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = a.parse_args()
    torch.manual_seed(0)
    dev = torch.device(args.device)
    # What a PyTorch user would set for fixed-size 3D convolutions (the export sets it too).
    torch.backends.cudnn.benchmark = True
    model = UNet3D(args.channels, args.classes, args.base, args.depth).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3, eps=1e-7)
    s = args.size
    x = torch.randn(args.batch, args.channels, s, s, s, device=dev)
    y = F.one_hot(torch.randint(0, args.classes, (args.batch, s, s, s), device=dev), args.classes).permute(0, 4, 1, 2, 3).float()

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize()

    t0 = None
    for step in range(args.steps):
        if step == args.warmup_steps:
            sync()
            t0 = time.time()
        opt.zero_grad(set_to_none=True)
        if args.amp:
            with torch.autocast(device_type=dev.type, dtype=torch.bfloat16):
                out = model(x).float()
        else:
            out = model(x)
        loss = loss_fn(y, out)
        loss.backward()
        opt.step()
    sync()
    dt = time.time() - t0
    print(json.dumps({"samples_per_s": (args.steps - args.warmup_steps) * args.batch / dt, "amp": args.amp, "device": dev.type, "loss": float(loss)}))


if __name__ == "__main__":
    sys.exit(main())
