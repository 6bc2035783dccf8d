"""The machine's measured matmul peak: GFLOP/s of a 2048x2048 float32 matmul in PyTorch (MKL/OpenBLAS)."""
import json
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
n = 2048
a, b = torch.rand(n, n), torch.rand(n, n)
a @ b
best = 0.0
for _ in range(5):
    t = time.perf_counter()
    a @ b
    best = max(best, 2 * n ** 3 / (time.perf_counter() - t) / 1e9)
print(json.dumps({"threads": threads, "gflops": best}))
