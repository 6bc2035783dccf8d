"""Jimu's losses (src/runtime/losses.ts), on channels-last labels and predictions, mean over the batch."""

import torch

EPS = 1e-7


def _clip(p):
    return p.clamp(EPS, 1 - EPS)


def binary_crossentropy(y, p):
    pc = _clip(p)
    return -(y * torch.log(pc) + (1 - y) * torch.log(1 - pc)).mean()


def categorical_crossentropy(y, p):
    pc = _clip(p / p.sum(-1, keepdim=True))
    return (-(y * torch.log(pc)).sum(-1)).mean()


def mean_squared_error(y, p):
    return ((y - p) ** 2).mean()


def mean_absolute_error(y, p):
    return (y - p).abs().mean()


def huber(delta):
    def fn(y, p):
        err = (y - p).abs()
        quad = torch.clamp(err, max=delta)
        return (0.5 * quad * quad + delta * (err - quad)).mean()

    return fn


def soft_dice(smooth, include_background=False):
    """1 − mean soft Dice (2Σyp + s)/(Σy + Σp + s) per channel and example; channel 0 (background)
    left out with several channels unless include_background."""

    def fn(y, p):
        if p.shape[-1] > 1 and not include_background:
            y, p = y[..., 1:], p[..., 1:]
        axes = list(range(1, p.dim() - 1))
        inter = (y * p).sum(axes)
        denom = y.sum(axes) + p.sum(axes)
        dice = (2 * inter + smooth) / torch.clamp(denom + smooth, min=EPS)
        return 1 - dice.mean()

    return fn


def dice_cross_entropy(dice_weight, ce_weight, smooth, include_background=False):
    dice = soft_dice(smooth, include_background)

    def fn(y, p):
        ce = binary_crossentropy(y, p) if p.shape[-1] == 1 else categorical_crossentropy(y, p)
        return dice_weight * dice(y, p) + ce_weight * ce

    return fn


def focal(gamma, alpha):
    def fn(y, p):
        pc = _clip(p)
        pt = y * pc + (1 - y) * (1 - pc)
        at = y * alpha + (1 - y) * (1 - alpha)
        w = at if gamma == 0 else at * (1 - pt) ** gamma
        return (-(w * torch.log(pt))).mean()

    return fn


def _num(p, k, d):
    v = p.get(k)
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else d


LOSSES = {
    "binary_crossentropy": lambda p: binary_crossentropy,
    "categorical_crossentropy": lambda p: categorical_crossentropy,
    "mean_squared_error": lambda p: mean_squared_error,
    "mean_absolute_error": lambda p: mean_absolute_error,
    "huber": lambda p: huber(_num(p, "delta", 1)),
    "soft_dice": lambda p: soft_dice(_num(p, "smooth", 1), p.get("includeBackground") is True),
    "dice_cross_entropy": lambda p: dice_cross_entropy(_num(p, "diceWeight", 1), _num(p, "crossEntropyWeight", 1), _num(p, "smooth", 1), p.get("includeBackground") is True),
    "focal": lambda p: focal(_num(p, "gamma", 2), _num(p, "alpha", 0.25)),
}


def loss_function(spec):
    if spec["type"] not in LOSSES:
        raise ValueError("jimu_torch cannot train with the loss %r" % spec["type"])
    return LOSSES[spec["type"]](spec.get("params", {}))
