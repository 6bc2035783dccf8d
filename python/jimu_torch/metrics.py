"""The scores `jimu train` writes into metrics.json `evaluations` (scoreTask of src/metrics/report.ts), with
the same keys, shapes and definitions, so `jimu evaluate`, the app and the model card read a run trained
here as one trained by Jimu. Not-a-number scores are written as null, as JavaScript's JSON does.
"""

import math

import numpy as np

TASK_METRICS = {
    "binary": ["accuracy", "auc", "kappa", "sensitivity", "specificity", "f1"],
    "multiclass": ["accuracy", "auc_macro", "kappa", "f1_micro", "f1_macro"],
    "multilabel": ["kappa", "f1_micro", "auc", "odir_score", "auc_macro"],
    "regression": ["mae", "rmse", "pearson_r"],
    "dense-regression": ["mae", "rmse", "dose_score"],
    "segmentation": ["dice_mean"],
}


def _div(a, b):
    return a / b if b else float("nan")


def confusion_matrix(truth, pred, k):
    m = [[0] * k for _ in range(k)]
    for t, p in zip(truth, pred):
        m[int(t)][int(p)] += 1
    return m


def accuracy(truth, pred):
    return _div(sum(1 for t, p in zip(truth, pred) if t == p), len(truth))


def cohen_kappa(m):
    k = len(m)
    total = sum(map(sum, m))
    observed = sum(m[i][i] for i in range(k))
    expected = sum(sum(m[i]) * sum(r[i] for r in m) / total for i in range(k)) if total else float("nan")
    return _div(observed - expected, total - expected)


def per_class(m):
    k = len(m)
    total = sum(map(sum, m))

    def div(a, b):
        return 0 if b == 0 else a / b

    out = []
    for c in range(k):
        tp = m[c][c]
        fn = sum(m[c]) - tp
        fp = sum(r[c] for r in m) - tp
        tn = total - tp - fn - fp
        precision, sensitivity = div(tp, tp + fp), div(tp, tp + fn)
        out.append({"sensitivity": sensitivity, "specificity": div(tn, tn + fp), "precision": precision, "f1": div(2 * precision * sensitivity, precision + sensitivity), "support": tp + fn})
    return out


def micro_f1(m):
    k = len(m)
    tp = sum(m[c][c] for c in range(k))
    fn = sum(sum(m[c]) - m[c][c] for c in range(k))
    fp = sum(sum(r[c] for r in m) - m[c][c] for c in range(k))
    return _div(2 * tp, 2 * tp + fp + fn)


def roc_auc(labels, scores):
    """Mann–Whitney AUC with tied scores at their mean rank (rocAuc of src/metrics/roc.ts)."""
    labels = np.asarray(labels, np.float64)
    scores = np.asarray(scores, np.float64)
    n = len(labels)
    order = np.argsort(scores, kind="stable")
    s = scores[order]
    pos_mask = labels[order] > 0.5
    positives, rank_sum, i = 0, 0.0, 0
    while i < n:
        j = i
        while j + 1 < n and s[j + 1] == s[i]:
            j += 1
        mid = (i + j) / 2 + 1
        k = int(pos_mask[i : j + 1].sum())
        positives += k
        rank_sum += mid * k
        i = j + 1
    negatives = n - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def nan_mean(xs):
    ok = [x for x in xs if not (isinstance(x, float) and math.isnan(x))]
    return sum(ok) / len(ok) if ok else float("nan")


def odir_score(truth, score, threshold):
    pred = (np.asarray(score) > threshold).astype(int)
    t = (np.asarray(truth) > 0.5).astype(int)
    m = confusion_matrix(t, pred, 2)
    kappa, f1, auc = cohen_kappa(m), micro_f1(m), roc_auc(t, score)
    return {"kappa": kappa, "f1_micro": f1, "auc": auc, "odir_score": (kappa + f1 + auc) / 3}


def _argmax_first(a):
    """Index of the first maximum along the last axis, as Jimu's loops pick it (strictly greater replaces)."""
    return np.argmax(a, axis=-1)


def _dice(t, p):
    a, b = int(t.sum()), int(p.sum())
    return 1.0 if a + b == 0 else 2 * int((t & p).sum()) / (a + b)


