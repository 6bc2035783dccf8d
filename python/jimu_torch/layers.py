"""One PyTorch lowering per Keras layer class that Jimu's blocks lower to (the table LAYERS).

Tensors between layers are kept channels-first ([N, C, *spatial]) for PyTorch's fast kernels; a rank-2
tensor ([N, features]) is the same in both layouts. Every layer takes Keras' (channels-last) semantics:
axes in configs count as in TensorFlow, Flatten flattens in channels-last order, 'same' padding is
TensorFlow's (asymmetric, the extra pixel after), and kernels are stored in TensorFlow's layout and
permuted for PyTorch where they are used.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn


def to_channels_last(x):
    return x if x.dim() <= 2 else x.permute(0, *range(2, x.dim()), 1)


def to_channels_first(x):
    return x if x.dim() <= 2 else x.permute(0, x.dim() - 1, *range(1, x.dim() - 1))


def keras_axis_to_cf(axis, rank):
    """A Keras axis of a channels-last tensor of `rank` as the axis of its channels-first twin."""
    a = axis if axis >= 0 else axis + rank
    if rank <= 2 or a == 0:
        return a
    return 1 if a == rank - 1 else a + 1


def activation(name):
    if name in (None, "linear"):
        return lambda x: x
    if name == "relu":
        return F.relu
    if name == "elu":
        return F.elu
    if name == "gelu":
        return F.gelu  # erf form, as tfjs-layers' 'gelu'
    if name == "swish":
        return lambda x: x * torch.sigmoid(x)
    if name == "sigmoid":
        return torch.sigmoid
    if name == "tanh":
        return torch.tanh
    if name == "softmax":
        return lambda x: torch.softmax(x, dim=1 if x.dim() > 2 else -1)
    raise ValueError("unknown activation %r" % (name,))


def same_pads(size, kernel, stride, dilation=1):
    """TensorFlow's 'same' padding of one axis: (before, after), the odd pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def pad_arg(pairs):
    """Per-axis (before, after) pairs, first spatial axis first, as F.pad wants them (last axis first)."""
    flat = []
    for before, after in reversed(pairs):
        flat += [before, after]
    return flat


def glorot_uniform_(w, fan_in, fan_out, generator):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        w.copy_(torch.rand(w.shape, generator=generator) * 2 * limit - limit)


def _get(config, snake, camel, default=None):
    if snake in config:
        return config[snake]
    return config.get(camel, default)


class Layer(nn.Module):
    """A layer with Keras weight names, in the order tfjs lists them."""

    weight_names = ()

    def tf_weights(self):
        """[(name, tensor in TensorFlow layout)] in tfjs order."""
        return []

    def set_tf_weights(self, values):
        raise NotImplementedError



class SpatialKernel(Layer):
    """A convolution's weights as TensorFlow keeps them: the kernel's spatial axes first, then the two channel
    axes swapped ([k..., in, out] for Conv, [k..., out, in] for ConvTranspose; PyTorch holds [out, in, k...] and
    [in, out, k...]), so one permutation serves both."""

    def tf_weights(self):
        perm = list(range(2, 2 + self.dims)) + [1, 0]
        out = [("kernel", self.weight.detach().permute(*perm))]
        if self.bias is not None:
            out.append(("bias", self.bias.detach()))
        return out

    def set_tf_weights(self, values):
        perm = [self.dims + 1, self.dims] + list(range(self.dims))
        with torch.no_grad():
            self.weight.copy_(values["kernel"].permute(*perm))
            if self.bias is not None:
                self.bias.copy_(values["bias"])


