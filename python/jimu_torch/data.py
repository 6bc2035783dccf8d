"""The plan's data steps over files: the dataset folder an export writes (or a Jimu Volume Folder),
then every preprocessing block as Jimu runs it (src/data/*.ts; the arithmetic is in transforms.py).
Decoded cases and the steps before the first per-epoch step (augmentation, random patches) are kept
in memory, so an epoch never decodes a file twice and the GPU is not left waiting for the disk.
"""

import json
import os

import numpy as np

from . import transforms as T
from .dicom import read_dicom_series
from .images import ImageProblem, read_image_folder
from .nifti import read_nifti
from .rng import derive_seed, split_indices

SAMPLE_SOURCES = ("SampleShapes", "SampleFundus", "SampleBrainAge", "SampleGlioma", "SampleDose", "SamplePetCt")
TRANSFORMS = ("Split", "Normalize", "CtWindow", "IntensityNormalize", "Resample", "CropPad", "Resize", "PatchSample", "Augment")
# Every data block jimu_torch runs; Jimu's exporter refuses a pipeline with any other (src/export/torch-support.ts).
DATA_STEPS = SAMPLE_SOURCES + ("VolumeFolder", "ImageFolder") + TRANSFORMS
# Steps that draw anew in every training epoch (Jimu's `perEpoch` blocks).
PER_EPOCH = ("PatchSample", "Augment")
SUBSETS = ("train", "validation", "test")


class DataProblem(ValueError):
    pass


class ExampleSet:
    """Examples as Jimu's ExampleSet (src/core/examples.ts). `runs` ({"per", "length"} or None): consecutive
    examples that training keeps together when it shuffles (the patches of one scan from one read)."""

    def __init__(self, x, y, ids, groups, task, label_names, spacing=None, runs=None):
        self.x, self.y, self.ids, self.groups = x, y, list(ids), list(groups)
        self.task, self.label_names, self.spacing, self.runs = task, list(label_names), spacing, runs

    @property
    def n(self):
        return len(self.ids)

    def but(self, **kw):
        """A copy with some fields replaced."""
        f = {"x": self.x, "y": self.y, "ids": self.ids, "groups": self.groups, "task": self.task, "label_names": self.label_names, "spacing": self.spacing, "runs": self.runs}
        f.update(kw)
        return ExampleSet(**f)

    def select(self, idx):
        """The examples at `idx`, in that order; runs are not kept (selectExamples of src/data/example-set.ts)."""
        idx = list(idx)
        return ExampleSet(self.x[idx], self.y[idx], [self.ids[i] for i in idx], [self.groups[i] for i in idx], self.task, self.label_names, self.spacing)


def read_dataset_folder(folder):
    """A folder written by `jimu export --with-data`: manifest.json (format jimu.dataset) + NIfTI files."""
    path = os.path.join(folder, "manifest.json")
    if not os.path.exists(path):
        raise DataProblem("%s has no manifest.json. Export with --with-data, or pass --data with a dataset folder." % folder)
    with open(path) as f:
        m = json.load(f)
    if m.get("format") != "jimu.dataset":
        raise DataProblem("%s is not a dataset written by jimu export (format %r)" % (path, m.get("format")))
    image_shape, label_shape = m["imageShape"], m["labelShape"]
    n = len(m["items"])
    x = np.zeros([n] + image_shape, dtype=np.float32)
    y = np.zeros([n] + label_shape, dtype=np.float32)
    for i, item in enumerate(m["items"]):
        chans = [read_nifti(os.path.join(folder, item["images"][mod]))[0] for mod in m["modalities"]]
        x[i] = np.stack(chans, axis=-1).reshape(image_shape)
        if "target" in item:
            y[i] = np.asarray(item["target"], dtype=np.float32).reshape(label_shape)
        else:
            lab = read_nifti(os.path.join(folder, item["labelFile"]))[0]
            if m.get("labelEncoding") == "onehot":
                k = label_shape[-1]
                y[i] = (lab[..., None] == np.arange(k, dtype=np.float32)).astype(np.float32)
            else:
                y[i] = lab.reshape(label_shape)
    spacing = m.get("spacing")
    return ExampleSet(x, y, [it["id"] for it in m["items"]], [it["patient"] for it in m["items"]], m["task"], m.get("labelNames", []), spacing)


