"""The network of a Jimu plan as one nn.Module, interpreted from the plan's Keras functional JSON."""

import re

import torch
from torch import nn

from .layers import LAYERS, BatchNormalization, to_channels_first, to_channels_last


class UnsupportedLayer(ValueError):
    pass


def _key(name):
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


class JimuModel(nn.Module):
    """Runs the plan's model: channels-last input in, channels-last output out (as in Jimu)."""

    def __init__(self, topology, seed=0):
        super().__init__()
        config = topology["config"]
        self.topology = topology
        self.layer_names = []
        self.classes = {}
        self.inbound = {}
        self.mods = nn.ModuleDict()
        self.input_name = config["input_layers"][0][0]
        self.output_name = config["output_layers"][0][0]
        generator = torch.Generator().manual_seed(int(seed) & 0x7FFFFFFF)
        values = {}
        for layer in config["layers"]:
            name, cls, cfg = layer["config"].get("name", layer["name"]), layer["class_name"], layer["config"]
            name = layer["name"]
            self.classes[name] = cls
            if cls == "InputLayer":
                shape = cfg.get("batch_input_shape") or cfg.get("batchInputShape")
                self.input_shape = [int(d) for d in shape[1:]]
                values[name] = to_channels_first(torch.zeros([1] + self.input_shape))
                continue
            if cls not in LAYERS:
                raise UnsupportedLayer("the layer class %s has no PyTorch lowering in jimu_torch" % cls)
            inbound = [n[0] for n in layer["inbound_nodes"][0]]
            self.inbound[name] = inbound
            shapes = [list(to_channels_last(values[i]).shape[1:]) for i in inbound]
            mod = LAYERS[cls](cfg, shapes, generator)
            self.mods[_key(name)] = mod
            self.layer_names.append(name)
            # A dry run on one zero example gives every later layer its input shape.
            mod.eval()
            with torch.no_grad():
                values[name] = mod(*[values[i] for i in inbound])
            mod.train()
            if isinstance(mod, BatchNormalization):  # the dry run must not move the moving averages
                mod.moving_mean.zero_()
                mod.moving_variance.fill_(1)
        self.output_shape = list(to_channels_last(values[self.output_name]).shape[1:])

    def forward(self, x):
        values = {self.input_name: to_channels_first(x)}
        for name in self.layer_names:
            values[name] = self.mods[_key(name)](*[values[i] for i in self.inbound[name]])
        return to_channels_last(values[self.output_name])

    def layer(self, name):
        return self.mods[_key(name)]

    def set_sync_batchnorm(self, on=True):
        for m in self.modules():
            if isinstance(m, BatchNormalization):
                m.sync = on
