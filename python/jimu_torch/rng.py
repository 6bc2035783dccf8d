"""Jimu's seeded random numbers (src/data/random.ts), bit for bit, so a split made here is the split Jimu makes."""

import math

M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & M32


def mulberry32(seed):
    state = [seed & M32]

    def nxt():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        t = state[0]
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return nxt


class Mulberry32:
    """mulberry32 as an object that can also skip draws: its state only ever grows by a constant."""

    def __init__(self, seed):
        self.state = seed & M32

    def __call__(self):
        self.state = (self.state + 0x6D2B79F5) & M32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    def skip(self, k):
        self.state = (self.state + 0x6D2B79F5 * k) & M32


def stream_seed(seed, purpose):
    """streamSeed of src/runtime/random.ts: an independent stream ('shuffle', 'dropout') from the run's seed."""
    h = 2166136261 ^ (seed & M32)
    for ch in purpose:
        h = _imul(h ^ ord(ch), 16777619)
    return h & M32


def shuffle_draws(n, runs, shuffled):
    """How many numbers one epoch's training order draws (so a resumed run can skip them)."""
    count = len(_run_starts(n, runs)) if runs and runs["length"] > 1 else n
    return max(0, count - 1) if shuffled else 0


def _run_starts(n, runs):
    per, length = runs["per"], runs["length"]
    return [s for block in range(0, n, per) for s in range(block, min(block + per, n), length)]


def training_order(n, runs, shuffled, nxt):
    """trainingOrder of src/data/lazy/prefetch.ts with Jimu's Fisher-Yates permutation (src/runtime/random.ts):
    the order `jimu train` visits n examples in one epoch, drawing from `nxt`; examples that come in runs
    (patches of one scan kept together per read) stay together and the runs are shuffled."""
    if not runs or runs["length"] <= 1:
        return shuffle(list(range(n)), nxt) if shuffled else list(range(n))
    starts = _run_starts(n, runs)
    visit = shuffle(list(range(len(starts))), nxt) if shuffled else list(range(len(starts)))
    order = []
    for r in visit:
        s = starts[r]
        end = min(s + runs["length"], (s // runs["per"]) * runs["per"] + runs["per"], n)
        order.extend(range(s, end))
    return order


def derive_seed(seed, name):
    h = (0x811C9DC5 ^ (seed & M32)) & M32
    for ch in name:
        # JavaScript's charCodeAt: UTF-16 code units.
        for unit in _utf16(ch):
            h ^= unit
            h = _imul(h, 0x01000193)
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = _imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h & M32


def _utf16(ch):
    c = ord(ch)
    if c < 0x10000:
        return [c]
    c -= 0x10000
    return [0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF)]


def shuffle(items, nxt):
    for i in range(len(items) - 1, 0, -1):
        j = math.floor(nxt() * (i + 1))
        items[i], items[j] = items[j], items[i]
    return items


SUBSETS = ("train", "validation", "test")


def split_indices(groups, strata, fractions, seed):
    """splitIndices of src/data/split.ts: whole groups dealt per stratum to the subset furthest below its share."""
    members = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    by_stratum = {}
    for g, idx in members.items():
        key = ""
        if strata is not None:
            counts, best = {}, -1
            for i in idx:
                k = _js_str(strata[i])
                counts[k] = counts.get(k, 0) + 1
                if counts[k] > best:
                    best, key = counts[k], k
        by_stratum.setdefault(key, []).append(g)
    nxt = mulberry32(seed)
    out = {s: [] for s in SUBSETS}
    total = {s: 0 for s in SUBSETS}
    dealt = 0
    for key in sorted(by_stratum.keys(), key=_js_sort_key):
        order = shuffle(sorted(by_stratum[key], key=_js_sort_key), nxt)
        in_stratum = {s: 0 for s in SUBSETS}
        seen = 0
        for g in order:
            idx = members[g]
            seen += len(idx)
            dealt += len(idx)
            pick, best_local, best_global = "train", -math.inf, -math.inf
            for s in SUBSETS:
                if fractions[s] == 0:
                    continue
                local = fractions[s] * seen - in_stratum[s]
                glob = fractions[s] * dealt - total[s]
                if local > best_local + 1e-9 or (abs(local - best_local) <= 1e-9 and glob > best_global):
                    pick, best_local, best_global = s, local, glob
            in_stratum[pick] += len(idx)
            total[pick] += len(idx)
            out[pick] += idx
    return {s: sorted(v) for s, v in out.items()}


def _js_str(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _js_sort_key(s):
    # JavaScript's default sort compares UTF-16 code units.
    return [u for ch in s for u in _utf16(ch)]
