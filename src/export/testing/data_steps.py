"""Data-step parity helper for Jimu's tests: runs data steps with jimu_torch on sets Jimu wrote.

    python3 data_steps.py PYTHON_DIR DIR

DIR/cases.json: a list of {"id", "input", "type", "params", "seed", "subset"}; DIR/<input>.json the set's
fields (imageShape, labelShape, ids, groups, task, labelNames, spacing) beside <input>.x.bin and
<input>.y.bin (float32). Writes DIR/<id>.out.json and <id>.out.x.bin / .y.bin the same way.
"""

import json
import os
import sys

sys.path.insert(0, sys.argv[1])

import numpy as np  # noqa: E402

from jimu_torch.data import ExampleSet, apply_step  # noqa: E402

folder = sys.argv[2]


def load(name):
    with open(os.path.join(folder, name + ".json")) as f:
        m = json.load(f)
    n = len(m["ids"])
    x = np.fromfile(os.path.join(folder, name + ".x.bin"), np.float32).reshape([n] + m["imageShape"])
    y = np.fromfile(os.path.join(folder, name + ".y.bin"), np.float32).reshape([n] + m["labelShape"])
    return ExampleSet(x, y, m["ids"], m["groups"], m["task"], m["labelNames"], m.get("spacing"))


with open(os.path.join(folder, "cases.json")) as f:
    cases = json.load(f)
for c in cases:
    s = load(c["input"])
    out = apply_step(s, {"block": c["id"], "type": c["type"], "params": c["params"], "output": "data"}, c["seed"], c["subset"])
    np.ascontiguousarray(out.x, np.float32).tofile(os.path.join(folder, c["id"] + ".out.x.bin"))
    np.ascontiguousarray(out.y, np.float32).tofile(os.path.join(folder, c["id"] + ".out.y.bin"))
    meta = {"imageShape": list(out.x.shape[1:]), "labelShape": list(out.y.shape[1:]), "ids": out.ids, "groups": out.groups, "spacing": out.spacing}
    with open(os.path.join(folder, c["id"] + ".out.json"), "w") as f:
        json.dump(meta, f)
