"""Weights to and from the TensorFlow.js layers format (model.json + weights.bin), which Jimu and
`tf.loadLayersModel` read. Weight names are tfjs' (`<layer>/kernel`, `<layer>/bias`, `<layer>/gamma`…),
in the order tfjs lists them, as little-endian float32."""

import json
import os

import numpy as np
import torch


def tf_weight_list(model):
    """[(full name, numpy float32 array in TensorFlow layout)] in tfjs' order."""
    out = []
    for name in model.layer_names:
        for wname, t in model.layer(name).tf_weights():
            out.append(("%s/%s" % (name, wname), t.detach().float().cpu().contiguous().numpy()))
    return out


def save_tfjs(model, folder, generated_by="jimu_torch"):
    os.makedirs(folder, exist_ok=True)
    weights = tf_weight_list(model)
    specs = [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in weights]
    with open(os.path.join(folder, "weights.bin"), "wb") as f:
        for _, a in weights:
            f.write(a.astype("<f4").tobytes())
    model_json = {
        "format": "layers-model",
        "generatedBy": generated_by,
        "convertedBy": "jimu_torch (PyTorch %s)" % torch.__version__,
        "modelTopology": model.topology,
        "weightsManifest": [{"paths": ["weights.bin"], "weights": specs}],
    }
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(model_json, f)


def read_tfjs_weights(folder):
    """{name: float32 numpy array} from a tfjs model folder (every weights file the manifest names)."""
    with open(os.path.join(folder, "model.json")) as f:
        model_json = json.load(f)
    out = {}
    for group in model_json["weightsManifest"]:
        data = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            if spec.get("dtype", "float32") != "float32":
                raise ValueError("weight %s is %s; only float32 weights are read" % (spec["name"], spec["dtype"]))
            n = int(np.prod(spec["shape"])) if spec["shape"] else 1
            out[spec["name"]] = np.frombuffer(data, dtype="<f4", count=n, offset=offset).reshape(spec["shape"]).copy()
            offset += 4 * n
    return out


def load_tfjs_weights(model, folder_or_dict):
    weights = read_tfjs_weights(folder_or_dict) if isinstance(folder_or_dict, str) else folder_or_dict
    # tfjs may suffix a weight name when a name was taken twice (conv1/kernel_1); match by layer prefix.
    by_layer = {}
    for full, arr in weights.items():
        layer, _, wname = full.rpartition("/")
        wname = wname.split("_")[0] if wname.split("_")[-1].isdigit() and wname not in ("moving_mean", "moving_variance") else wname
        by_layer.setdefault(layer, {})[wname] = torch.from_numpy(np.ascontiguousarray(arr))
    for name in model.layer_names:
        mod = model.layer(name)
        expected = [w for w, _ in mod.tf_weights()]
        if not expected:
            continue
        got = by_layer.get(name)
        if got is None or any(w not in got for w in expected):
            raise ValueError("the weights file has no %s for layer %s" % (", ".join(expected), name))
        mod.set_tf_weights(got)
