"""Parity helper for Jimu's tests: runs a Keras-JSON model with jimu_torch on weights tfjs wrote, and
returns outputs, gradients and weights (TensorFlow layouts) as JSON.

    python3 parity.py REQUEST.json RESULT.json

REQUEST: a list of {"python": dir holding jimu_torch, "topology": Keras JSON, "weights": tfjs model dir,
          "x": [[values], shape], "r": [[values], shape], "training": bool}
RESULT: the list of {"out": [...], "dx": [...], "grads": {name: [...]}, "after": {name: [...]}}
"""

import json
import sys

reqs = json.load(open(sys.argv[1]))
sys.path.insert(0, reqs[0]["python"])

import numpy as np  # noqa: E402
import torch  # noqa: E402

from jimu_torch.model import JimuModel  # noqa: E402
from jimu_torch.tfjs_io import load_tfjs_weights, tf_weight_list  # noqa: E402


def run(req):
    model = JimuModel(req["topology"], seed=1)
    load_tfjs_weights(model, req["weights"])
    model.train(req["training"])
    x = torch.tensor(np.asarray(req["x"][0], np.float32).reshape(req["x"][1]), requires_grad=True)
    r = torch.tensor(np.asarray(req["r"][0], np.float32).reshape(req["r"][1]))
    out = model(x)
    (out * r).sum().backward()
    after = {n: a.ravel().tolist() for n, a in tf_weight_list(model)}
    # Gradients in TensorFlow's layouts: the same permutations as the weights, applied to .grad.
    for p in model.parameters():
        p.data = p.grad if p.grad is not None else torch.zeros_like(p)
    grads = {n: a.ravel().tolist() for n, a in tf_weight_list(model) if not n.endswith(("moving_mean", "moving_variance"))}
    return {"out": out.detach().ravel().tolist(), "outShape": list(out.shape), "dx": x.grad.ravel().tolist(), "grads": grads, "after": after}


json.dump([run(r) for r in reqs], open(sys.argv[2], "w"))