def read_volume_folder(folder, p):
    """Jimu's Volume Folder (readVolumeFolder of src/data/volume-folder.ts, docs/datasets.md): each file is
    resampled to the block's voxel spacing (trilinear; masks nearest), then cropped or padded to its size
    around the scan's centre or the mask's (images padded with their minimum, masks with 0)."""
    manifest = os.path.join(folder, p.get("folder", "."), p.get("manifest", "manifest.json"))
    root = os.path.dirname(manifest)
    items, classes = _manifest_items(manifest)
    classes = p.get("classes") or classes
    kind = p.get("labelKind", "mask")
    if kind == "auto":
        kind = _detect_label_kind(items)
    size = p.get("size", [96, 96, 96])
    want = p.get("spacing")
    zyx = [size[2], size[1], size[0]]
    if kind == "class" and not classes:
        classes = sorted({str(it.get("label") or "") for it in items} - {""})
    xs, ys = [], []

    def prepare(path, method):
        arr, zooms = read_image(os.path.join(root, path))
        return T.resample_grid(arr, zooms, want, method) if want else arr.astype(np.float32)

    for it in items:
        mask = None
        if kind == "mask":
            if not it.get("label"):
                raise DataProblem("manifest item %s has no label mask" % it.get("id"))
            mask = prepare(it["label"], "nearest")
        chans = []
        for mod in p.get("modalities", ["image"]):
            if mod not in it["images"]:
                raise DataProblem("manifest item %s has no image for the modality %s" % (it.get("id"), mod))
            chans.append(prepare(it["images"][mod], "linear"))
        for g in chans[1:] + ([mask] if mask is not None else []):
            if g.shape != chans[0].shape:
                raise DataProblem("manifest item %s: its images and mask are not on one grid (%s and %s); set a voxel spacing so they are resampled alike" % (it.get("id"), list(chans[0].shape), list(g.shape)))
        centre = (T.foreground_centre(mask) if p.get("crop") == "foreground" and mask is not None else None) or [s // 2 for s in chans[0].shape]
        xs.append(np.stack([T.fit_grid(g, zyx, centre, float(g.min()) if g.size else 0.0) for g in chans], -1))
        lab = it.get("label")
        if kind == "mask":
            ys.append(T.fit_grid(mask, zyx, centre, 0.0)[..., None])
        elif kind == "class":
            v = np.zeros(len(classes), np.float32)
            if str(lab) not in classes:
                raise DataProblem("manifest item %s: the label %r is not one of the classes %s" % (it.get("id"), lab, classes))
            v[classes.index(str(lab))] = 1
            ys.append(v)
        elif kind == "number":
            ys.append(np.asarray([float(lab)], np.float32))
        else:
            ys.append(np.zeros([0], np.float32))
    task = {"mask": "segmentation", "class": "multiclass", "number": "regression"}.get(kind, "regression")
    if kind == "mask":
        # Without names the block promises these two (blocks/data/VolumeFolder.ts), whatever the manifest says.
        names = list(p.get("classes") or []) or ["background", "label 1"]
    else:
        names = classes if kind == "class" else []
    ids = [it.get("id") or "%s-%d" % (it["patient"], i + 1) for i, it in enumerate(items)]
    return ExampleSet(np.stack(xs).astype(np.float32), np.stack(ys).astype(np.float32), ids, [it["patient"] for it in items], task, names, want)


def _detect_label_kind(items):
    labels = [it.get("label") for it in items if it.get("label") not in (None, "")]
    if not labels:
        return "none"
    if all(isinstance(v, str) and (v.lower().endswith((".nii", ".nii.gz", ".dcm")) or v.endswith("/")) for v in labels):
        return "mask"
    try:
        [float(v) for v in labels]
        return "number"
    except (TypeError, ValueError):
        return "class"


def read_image(path):
    """A NIfTI file, or a DICOM series folder (a path ending in / or without a .nii/.nii.gz/.dcm name), as Jimu reads them."""
    low = path.lower()
    if path.endswith("/") or os.path.isdir(path) or not (low.endswith(".nii") or low.endswith(".nii.gz") or low.endswith(".dcm")):
        return read_dicom_series(path)
    if low.endswith(".dcm"):
        return read_dicom_series(os.path.dirname(path))
    return read_nifti(path)


def _manifest_items(path):
    if path.endswith(".json"):
        with open(path) as f:
            m = json.load(f)
        return m["items"], m.get("classes", [])
    import csv

    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    items = []
    for r in rows:
        images = {k[len("image:") :]: v for k, v in r.items() if k.startswith("image:")}
        items.append({"patient": r["patient"], "id": r.get("id") or None, "images": images, "label": r.get("label")})
    return items, []


def class_indices(s):
    if s.task not in ("multiclass", "binary"):
        return None
    flat = s.y.reshape(s.n, -1)
    if flat.shape[1] == 1:
        return [1 if v >= 0.5 else 0 for v in flat[:, 0]]
    return [int(np.argmax(r)) for r in flat]  # first maximum, as Jimu's loop


def strata_of(s):
    c = class_indices(s)
    if c is not None:
        return c
    if s.task != "multilabel":
        return None
    flat = s.y.reshape(s.n, -1)
    freq = (flat >= 0.5).sum(0)
    out = []
    for r in flat:
        rarest = -1
        for j in range(flat.shape[1]):
            if r[j] >= 0.5 and (rarest < 0 or freq[j] < freq[rarest]):
                rarest = j
        out.append(rarest)
    return out


def normalize(s, p):
    mode, per = p.get("mode", "minmax"), p.get("perChannel", True)
    x = s.x.astype(np.float64)
    if mode == "scale":
        out = x * p.get("scale", 1) + p.get("offset", 0)
    else:
        n, c = s.n, s.x.shape[-1]
        flat = x.reshape(n, -1, c) if per else x.reshape(n, -1, 1)
        if mode == "minmax":
            lo, hi = flat.min(1, keepdims=True), flat.max(1, keepdims=True)
            factor = np.where(hi > lo, 1 / np.where(hi > lo, hi - lo, 1), 0)
            out = (flat - lo) * factor
        else:
            mean = flat.mean(1, keepdims=True)
            std = np.sqrt(((flat - mean) ** 2).mean(1, keepdims=True))
            out = (flat - mean) * np.where(std > 0, 1 / np.where(std > 0, std, 1), 0)
    return s.but(x=out.reshape(s.x.shape).astype(np.float32))


class DataRunner:
    """Runs data streams, keeping each source's decoded cases in memory for every stream that shares it."""

    def __init__(self, data_dir, seed):
        self.data_dir, self.seed, self.sources = data_dir, seed, {}

    def source(self, step):
        key = json.dumps([step["block"], step["type"], step["params"]], sort_keys=True)
        if key not in self.sources:
            if step["type"] in SAMPLE_SOURCES:
                self.sources[key] = read_dataset_folder(self.data_dir)
            elif step["type"] == "VolumeFolder":
                self.sources[key] = read_volume_folder(self.data_dir, step["params"])
            elif step["type"] == "ImageFolder":
                try:
                    x, y, ids, groups, names, task = read_image_folder(self.data_dir, step["params"])
                except ImageProblem as e:
                    raise DataProblem("%s (Image Folder): %s" % (step["block"], e))
                self.sources[key] = ExampleSet(x, y, ids, groups, task, names)
            else:
                raise DataProblem("jimu_torch cannot read the data source %s (%s)" % (step["block"], step["type"]))
        return self.sources[key]

    def run(self, steps):
        """The stream's examples as `jimu train` has them in epoch 1 (validation and test: in every epoch)."""
        return self.stream(steps).for_epoch(1)

    def stream(self, steps):
        """A stream over epochs (epochStream of src/data/run-steps.ts): on a training stream the steps from the
        first per-epoch one on run again each epoch with seeds derived from the epoch; the rest run once."""
        subset = subset_of(steps)
        at = next((i for i, st in enumerate(steps) if st["type"] in PER_EPOCH), -1) if subset == "train" else -1
        if at < 0:
            first = self._run(steps, 0, len(steps), None, None, subset)
            return Stream(False, lambda epoch: first)
        prefix = self._run(steps, 0, at, None, None, subset)
        return Stream(True, lambda epoch: self._run(steps, at, len(steps), prefix, epoch, subset))

    def _run(self, steps, lo, hi, s, epoch, subset):
        for i in range(lo, hi):
            step = steps[i]
            step_seed = derive_seed(self.seed, step["block"])
            seed = epoch_seed(step_seed, epoch) if epoch is not None and step["type"] in PER_EPOCH else step_seed
            s = self.source(step) if i == 0 else apply_step(s, step, seed, subset)
        return s


class Stream:
    """A data stream over epochs: `per_epoch` when augmentation or random patches draw anew each epoch."""

    def __init__(self, per_epoch, for_epoch):
        self.per_epoch, self._for_epoch = per_epoch, for_epoch

    def for_epoch(self, epoch):
        """The examples of `epoch` (from 1)."""
        return self._for_epoch(epoch)


def epoch_seed(step_seed, epoch):
    """Epoch 1 keeps the step's own seed, so a plain run is epoch 1 (epochSeed of src/data/run-steps.ts)."""
    return step_seed if epoch <= 1 else derive_seed(step_seed, "epoch %d" % epoch)


def subset_of(steps):
    for st in reversed(steps):
        if st.get("output") in SUBSETS:
            return st["output"]
    return None


def apply_step(s, step, seed, subset=None):
    """One transform step of the plan, with its block's parameters (blocks/data/*.ts) and Jimu's seed for it."""
    t, p = step["type"], step["params"]
    try:
        if t == "Split":
            fr = {k: p.get(k, 0) for k in ("train", "validation", "test")}
            parts = split_indices(s.groups, strata_of(s) if p.get("stratify", True) else None, fr, p["seed"] if p.get("seed") is not None else seed)
            return s.select(parts[step["output"]])
        if t == "Normalize":
            return normalize(s, p)
        if t == "CtWindow":
            preset = p.get("preset", "softTissue")
            level, width = (p.get("level", 50), p.get("width", 350)) if preset == "custom" else T.CT_WINDOWS[preset]
            ch = p.get("channel")
            if ch is not None and ch >= s.x.shape[-1]:
                raise DataProblem("CT window: channel %d does not exist; the images have %d channel(s), numbered from 0" % (ch, s.x.shape[-1]))
            return s.but(x=T.ct_window(s.x, level, width, ch))
        if t == "IntensityNormalize":
            return s.but(x=T.normalize_intensity(s.x, p.get("mode", "zscore"), p.get("lower", 0.5), p.get("upper", 99.5), p.get("nonzero", False)))
        if t == "Resample":
            if s.x.ndim != 5:
                raise DataProblem("Resample works on 3D volumes [depth, height, width, channels]; the examples have the shape %s" % (list(s.x.shape[1:]),))
            frm = s.spacing or p.get("assume")
            if not frm:
                raise DataProblem("Resample needs the voxel spacing of the volumes, but this data records none: set \"Spacing when unknown\" in the block")
            x, y, spacing = T.resample(s.x, s.y, s.task, frm, p.get("spacing", [1, 1, 1]))
            return s.but(x=x, y=y, spacing=spacing)
        if t == "CropPad":
            x, y = T.crop_pad(s.x, s.y, s.task, p.get("size", [96, 96, 96]), p.get("crop", "centre"), p.get("pad"))
            return s.but(x=x, y=y)
        if t == "Resize":
            size = [p.get("depth") or s.x.shape[1], p.get("height", 64), p.get("width", 64)] if s.x.ndim == 5 else [p.get("height", 64), p.get("width", 64)]
            x, y, spacing = T.resize(s.x, s.y, s.task, size, p.get("method", "linear"), s.spacing)
            return s.but(x=x, y=y, spacing=spacing)
        if t == "PatchSample":
            per = p.get("perVolume", 4)
            x, y, ids, groups = T.sample_patches(s.x, s.y, s.task, s.ids, s.groups, p.get("size", [64, 64, 64]), per, p.get("foreground", 0.5), seed)
            # Training keeps `perRead` patches of one scan together when it shuffles (Jimu's `runs`); other data never.
            per_read = p.get("perRead", 1) if subset == "train" else 1
            runs = {"per": per, "length": min(per_read, per)} if per_read > 1 else None
            return s.but(x=x, y=y, ids=ids, groups=groups, runs=runs)
        if t == "Augment":
            if subset != "train":
                return s
            flip = [a for a, key in (("x", "flipX"), ("y", "flipY"), ("z", "flipZ")) if p.get(key, key == "flipX")]
            x, y = T.augment(s.x, s.y, s.task, s.ids, flip, p.get("rotate", 10), p.get("scale", 0.1), p.get("intensity", 0.1), p.get("noise", 0.02), seed)
            return s.but(x=x, y=y)
    except ValueError as e:
        if isinstance(e, DataProblem):
            raise
        raise DataProblem("%s (%s): %s" % (step["block"], t, e))
    raise DataProblem("jimu_torch cannot run the data step %s (%s)" % (step["block"], t))
