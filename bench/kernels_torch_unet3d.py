"""Reference for bench/kernels-bench.ts: the small 3D U-Net trained in PyTorch on this machine.

Prints one JSON line: {"threads": N, "samples_per_s": X, "torch": version}.
Model (matches unet3d() in bench/kernels-models.ts): 32^3x1 -> [Conv(8)+ReLU]x2 -> MaxPool2 -> [Conv(16)+ReLU]x2
-> MaxPool2 -> [Conv(32)+ReLU]x2 -> ConvT(16,2,s2) -> concat -> [Conv(16)+ReLU]x2 -> ConvT(8,2,s2) -> concat
-> [Conv(8)+ReLU]x2 -> Conv1x1(1) + sigmoid; soft Dice loss, Adam 1e-3, batch 2. All convs 3x3x3 'same'.
"""
import json
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(threads)
torch.manual_seed(0)


def block(cin, cout):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, padding=1), nn.ReLU(), nn.Conv3d(cout, cout, 3, padding=1), nn.ReLU())


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.e1, self.e2, self.b = block(1, 8), block(8, 16), block(16, 32)
        self.u2, self.d2 = nn.ConvTranspose3d(32, 16, 2, stride=2), block(32, 16)
        self.u1, self.d1 = nn.ConvTranspose3d(16, 8, 2, stride=2), block(16, 8)
        self.out = nn.Conv3d(8, 1, 1)
        self.pool = nn.MaxPool3d(2)

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(self.pool(e1))
        b = self.b(self.pool(e2))
        d2 = self.d2(torch.cat([e2, self.u2(b)], 1))
        d1 = self.d1(torch.cat([e1, self.u1(d2)], 1))
        return torch.sigmoid(self.out(d1))


model = UNet()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(2, 1, 32, 32, 32)
y = (torch.rand(2, 1, 32, 32, 32) > 0.5).float()


def step():
    opt.zero_grad()
    p = model(x)
    loss = 1 - (2 * (p * y).sum() + 1) / (p.sum() + y.sum() + 1)
    loss.backward()
    opt.step()


for _ in range(2):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
elapsed = time.perf_counter() - start
print(json.dumps({"threads": threads, "samples_per_s": steps * 2 / elapsed, "torch": torch.__version__}))
