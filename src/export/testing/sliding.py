"""Sliding-window parity helper for Jimu's tests.

    python3 sliding.py REQUEST.json

REQUEST: {"python": jimu_torch's folder, "project": an exported project, "run": a run folder of `jimu train`
(model.json + weights.bin), "out": a folder, "geometry": [{"volume", "window", "overlap", "mode", "sigma"}]}.
Writes OUT/<block>.pred.bin (float32) for every Evaluate block of the plan, predicted by jimu_torch with the
run's weights, and OUT/result.json: {"evaluations": {block: scores}, "shapes": {block: shape}, "geometry": [...]}.
"""

import json
import os
import sys

with open(sys.argv[1]) as f:
    req = json.load(f)
sys.path.insert(0, req["python"])

import numpy as np  # noqa: E402
import torch  # noqa: E402

from jimu_torch.data import DataRunner  # noqa: E402
from jimu_torch.metrics import score_task  # noqa: E402
from jimu_torch.model import JimuModel  # noqa: E402
from jimu_torch.sliding_window import importance_map, plan_windows, predict_set  # noqa: E402
from jimu_torch.tfjs_io import load_tfjs_weights  # noqa: E402

with open(os.path.join(req["project"], "plan.json")) as f:
    plan = json.load(f)
model = JimuModel(plan["model"]["topology"])
load_tfjs_weights(model, req["run"])
model.eval()
runner = DataRunner(os.path.join(req["project"], "data"), plan["seed"])
result = {"evaluations": {}, "shapes": {}, "geometry": []}
for ev in plan["evaluations"]:
    s = runner.run(ev["data"]["steps"])
    pred = predict_set(model, s.x, torch.device("cpu"), plan["training"]["batchSize"], ev.get("slidingWindow"))
    np.ascontiguousarray(pred, np.float32).tofile(os.path.join(req["out"], ev["block"] + ".pred.bin"))
    result["shapes"][ev["block"]] = list(pred.shape)
    result["evaluations"][ev["block"]] = score_task(s.task, s.y, pred, list(s.y.shape[1:]), s.label_names, ev.get("threshold", 0.5))
for g in req["geometry"]:
    pad_before, padded, starts = plan_windows(g["volume"], g["window"], g["overlap"])
    imp = importance_map(g["window"], g["mode"], g["sigma"])
    result["geometry"].append({"padBefore": pad_before, "padded": padded, "starts": starts, "importance": [float(v) for v in imp.ravel()]})
with open(os.path.join(req["out"], "result.json"), "w") as f:
    json.dump(result, f)
