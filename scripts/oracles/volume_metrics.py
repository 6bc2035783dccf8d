"""Reference values for the volume metrics in src/metrics (segmentation HD95 and region Dice, OpenKBP dose,
autoPET detection), computed with NumPy and SciPy (Debian's python3-scipy). MedPy and cc3d are not Debian
packages, so their functions are replicated here line by line from their sources with SciPy's
binary_erosion, distance_transform_edt and ndimage.label.
Run: /usr/bin/python3 scripts/oracles/volume_metrics.py > src/metrics/fixtures/volume-reference.json
Arrays are stored flattened with the first axis fastest (order='F'), as Jimu's Volume stores voxels."""
import json

import numpy as np
from scipy import ndimage
from scipy.ndimage import binary_erosion, distance_transform_edt, generate_binary_structure

rng = np.random.default_rng(20261127)


def flat(a):
    return a.ravel(order="F").astype(float).tolist()


def blobs(shape, count, radius):
    """A mask of a few random ellipsoid blobs with ragged edges."""
    grid = np.indices(shape).astype(float)
    m = np.zeros(shape, bool)
    for _ in range(count):
        c = [rng.uniform(0, s) for s in shape]
        r = [rng.uniform(radius * 0.6, radius * 1.4) for _ in shape]
        d = sum(((g - ci) / ri) ** 2 for g, ci, ri in zip(grid, c, r))
        m |= d < 1 + rng.normal(0, 0.15, shape)
    return m


# --- MedPy hd95, replicated from medpy/metric/binary.py -------------------------------------------------
def surface_distances(result, reference, spacing, connectivity):
    footprint = generate_binary_structure(result.ndim, connectivity)
    result_border = result ^ binary_erosion(result, structure=footprint, iterations=1)
    reference_border = reference ^ binary_erosion(reference, structure=footprint, iterations=1)
    dt = distance_transform_edt(~reference_border, sampling=spacing)
    return dt[result_border]


def hd95(result, reference, spacing, connectivity):
    hd1 = surface_distances(result, reference, spacing, connectivity)
    hd2 = surface_distances(reference, result, spacing, connectivity)
    return float(np.percentile(np.hstack((hd1, hd2)), 95))


cases = []
for name, shape, spacing in [("hd95-iso", (14, 12, 10), (1.0, 1.0, 1.0)),
                             ("hd95-aniso", (16, 12, 9), (0.8, 1.1, 2.5)),
                             ("hd95-2d", (20, 17), (0.5, 0.7))]:
    t = blobs(shape, 2, 3.5)
    p = t.copy()
    p = binary_erosion(p) if rng.uniform() < 0.5 else ndimage.binary_dilation(p)
    p ^= rng.uniform(size=shape) < 0.03
    p |= blobs(shape, 1, 2.0)
    case = {"name": name, "kind": "hd95", "shape": list(shape), "spacing": list(spacing), "truth": flat(t), "pred": flat(p)}
    for c in range(1, len(shape) + 1):
        case["hd95_c%d" % c] = hd95(p, t, spacing, c)
        # The classic (100th percentile) Hausdorff distance as a second check of the pooling.
        case["hd100_c%d" % c] = float(np.max(np.hstack((surface_distances(p, t, spacing, c), surface_distances(t, p, spacing, c)))))
    case["edt_to_truth"] = flat(distance_transform_edt(~t, sampling=spacing))
    cases.append(case)

# --- BraTS regions on label maps with labels {0, 1, 2, 4} ----------------------------------------------
shape = (16, 14, 10)
truth = np.zeros(shape, int)
truth[blobs(shape, 1, 6)] = 2
truth[blobs(shape, 1, 3.5) & (truth == 2)] = 4
truth[blobs(shape, 1, 2.5) & (truth == 4)] = 1
pred = truth.copy()
noise = rng.uniform(size=shape)
pred[noise < 0.08] = rng.choice([0, 1, 2, 4], size=int((noise < 0.08).sum()))


def dice(a, b):
    return float(2 * (a & b).sum() / (a.sum() + b.sum())) if a.sum() + b.sum() else 1.0


regions = {"whole_tumor": [1, 2, 4], "tumor_core": [1, 4], "enhancing_tumor": [4]}
cases.append({
    "name": "brats-regions", "kind": "regions", "shape": list(shape), "spacing": [1.0, 1.0, 1.0],
    "truth": flat(truth), "pred": flat(pred),
    "dice": {k: dice(np.isin(truth, v), np.isin(pred, v)) for k, v in regions.items()},
    "dice_label": {str(l): dice(truth == l, pred == l) for l in [1, 2, 4]},
    "hd95": {k: hd95(np.isin(pred, v), np.isin(truth, v), (1.0, 1.0, 1.0), 1) for k, v in regions.items()},
})