class Conv(SpatialKernel):
    def __init__(self, config, input_shape, generator, dims):
        super().__init__()
        self.dims = dims
        self.filters = config["filters"]
        self.kernel = list(_get(config, "kernel_size", "kernelSize"))
        self.strides = list(_get(config, "strides", "strides", [1] * dims))
        self.padding = config.get("padding", "valid")
        self.dilation = list(_get(config, "dilation_rate", "dilationRate", [1] * dims))
        self.act = activation(config.get("activation", "linear"))
        self.use_bias = _get(config, "use_bias", "useBias", True)
        cin = input_shape[-1]
        # PyTorch layout [out, in, *k]; tfjs [*k, in, out].
        self.weight = nn.Parameter(torch.empty(self.filters, cin, *self.kernel))
        receptive = math.prod(self.kernel)
        glorot_uniform_(self.weight, cin * receptive, self.filters * receptive, generator)
        self.bias = nn.Parameter(torch.zeros(self.filters)) if self.use_bias else None

    def forward(self, x):
        padding = 0
        if self.padding == "same":
            pairs = [same_pads(x.shape[2 + i], self.kernel[i], self.strides[i], self.dilation[i]) for i in range(self.dims)]
            if all(a == b for a, b in pairs):
                padding = [a for a, _ in pairs]  # symmetric: the convolution pads itself (no copy)
            else:
                x = F.pad(x, pad_arg(pairs))  # TensorFlow's odd pixel goes after
        conv = F.conv2d if self.dims == 2 else F.conv3d
        return self.act(conv(x, self.weight, self.bias, self.strides, padding, self.dilation))


