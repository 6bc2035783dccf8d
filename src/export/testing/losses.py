"""Parity helper: Jimu's losses and optimizers in jimu_torch, on values the test gives.

    python3 losses.py REQUEST.json RESULT.json
REQUEST: {"python": dir, "losses": [{"spec", "y": [v, shape], "p": [v, shape]}], "optimizers": [{"spec", "w": [...], "grads": [[...], ...]}]}
RESULT: {"losses": [{"value", "grad"}], "optimizers": [[weights after each step]]}
"""

import json
import sys

req = json.load(open(sys.argv[1]))
sys.path.insert(0, req["python"])

import numpy as np  # noqa: E402
import torch  # noqa: E402

from jimu_torch.losses import loss_function  # noqa: E402
from jimu_torch.optim import make_optimizer  # noqa: E402


def t(a):
    return torch.tensor(np.asarray(a[0], np.float32).reshape(a[1]))


losses = []
for c in req["losses"]:
    p = t(c["p"]).requires_grad_(True)
    v = loss_function(c["spec"])(t(c["y"]), p)
    v.backward()
    losses.append({"value": float(v), "grad": p.grad.ravel().tolist()})

optimizers = []
for c in req["optimizers"]:
    w = torch.nn.Parameter(torch.tensor(c["w"], dtype=torch.float32))
    opt = make_optimizer(c["spec"], [w])
    steps = []
    for g in c["grads"]:
        w.grad = torch.tensor(g, dtype=torch.float32)
        opt.step()
        steps.append(w.detach().tolist())
    optimizers.append(steps)

json.dump({"losses": losses, "optimizers": optimizers}, open(sys.argv[2], "w"))
