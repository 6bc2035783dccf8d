#!/usr/bin/env bash
# The GPU check (run on the GPU machine, from the repository root, with .gpu/ carried beside it; needs
# python3 with torch, numpy; no Node, nibabel or network). Trains the exported glioma project under
# torchrun in bf16 and in fp32, then a plain hand-written PyTorch 3D U-Net of the same shape, and prints
# one JSON line with the samples/s of each (after warm-up); results also go to $OUT/.
#   bash bench/gpu/run.sh                     # on the GPU
#   JIMU_GPU_DEVICE=cpu JIMU_GPU_STEPS=6 JIMU_GPU_WARMUP=2 bash bench/gpu/run.sh   # a CPU try-out of a small export
set -euo pipefail
cd "$(dirname "$0")/../.."
EXP=${JIMU_GPU_EXPORT:-${JIMU_GPU_DIR:-.gpu}/glioma}
OUT=${OUT:-$(mktemp -d)}
STEPS=${JIMU_GPU_STEPS:-200}
WARM=${JIMU_GPU_WARMUP:-20}
DEVICE=${JIMU_GPU_DEVICE:-cuda}
PY=${PYTHON:-python3}
mkdir -p "$OUT"
RUNS=$(mktemp -d)  # the trained runs stay here: only logs and results go to $OUT
[ -f "$EXP/plan.json" ] || { echo "No export at $EXP: run bench/gpu/prepare.sh where Node is, and carry .gpu/ here." >&2; exit 2; }
"$PY" -c 'import torch, numpy; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")' | tee "$OUT/env.txt"
SHAPE=$("$PY" - "$EXP/plan.json" <<'PYEOF'
import json, sys
p = json.load(open(sys.argv[1]))
layers = p["model"]["topology"]["config"]["layers"]
inp = p["model"]["inputs"][0]["shape"]
conv = next(l for l in layers if l["class_name"] == "Conv3D")
depth = sum(1 for l in layers if l["class_name"] == "MaxPooling3D")
print(inp[1], inp[4], p["model"]["output"]["shape"][4], conv["config"]["filters"], depth, p["training"]["batchSize"])
PYEOF
)
read -r SIZE CIN COUT BASE DEPTH BATCH <<<"$SHAPE"
echo "glioma U-Net ${SIZE}^3, ${CIN} channels -> ${COUT}, base ${BASE}, depth ${DEPTH}, batch ${BATCH}; ${STEPS} steps, ${WARM} warm-up" | tee -a "$OUT/env.txt"
# Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default --redirects/--tee (enum change in 3.11);
# naming them explicitly works there and changes nothing elsewhere but the "[rank]:" prefix stripped below.
LAUNCH=()
"$PY" -c 'from torch.distributed.elastic.multiprocessing.api import Std; import sys; sys.exit(0 if any(s == 0 for s in Std) else 1)' || LAUNCH=(--redirects 1 --tee 1)
run_export() {  # $1: bf16 or fp32
  local amp=()
  [ "$1" = bf16 ] && amp=(--amp bf16)
  "$PY" -m torch.distributed.run --standalone --nproc_per_node=1 "${LAUNCH[@]}" "$EXP/train.py" --out "$RUNS/run-$1" --device "$DEVICE" "${amp[@]}" \
    --epochs 100000 --max-steps "$STEPS" --warmup-steps "$WARM" --checkpoint-every 100000 --no-resume --no-predictions --quiet \
    2> "$OUT/export-$1.log" | sed 's/^\[[^]]*\]://' | tail -n 1
}
run_plain() {
  local amp=()
  [ "$1" = bf16 ] && amp=(--amp bf16)
  "$PY" bench/gpu/plain_unet.py --size "$SIZE" --channels "$CIN" --classes "$COUT" --base "$BASE" --depth "$DEPTH" --batch "$BATCH" \
    --steps "$STEPS" --warmup-steps "$WARM" --device "$DEVICE" "${amp[@]}" 2> "$OUT/plain-$1.log"
}
# Interleaved, so drifts in clock or temperature fall on both.
EB=$(run_export bf16); PB=$(run_plain bf16); EF=$(run_export fp32); PF=$(run_plain fp32)
"$PY" - "$EB" "$PB" "$EF" "$PF" "$OUT" "$SIZE" "$BASE" "$DEPTH" "$BATCH" "$STEPS" "$WARM" <<'PYEOF'
import json, os, sys
eb, pb, ef, pf = (json.loads(s) for s in sys.argv[1:5])
out = sys.argv[5]
size, base, depth, batch, steps, warm = map(int, sys.argv[6:12])
import torch
r = {
    "what": "glioma 3D U-Net %d^3, base %d, depth %d, batch %d: exported Jimu project under torchrun vs plain PyTorch" % (size, base, depth, batch),
    "device": torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu",
    "torch": torch.__version__,
    "steps": steps, "warmup_steps": warm,
    "export_bf16_samples_per_s": eb["samples_per_s"], "plain_bf16_samples_per_s": pb["samples_per_s"],
    "export_fp32_samples_per_s": ef["samples_per_s"], "plain_fp32_samples_per_s": pf["samples_per_s"],
}
r["export_vs_plain_bf16"] = r["export_bf16_samples_per_s"] / r["plain_bf16_samples_per_s"]
r["export_vs_plain_fp32"] = r["export_fp32_samples_per_s"] / r["plain_fp32_samples_per_s"]
line = json.dumps(r)
open(os.path.join(out, "results.json"), "w").write(json.dumps(r, indent=2) + "\n")
print(line)
PYEOF
