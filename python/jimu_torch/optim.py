"""Jimu's optimizers and learning-rate schedules (src/runtime/optimizers.ts) with tfjs' numerics."""

import math

import torch

from .losses import _num


class RMSprop(torch.optim.Optimizer):
    """tfjs' RMSprop (not centred): ms ← ρ·ms + (1−ρ)g²; mom ← μ·mom + lr·g/√(ms + ε); w ← w − mom.
    PyTorch's own adds ε outside the square root, so it is written here."""

    def __init__(self, params, lr, rho=0.9, momentum=0.0, eps=1e-7):
        super().__init__(params, dict(lr=lr, rho=rho, momentum=momentum, eps=eps))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                st = self.state[p]
                if not st:
                    st["ms"] = torch.zeros_like(p)
                    st["mom"] = torch.zeros_like(p)
                g = p.grad
                st["ms"].mul_(group["rho"]).addcmul_(g, g, value=1 - group["rho"])
                upd = g * group["lr"] / torch.sqrt(st["ms"] + group["eps"])
                st["mom"].mul_(group["momentum"]).add_(upd)
                p.sub_(st["mom"])


def make_optimizer(spec, params):
    p = spec.get("params", {})
    lr = _num(p, "learningRate", 0.001)
    t = spec["type"]
    if t == "sgd":
        m = _num(p, "momentum", 0)
        return torch.optim.SGD(params, lr=lr, momentum=m, nesterov=bool(p.get("nesterov")) and m > 0)
    if t == "adam":
        # tfjs' Adam is PyTorch's, with tfjs' default epsilon 1e-7 (PyTorch's is 1e-8).
        return torch.optim.Adam(params, lr=lr, betas=(_num(p, "beta1", 0.9), _num(p, "beta2", 0.999)), eps=_num(p, "epsilon", 1e-7))
    if t == "rmsprop":
        return RMSprop(params, lr, _num(p, "rho", 0.9), _num(p, "momentum", 0), _num(p, "epsilon", 1e-7))
    raise ValueError("jimu_torch cannot train with the optimizer %r" % t)


def learning_rate_at(spec, epoch):
    """The rate for a 0-based epoch (scheduledRate in optimizers.ts)."""
    base = _num(spec.get("params", {}), "learningRate", 0.001)
    s = spec.get("schedule")
    if not s:
        return base
    p = s.get("params", {})
    if s["type"] == "step":
        return base * _num(p, "factor", 0.5) ** (epoch // max(1, _num(p, "everyEpochs", 10)))
    if s["type"] == "cosine":
        total, warmup, lo = _num(p, "epochs", 50), _num(p, "warmupEpochs", 0), _num(p, "minLearningRate", 0)
        if epoch < warmup:
            return base * (epoch + 1) / warmup
        t = min(1, (epoch - warmup) / max(1, total - warmup))
        return lo + (base - lo) * 0.5 * (1 + math.cos(math.pi * t))
    raise ValueError("jimu_torch does not know the schedule %r" % s["type"])


def set_learning_rate(optimizer, lr):
    for g in optimizer.param_groups:
        g["lr"] = lr