class ConvTranspose(SpatialKernel):
    def __init__(self, config, input_shape, generator, dims):
        super().__init__()
        self.dims = dims
        self.filters = config["filters"]
        self.kernel = list(_get(config, "kernel_size", "kernelSize"))
        self.strides = list(_get(config, "strides", "strides", [1] * dims))
        self.padding = config.get("padding", "valid")
        self.act = activation(config.get("activation", "linear"))
        self.use_bias = _get(config, "use_bias", "useBias", True)
        cin = input_shape[-1]
        # PyTorch layout [in, out, *k]; tfjs [*k, out, in].
        self.weight = nn.Parameter(torch.empty(cin, self.filters, *self.kernel))
        receptive = math.prod(self.kernel)
        # Keras computes a transposed kernel's fans from its own layout [*k, out, in]: fan_in = out·k.
        glorot_uniform_(self.weight, self.filters * receptive, cin * receptive, generator)
        self.bias = nn.Parameter(torch.zeros(self.filters)) if self.use_bias else None

    def forward(self, x):
        convt = F.conv_transpose2d if self.dims == 2 else F.conv_transpose3d
        y = convt(x, self.weight, None, self.strides)
        if self.padding == "same":
            # TensorFlow: the gradient of a 'same' convolution of an input `size·stride` long, so the full
            # transposed output is cropped by the forward padding (before = total // 2) or zero-extended.
            crops = []
            for i in range(self.dims):
                size = x.shape[2 + i]
                out = size * self.strides[i]
                total = max((size - 1) * self.strides[i] + self.kernel[i] - out, 0)
                crops.append((total // 2, out))
            slices = [slice(None), slice(None)]
            pads = []
            for i, (before, out) in enumerate(crops):
                have = y.shape[2 + i] - before
                slices.append(slice(before, before + min(out, have)))
                pads.append((0, max(out - have, 0)))
            y = y[tuple(slices)]
            if any(b for _, b in pads):
                y = F.pad(y, pad_arg(pads))
        if self.bias is not None:
            y = y + self.bias.view(1, -1, *([1] * self.dims))
        return self.act(y)


class Dense(Layer):
    def __init__(self, config, input_shape, generator):
        super().__init__()
        units = config["units"]
        fin = input_shape[-1]
        self.act = activation(config.get("activation", "linear"))
        self.weight = nn.Parameter(torch.empty(units, fin))
        glorot_uniform_(self.weight, fin, units, generator)
        self.bias = nn.Parameter(torch.zeros(units)) if _get(config, "use_bias", "useBias", True) else None

    def forward(self, x):
        if x.dim() > 2:  # Keras' Dense acts on the last (channel) axis
            return self.act(to_channels_first(F.linear(to_channels_last(x), self.weight, self.bias)))
        return self.act(F.linear(x, self.weight, self.bias))

    def tf_weights(self):
        out = [("kernel", self.weight.detach().t())]
        if self.bias is not None:
            out.append(("bias", self.bias.detach()))
        return out

    def set_tf_weights(self, values):
        with torch.no_grad():
            self.weight.copy_(values["kernel"].t())
            if self.bias is not None:
                self.bias.copy_(values["bias"])


class BatchNormalization(Layer):
    """Jimu's batch normalisation over every axis but the channels, at any rank.

    Keras' momentum m keeps m of the old moving average (PyTorch's momentum is 1 − m); the moving
    variance takes the biased batch variance (PyTorch's BatchNorm takes the unbiased one); epsilon is
    Keras' (1e-3 by default). With `sync` set, the batch statistics are gathered over every process
    (all_reduce of the sums, differentiable), so N processes × batch B equal one process × N·B.
    """

    sync = False

    def __init__(self, config, input_shape, generator):
        super().__init__()
        c = input_shape[-1]
        self.momentum = config.get("momentum", 0.99)
        self.epsilon = config.get("epsilon", 1e-3)
        self.center = config.get("center", True)
        self.scale = config.get("scale", True)
        self.gamma = nn.Parameter(torch.ones(c)) if self.scale else None
        self.beta = nn.Parameter(torch.zeros(c)) if self.center else None
        self.register_buffer("moving_mean", torch.zeros(c))
        self.register_buffer("moving_variance", torch.ones(c))

    def forward(self, x):
        shape = [1, -1] + [1] * (x.dim() - 2)
        synced = self.sync and torch.distributed.is_available() and torch.distributed.is_initialized() and torch.distributed.get_world_size() > 1
        if self.training and not synced and x.dim() > 2:
            return self._fused(x)
        if self.training:
            axes = [0] + list(range(2, x.dim()))
            xf = x.float()
            if synced:
                import torch.distributed.nn.functional as dist_fn

                # Two passes (the mean, then the squared deviations from it), as precise as one process.
                count = torch.tensor([float(x.numel() // x.shape[1])], device=x.device)
                stats = dist_fn.all_reduce(torch.cat([xf.sum(axes), count]))
                c = x.shape[1]
                mean = stats[:c] / stats[c]
                var = dist_fn.all_reduce(((xf - mean.view(shape)) ** 2).sum(axes)) / stats[c]
            else:
                mean = xf.mean(axes)
                var = ((xf - mean.view(shape)) ** 2).mean(axes)
            with torch.no_grad():
                self.moving_mean.sub_((self.moving_mean - mean.detach()) * (1 - self.momentum))
                self.moving_variance.sub_((self.moving_variance - var.detach()) * (1 - self.momentum))
        else:
            mean, var = self.moving_mean, self.moving_variance
        y = (x - mean.view(shape).to(x.dtype)) * torch.rsqrt(var.view(shape) + self.epsilon).to(x.dtype)
        if self.gamma is not None:
            y = y * self.gamma.view(shape)
        if self.beta is not None:
            y = y + self.beta.view(shape)
        return y

    def _fused(self, x):
        """PyTorch's fused kernel normalises with the biased batch variance, as Keras does, but moves the
        moving variance towards the unbiased one; the update is redone here with the biased variance."""
        m = 1 - self.momentum
        # Copies: autograd keeps the statistics it was given, and the buffers change after.
        mean, var = self.moving_mean.clone(), self.moving_variance.clone()
        y = F.batch_norm(x, mean, var, self.gamma, self.beta, True, m, self.epsilon)
        with torch.no_grad():
            self.moving_mean.copy_(mean)
            if m > 0:
                n = x.numel() // x.shape[1]
                unbiased = (var - (1 - m) * self.moving_variance) / m
                biased = unbiased * ((n - 1) / n) if n > 1 else unbiased * 0
                self.moving_variance.mul_(1 - m).add_(m * biased)
        return y

    def tf_weights(self):
        out = []
        if self.gamma is not None:
            out.append(("gamma", self.gamma.detach()))
        if self.beta is not None:
            out.append(("beta", self.beta.detach()))
        out += [("moving_mean", self.moving_mean.detach()), ("moving_variance", self.moving_variance.detach())]
        return out

    def set_tf_weights(self, values):
        with torch.no_grad():
            if self.gamma is not None:
                self.gamma.copy_(values["gamma"])
            if self.beta is not None:
                self.beta.copy_(values["beta"])
            self.moving_mean.copy_(values["moving_mean"])
            self.moving_variance.copy_(values["moving_variance"])


class Pool(Layer):
    def __init__(self, config, dims, kind):
        super().__init__()
        self.dims, self.kind = dims, kind
        self.pool = list(_get(config, "pool_size", "poolSize"))
        self.strides = list(config.get("strides") or self.pool)
        self.padding = config.get("padding", "valid")

    def forward(self, x):
        pairs = [(0, 0)] * self.dims
        if self.padding == "same":
            pairs = [same_pads(x.shape[2 + i], self.pool[i], self.strides[i]) for i in range(self.dims)]
        padded = any(a or b for a, b in pairs)
        if self.kind == "max":
            if padded:
                x = F.pad(x, pad_arg(pairs), value=float("-inf"))
            fn = F.max_pool2d if self.dims == 2 else F.max_pool3d
            return fn(x, self.pool, self.strides)
        fn = F.avg_pool2d if self.dims == 2 else F.avg_pool3d
        if not padded:
            return fn(x, self.pool, self.strides)
        # TensorFlow's 'same' average counts only the real values under the window.
        ones = torch.ones((1, 1) + tuple(x.shape[2:]), dtype=x.dtype, device=x.device)
        s = fn(F.pad(x, pad_arg(pairs)), self.pool, self.strides)
        n = fn(F.pad(ones, pad_arg(pairs)), self.pool, self.strides)
        return s / n


class GlobalPool(Layer):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def forward(self, x):
        flat = x.flatten(2)
        return flat.mean(2) if self.kind == "avg" else flat.amax(2)


class Activation(Layer):
    def __init__(self, config):
        super().__init__()
        self.act = activation(config.get("activation", "linear"))

    def forward(self, x):
        return self.act(x)


class LeakyReLU(Layer):
    def __init__(self, config):
        super().__init__()
        self.alpha = config.get("alpha", 0.3)

    def forward(self, x):
        return F.leaky_relu(x, self.alpha)


class Dropout(Layer):
    """Inverted dropout: each value kept with probability 1 − rate and scaled by 1 / (1 − rate)."""

    def __init__(self, config, spatial=False):
        super().__init__()
        self.rate = config.get("rate", 0.5)
        self.spatial = spatial

    def forward(self, x):
        if not self.training or self.rate <= 0:
            return x
        keep = 1 - self.rate
        shape = (x.shape[0], x.shape[1]) + (1,) * (x.dim() - 2) if self.spatial else x.shape
        mask = (torch.rand(shape, device=x.device) < keep).to(x.dtype)
        return x * mask / keep


class Flatten(Layer):
    def forward(self, x):
        return to_channels_last(x).flatten(1)  # Keras' row order: channels last


class Reshape(Layer):
    def __init__(self, config):
        super().__init__()
        self.target = list(_get(config, "target_shape", "targetShape"))

    def forward(self, x):
        y = to_channels_last(x).reshape(x.shape[0], *self.target)
        return to_channels_first(y)


class UpSampling(Layer):
    def __init__(self, config, dims):
        super().__init__()
        size = config.get("size", 2)
        self.size = [size] * dims if isinstance(size, int) else list(size)
        self.mode = config.get("interpolation", "nearest")
        self.dims = dims

    def forward(self, x):
        if self.mode == "bilinear":
            # tfjs' UpSampling2D calls resizeBilinear without half-pixel centres and without aligned corners:
            # output pixel o reads input position o·in/out (TensorFlow 1's legacy rule), which is neither of
            # PyTorch's align_corners settings; so it is written out, one axis at a time.
            y = x
            for i in range(self.dims):
                n = y.shape[2 + i]
                out = n * self.size[i]
                pos = torch.arange(out, dtype=torch.float32, device=x.device) * (n / out)
                i0 = pos.floor().long().clamp(max=n - 1)
                i1 = (i0 + 1).clamp(max=n - 1)
                frac = (pos - i0.float()).to(y.dtype)
                shape = [1] * y.dim()
                shape[2 + i] = out
                a = y.index_select(2 + i, i0)
                b = y.index_select(2 + i, i1)
                y = a + (b - a) * frac.view(shape)
            return y
        y = x
        for i, s in enumerate(self.size):
            if s != 1:
                y = y.repeat_interleave(s, dim=2 + i)
        return y


class ZeroPadding(Layer):
    def __init__(self, config, dims):
        super().__init__()
        self.pairs = _pairs(config.get("padding", 1), dims)

    def forward(self, x):
        return F.pad(x, pad_arg(self.pairs))


class Cropping(Layer):
    def __init__(self, config, dims):
        super().__init__()
        self.pairs = _pairs(config.get("cropping", 0), dims)

    def forward(self, x):
        sl = [slice(None), slice(None)]
        for i, (a, b) in enumerate(self.pairs):
            sl.append(slice(a, x.shape[2 + i] - b))
        return x[tuple(sl)]


def _pairs(v, dims):
    if isinstance(v, int):
        return [(v, v)] * dims
    out = []
    for p in v:
        out.append((p, p) if isinstance(p, int) else (p[0], p[1]))
    return out


class Merge(Layer):
    def __init__(self, config, kind, rank):
        super().__init__()
        self.kind = kind
        self.axis = keras_axis_to_cf(config.get("axis", -1), rank) if kind == "concat" else None

    def forward(self, *xs):
        if self.kind == "concat":
            return torch.cat(xs, dim=self.axis)
        y = xs[0]
        for t in xs[1:]:
            y = y + t if self.kind == "add" else y * t
        return y


def _build(cls, *extra):
    return lambda config, shapes, gen: cls(config, shapes[0], gen, *extra)


# Every Keras layer class Jimu's blocks lower to, and its PyTorch lowering. Jimu's tests check that this
# table and the exporter's (src/export/torch-layers.ts) list the same classes, and that every block's
# lowering is in them.
LAYERS = {
    "Conv2D": _build(Conv, 2),
    "Conv3D": _build(Conv, 3),
    "Conv2DTranspose": _build(ConvTranspose, 2),
    "Conv3DTranspose": _build(ConvTranspose, 3),
    "Dense": lambda c, s, g: Dense(c, s[0], g),
    "BatchNormalization": lambda c, s, g: BatchNormalization(c, s[0], g),
    "MaxPooling2D": lambda c, s, g: Pool(c, 2, "max"),
    "MaxPooling3D": lambda c, s, g: Pool(c, 3, "max"),
    "AveragePooling2D": lambda c, s, g: Pool(c, 2, "avg"),
    "AveragePooling3D": lambda c, s, g: Pool(c, 3, "avg"),
    "GlobalAveragePooling2D": lambda c, s, g: GlobalPool("avg"),
    "GlobalAveragePooling3D": lambda c, s, g: GlobalPool("avg"),
    "GlobalMaxPooling2D": lambda c, s, g: GlobalPool("max"),
    "GlobalMaxPooling3D": lambda c, s, g: GlobalPool("max"),
    "Activation": lambda c, s, g: Activation(c),
    "LeakyReLU": lambda c, s, g: LeakyReLU(c),
    "Dropout": lambda c, s, g: Dropout(c),
    "SpatialDropout2D": lambda c, s, g: Dropout(c, spatial=True),
    "SpatialDropout3D": lambda c, s, g: Dropout(c, spatial=True),
    "Flatten": lambda c, s, g: Flatten(),
    "Reshape": lambda c, s, g: Reshape(c),
    "UpSampling2D": lambda c, s, g: UpSampling(c, 2),
    "UpSampling3D": lambda c, s, g: UpSampling(c, 3),
    "ZeroPadding2D": lambda c, s, g: ZeroPadding(c, 2),
    "ZeroPadding3D": lambda c, s, g: ZeroPadding(c, 3),
    "Cropping2D": lambda c, s, g: Cropping(c, 2),
    "Cropping3D": lambda c, s, g: Cropping(c, 3),
    "Add": lambda c, s, g: Merge(c, "add", len(s[0])),
    "Multiply": lambda c, s, g: Merge(c, "mul", len(s[0])),
    "Concatenate": lambda c, s, g: Merge(c, "concat", len(s[0])),
}
