"""Parity helper: N training steps of a plan's model in jimu_torch from tfjs' initial weights.

    python3 curve.py REQUEST.json RESULT.json
REQUEST: {"python", "plan": plan JSON path, "weights": tfjs dir, "batches": [[x.bin, xshape, y.bin, yshape]...],
          "probe": [x.bin, shape], "out": folder for the trained model (tfjs format)}
RESULT: {"losses": [...], "probe": [...] (inference predictions on the probe after training)}
"""

import json
import sys

req = json.load(open(sys.argv[1]))
sys.path.insert(0, req["python"])

import numpy as np  # noqa: E402
import torch  # noqa: E402

from jimu_torch.losses import loss_function  # noqa: E402
from jimu_torch.model import JimuModel  # noqa: E402
from jimu_torch.optim import make_optimizer  # noqa: E402
from jimu_torch.tfjs_io import load_tfjs_weights, save_tfjs  # noqa: E402


def read(path, shape):
    return torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(shape))


plan = json.load(open(req["plan"]))
model = JimuModel(plan["model"]["topology"])
load_tfjs_weights(model, req["weights"])
loss_fn = loss_function(plan["training"]["loss"])
opt = make_optimizer(plan["training"]["optimizer"], model.parameters())
model.train()
losses = []
for xp, xs, yp, ys in req["batches"]:
    x, y = read(xp, xs), read(yp, ys)
    opt.zero_grad()
    loss = loss_fn(y, model(x))
    loss.backward()
    opt.step()
    losses.append(float(loss))
model.eval()
with torch.no_grad():
    probe = model(read(*req["probe"])).ravel().tolist()
save_tfjs(model, req["out"])
json.dump({"losses": losses, "probe": probe}, open(sys.argv[2], "w"))