def score_task(task, truth, pred, label_shape, label_names, threshold=0.5):
    """scoreTask: truth and pred [n, *label_shape] (float32, the model's outputs)."""
    truth = np.asarray(truth, np.float32)
    pred = np.asarray(pred, np.float32)
    n = truth.shape[0]
    if n == 0:
        return clean(dict({"n": 0, "empty": True}, **{k: None for k in TASK_METRICS[task]}))
    per = int(np.prod(label_shape)) if len(label_shape) else 1
    t2, p2 = truth.reshape(n, per).astype(np.float64), pred.reshape(n, per).astype(np.float64)
    if task in ("multiclass", "binary"):
        if per == 1:
            t = (t2[:, 0] > 0.5).astype(int)
            p = (p2[:, 0] > threshold).astype(int)
            m = confusion_matrix(t, p, 2)
            pos = per_class(m)[1]
            return clean({"n": n, "accuracy": accuracy(t, p), "auc": roc_auc(t, p2[:, 0]), "kappa": cohen_kappa(m), "sensitivity": pos["sensitivity"], "specificity": pos["specificity"], "f1": pos["f1"], "confusion": m})
        t = _argmax_first(t2)
        p = _argmax_first(p2)
        m = confusion_matrix(t, p, per)
        classes = per_class(m)
        aucs = [roc_auc((t == c).astype(float), p2[:, c]) for c in range(per)]
        return clean({
            "n": n,
            "accuracy": accuracy(t, p),
            "auc_macro": nan_mean(aucs),
            "auc": {name: aucs[i] for i, name in enumerate(label_names)},
            "kappa": cohen_kappa(m),
            "f1_micro": micro_f1(m),
            "f1_macro": nan_mean([c["f1"] for c in classes]),
            "per_class": {name: classes[i] for i, name in enumerate(label_names)},
            "confusion": m,
            "labels": list(label_names),
        })
    if task == "multilabel":
        aucs = [roc_auc(t2[:, c], p2[:, c]) for c in range(len(label_names))]
        out = {"n": n}
        out.update(odir_score(t2.ravel(), p2.ravel(), threshold))
        out.update({"auc_macro": nan_mean(aucs), "auc_per_label": {name: aucs[i] for i, name in enumerate(label_names)}})
        return clean(out)
    if task == "regression":
        return clean({"n": n, "mae": _mae(t2, p2), "rmse": _rmse(t2, p2), "pearson_r": _pearson(t2.ravel(), p2.ravel())})
    if task == "dense-regression":
        per_case = []
        for i in range(n):
            mask = t2[i] > 0
            per_case.append(float(np.abs(t2[i][mask] - p2[i][mask]).sum() / mask.sum()) if mask.any() else float("nan"))
        return clean({"n": n, "mae": _mae(t2, p2), "rmse": _rmse(t2, p2), "dose_score": nan_mean(per_case)})
    if task == "segmentation":
        channels = label_shape[-1] if len(label_shape) else 1
        tv = truth.reshape(n, -1, channels)
        pv = pred.reshape(n, -1, channels)
        per_case = []
        for i in range(n):
            if channels == 1:
                per_case.append([_dice(tv[i, :, 0] > 0.5, pv[i, :, 0] > threshold)])
            else:
                best = _argmax_first(pv[i])
                per_case.append([_dice(tv[i, :, c] > 0.5, best == c) for c in range(1, channels)])
        names = [label_names[0] if label_names else "foreground"] if channels == 1 else list(label_names[1:])
        mean = [nan_mean([r[j] for r in per_case]) for j in range(len(names))]
        out = {"n": n, "dice": {name: mean[j] for j, name in enumerate(names)}, "dice_mean": nan_mean(mean), "dice_per_case": per_case}
        if channels > 1:
            out["dice_regions"] = _region_scores(tv, pv, channels, label_names)
        return clean(out)
    raise ValueError("unknown task %r" % task)


def _region_scores(tv, pv, channels, names):
    regions = {"foreground": list(range(1, channels))}
    at = {k: (names.index(k) if k in names else -1) for k in ("necrosis", "edema", "enhancing")}
    if all(v > 0 for v in at.values()):
        regions.update({"whole_tumor": [at["necrosis"], at["edema"], at["enhancing"]], "tumor_core": [at["necrosis"], at["enhancing"]], "enhancing_tumor": [at["enhancing"]]})
    per_case = []
    for i in range(tv.shape[0]):
        t, p = _argmax_first(tv[i]), _argmax_first(pv[i])
        per_case.append({k: _dice(np.isin(t, v), np.isin(p, v)) for k, v in regions.items()})
    return {k: nan_mean([c[k] for c in per_case]) for k in regions}


def _mae(t, p):
    return float(np.abs(p - t).sum() / t.size)


def _rmse(t, p):
    return math.sqrt(float(((p - t) ** 2).sum() / t.size))


def _pearson(a, b):
    da, db = a - a.mean(), b - b.mean()
    den = math.sqrt(float((da * da).sum() * (db * db).sum()))
    return float((da * db).sum()) / den if den else float("nan")


def clean(v):
    """JSON as JavaScript writes it: NaN and infinities become null, numpy numbers plain ones."""
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if math.isfinite(f) else None
    return v