# --- OpenKBP dose and DVH scores, replicated from open-kbp provided_code/evaluation.py -------------------
shape, spacing = (18, 16, 8), (2.0, 2.0, 2.5)
g = np.indices(shape).astype(float)
centre = np.array([9.0, 8.0, 4.0])
r = np.sqrt(sum(((g[i] - centre[i]) * spacing[i]) ** 2 for i in range(3)))
ptv = r < 8
oar1 = (np.abs(g[0] - 3) < 2) & (np.abs(g[1] - 8) < 4)
oar2 = (np.abs(g[1] - 13) < 2) & (np.abs(g[2] - 4) < 3)
possible = r < 25
ref = np.where(possible, 70 * np.exp(-np.maximum(r - 8, 0) / 10), 0)
ref = np.round(ref + rng.normal(0, 0.5, shape) * possible, 4)
new = np.round(ref + rng.normal(0.5, 2.0, shape), 4)
voxel_size = np.prod(spacing)
voxels_within_tenths_cc = np.maximum(1, np.round(100 / voxel_size))


def dvh(dose, mask, kind):
    roi_dose = dose[mask]
    if kind == "oar":
        return {"D_0.1_cc": float(np.percentile(roi_dose, 100 - voxels_within_tenths_cc / len(roi_dose) * 100)), "mean": float(roi_dose.mean())}
    return {"D_%d" % c: float(np.percentile(roi_dose, 100 - c)) for c in (99, 95, 1)}


structs = [("PTV70", "target", ptv), ("SpinalCord", "oar", oar1), ("Esophagus", "oar", oar2)]
errors = []
dvh_out = {}
for n_, k_, m_ in structs:
    a, b = dvh(ref, m_, k_), dvh(new * possible, m_, k_)
    dvh_out[n_] = {key: {"truth": a[key], "pred": b[key]} for key in a}
    errors += [abs(a[key] - b[key]) for key in a]
cases.append({
    "name": "openkbp", "kind": "dose", "shape": list(shape), "spacing": list(spacing),
    "truth": flat(ref), "pred": flat(new), "possible_dose_mask": flat(possible),
    "structures": [{"name": n_, "kind": k_, "mask": flat(m_)} for n_, k_, m_ in structs],
    "dose_score": float(np.sum(np.abs(ref - new * possible)) / np.sum(possible)),
    "dvh": dvh_out, "dvh_score": float(np.mean(errors)),
})

# --- autoPET, replicated from autoPET metrics.py (cc3d 18-connectivity = SciPy structure (3, 2)) --------
for name, spacing in [("autopet-a", (2.0, 2.0, 3.0)), ("autopet-b", (4.0, 4.0, 4.0))]:
    shape = (16, 16, 12)
    t = blobs(shape, 4, 2.0)
    p = (t & (rng.uniform(size=shape) < 0.85)) | blobs(shape, 3, 1.6)
    # Two voxels meeting only at a corner: separate components with 18-connectivity, one with 26.
    t[0, 0, 0] = True; t[1, 1, 1] = True; t[0, 1, 1] = False; t[1, 0, 1] = False; t[1, 1, 0] = False
    t[0, 0, 1] = t[0, 1, 0] = t[1, 0, 0] = t[0, 1, 1] = t[1, 0, 1] = t[1, 1, 0] = False
    p[0, 0, 0] = True; p[1, 1, 1] = False
    structure = generate_binary_structure(3, 2)
    tl, tn = ndimage.label(t, structure)
    pl, pn = ndimage.label(p, structure)
    fp_vox = sum(int((pl == i).sum()) for i in range(1, pn + 1) if not (t & (pl == i)).any())
    fn_vox = sum(int((tl == i).sum()) for i in range(1, tn + 1) if not (p & (tl == i)).any())
    detected = sum(1 for i in range(1, tn + 1) if (p & (tl == i)).any())
    voxel_ml = np.prod(spacing) / 1000
    cases.append({
        "name": name, "kind": "detection", "shape": list(shape), "spacing": list(spacing),
        "truth": flat(t), "pred": flat(p),
        "dice": float(2 * (t & p).sum() / (t.sum() + p.sum())),
        "false_positive_volume_ml": fp_vox * voxel_ml, "false_negative_volume_ml": fn_vox * voxel_ml,
        "lesions": int(tn), "lesions_detected": detected,
        "false_positives": sum(1 for i in range(1, pn + 1) if not (t & (pl == i)).any()),
        "components_26": int(ndimage.label(t, generate_binary_structure(3, 3))[1]),
    })

print(json.dumps({"generated_by": "scripts/oracles/volume_metrics.py (SciPy %s, NumPy %s)" % (__import__("scipy").__version__, np.__version__), "cases": cases}))
