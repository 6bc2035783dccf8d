"""Test-set predictions and their reference in the files `jimu evaluate` scores (src/metrics/prediction-files.ts)."""

import csv
import os
import re
import shutil

import numpy as np

from .nifti import write_nifti

TASKS = {"binary": "classification", "multiclass": "classification", "multilabel": "classification", "regression": "regression", "segmentation": "segmentation", "dense-regression": "dose"}


def case_names(ids, n):
    used, out = set(), []
    for i in range(n):
        raw = re.sub(r"\.nii(\.gz)?$", "", ids[i] if i < len(ids) else "", flags=re.I)
        raw = re.sub(r"^[._]+", "", re.sub(r"[^A-Za-z0-9._-]+", "_", raw))
        base = raw or "case_%04d" % (i + 1)
        name, k = base, 2
        while name.lower() in used:
            name, k = "%s_%d" % (base, k), k + 1
        used.add(name.lower())
        out.append(name)
    return out


def _table_ids(ids, cases):
    ok = len(set(ids)) == len(ids) and all(i.strip() and i == i.strip() for i in ids)
    return list(ids) if ok else cases


def _csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[0]] + [repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in r[1:]])


def write_predictions(out, name, s, pred, threshold=0.5, split="test"):
    """Writes predictions/<name> and truth/<name>; returns the entry for the run manifest."""
    task = TASKS[s.task]
    n = s.n
    cases = case_names(s.ids, n)
    for sub in ("predictions", "truth"):
        for p in (os.path.join(out, sub, name), os.path.join(out, sub, name + ".csv")):
            if os.path.isdir(p):
                shutil.rmtree(p)
            elif os.path.exists(p):
                os.remove(p)
    truth = s.y.reshape(n, -1)
    flat = pred.reshape(n, -1)
    if task == "classification":
        per = truth.shape[1]
        cols = [s.label_names[0] if s.label_names else "positive"] if per == 1 else s.label_names[:per]
        ids = _table_ids(s.ids, cases)
        _csv(os.path.join(out, "predictions", name + ".csv"), ["id"] + cols, [[ids[i]] + list(map(float, flat[i])) for i in range(n)])
        if s.task != "multilabel" and per > 1:
            t = [[ids[i]] + [1 if c == int(np.argmax(truth[i])) else 0 for c in range(per)] for i in range(n)]
        else:
            t = [[ids[i]] + [1 if v > 0.5 else 0 for v in truth[i]] for i in range(n)]
        _csv(os.path.join(out, "truth", name + ".csv"), ["id"] + cols, t)
        p_rel, t_rel = "predictions/%s.csv" % name, "truth/%s.csv" % name
    elif task == "regression":
        ids = _table_ids(s.ids, cases)
        _csv(os.path.join(out, "predictions", name + ".csv"), ["id", "value"], [[ids[i], float(flat[i, 0])] for i in range(n)])
        _csv(os.path.join(out, "truth", name + ".csv"), ["id", "value"], [[ids[i], float(truth[i, 0])] for i in range(n)])
        p_rel, t_rel = "predictions/%s.csv" % name, "truth/%s.csv" % name
        cases = ids
    else:
        spatial = list(s.y.shape[1:-1])
        channels = s.y.shape[-1]
        spacing = tuple(s.spacing) if s.spacing else (1.0, 1.0, 1.0)
        for d in ("predictions", "truth"):
            os.makedirs(os.path.join(out, d, name), exist_ok=True)
        for i in range(n):
            p = pred[i].reshape(spatial + [channels])
            t = s.y[i].reshape(spatial + [channels])
            if task == "dose":
                write_nifti(os.path.join(out, "predictions", name, cases[i] + ".nii"), p[..., 0].astype(np.float32), spacing)
                os.makedirs(os.path.join(out, "truth", name, cases[i]), exist_ok=True)
                write_nifti(os.path.join(out, "truth", name, cases[i], "dose.nii"), t[..., 0].astype(np.float32), spacing)
                continue
            if channels == 1:
                pl, tl = (p[..., 0] > threshold), (t[..., 0] > 0.5)
            else:
                pl, tl = np.argmax(p, -1), np.argmax(t, -1)
            write_nifti(os.path.join(out, "predictions", name, cases[i] + ".nii"), pl.astype(np.uint8), spacing)
            write_nifti(os.path.join(out, "truth", name, cases[i] + ".nii"), tl.astype(np.uint8), spacing)
        p_rel, t_rel = "predictions/%s" % name, "truth/%s" % name
    return {"set": name, "split": split, "task": task, "cases": cases, "pred": p_rel, "truth": t_rel, "command": "jimu evaluate --task %s %s %s" % (task, os.path.join(out, p_rel), os.path.join(out, t_rel))}
