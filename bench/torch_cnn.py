"""Reference for `npm run bench`: the same small 2D CNN trained in PyTorch on this machine.

Prints one JSON line: {"threads": N, "samples_per_s": X, "torch": version}.
Model (matches bench/models.ts): 64x64x3 -> Conv(16,3,same,relu) -> MaxPool2 -> Conv(32,3,same,relu)
-> MaxPool2 -> Conv(64,3,same,relu) -> GlobalAvgPool -> Dense(2) ; softmax cross-entropy, Adam 1e-3, batch 32.
"""
import json
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
torch.set_num_threads(threads)
torch.manual_seed(0)

model = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 2),
)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(32, 3, 64, 64)
y = torch.randint(0, 2, (32,))

def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()

for _ in range(3):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
elapsed = time.perf_counter() - start
print(json.dumps({"threads": threads, "samples_per_s": steps * 32 / elapsed, "torch": torch.__version__}))
