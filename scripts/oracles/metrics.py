"""Reference values for src/metrics, computed with scikit-learn and SciPy (Debian's python3-sklearn,
python3-scipy). Run: /usr/bin/python3 scripts/oracles/metrics.py > src/metrics/fixtures/reference.json
The inputs are generated here from a fixed seed and stored beside the outputs, so the TypeScript tests
need no Python."""
import json

import numpy as np
from scipy import stats
from sklearn import metrics

rng = np.random.default_rng(20261127)
cases = []

# Binary classification with ties in the scores.
for n, name in [(40, "binary-small"), (300, "binary-ties")]:
    y = rng.integers(0, 2, n)
    s = np.round(np.clip(y * 0.3 + rng.normal(0.35, 0.25, n), 0, 1), 1 if name == "binary-ties" else 4)
    pred = (s > 0.5).astype(int)
    tn, fp, fn, tp = metrics.confusion_matrix(y, pred, labels=[0, 1]).ravel()
    cases.append({
        "name": name, "kind": "binary", "y": y.tolist(), "score": s.tolist(),
        "auc": metrics.roc_auc_score(y, s),
        "accuracy": metrics.accuracy_score(y, pred),
        "f1": metrics.f1_score(y, pred),
        "kappa": metrics.cohen_kappa_score(y, pred),
        "sensitivity": tp / (tp + fn), "specificity": tn / (tn + fp),
    })

# Multi-class (4 classes): one-vs-rest AUC, confusion matrix, F1.
n, k = 200, 4
y = rng.integers(0, k, n)
logits = rng.normal(0, 1, (n, k)) + np.eye(k)[y] * 1.2
p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
pred = p.argmax(1)
cases.append({
    "name": "multiclass", "kind": "multiclass", "y": y.tolist(), "prob": np.round(p, 6).tolist(),
    "auc_per_class": [metrics.roc_auc_score((y == c).astype(int), np.round(p, 6)[:, c]) for c in range(k)],
    "auc_macro": metrics.roc_auc_score(y, np.round(p, 6), multi_class="ovr", average="macro"),
    "confusion": metrics.confusion_matrix(y, pred, labels=list(range(k))).tolist(),
    "accuracy": metrics.accuracy_score(y, pred),
    "f1_macro": metrics.f1_score(y, pred, average="macro"),
    "f1_micro": metrics.f1_score(y, pred, average="micro"),
    "kappa": metrics.cohen_kappa_score(y, pred),
})

# Multi-label (ODIR-style: patients x labels, threshold 0.5).
n, k = 60, 8
y = rng.integers(0, 2, (n, k))
s = np.round(np.clip(y * 0.35 + rng.normal(0.3, 0.2, (n, k)), 0, 1), 4)
flat_y, flat_s = y.ravel(), s.ravel()
flat_p = (flat_s > 0.5).astype(int)
kappa = metrics.cohen_kappa_score(flat_y, flat_p)
f1 = metrics.f1_score(flat_y, flat_p, average="micro")
auc = metrics.roc_auc_score(flat_y, flat_s)
cases.append({
    "name": "multilabel", "kind": "multilabel", "y": y.tolist(), "score": s.tolist(),
    "kappa": kappa, "f1_micro": f1, "auc": auc, "odir_score": (kappa + f1 + auc) / 3,
    "auc_per_label": [metrics.roc_auc_score(y[:, c], s[:, c]) for c in range(k)],
})

# Regression.
t = rng.uniform(20, 80, 100)
pr = t + rng.normal(0, 5, 100)
cases.append({
    "name": "regression", "kind": "regression", "truth": np.round(t, 4).tolist(), "pred": np.round(pr, 4).tolist(),
    "mae": metrics.mean_absolute_error(np.round(t, 4), np.round(pr, 4)),
    "rmse": float(np.sqrt(metrics.mean_squared_error(np.round(t, 4), np.round(pr, 4)))),
    "pearson_r": stats.pearsonr(np.round(t, 4), np.round(pr, 4))[0],
    "spearman_rho": stats.spearmanr(np.round(t, 4), np.round(pr, 4))[0],
    "spearman_gap_vs_age": stats.spearmanr(np.round(pr, 4) - np.round(t, 4), np.round(t, 4))[0],
})

print(json.dumps({"generated_by": "scripts/oracles/metrics.py (scikit-learn %s)" % __import__("sklearn").__version__, "cases": cases}, indent=1, default=float))
