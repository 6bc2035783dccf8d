#!/usr/bin/env bash
# Prepares the GPU check (run here, where Node and the repository are): exports the glioma template at
# clinical size, with its synthetic cases written as files, into .gpu/ (the folder to carry to the GPU
# machine). Smaller settings for a CPU try-out come from the environment, e.g.
#   JIMU_GPU_SIZE=16 JIMU_GPU_DEPTH=2 JIMU_GPU_FILTERS=4 JIMU_GPU_COUNT=4 bench/gpu/prepare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${JIMU_GPU_SIZE:-96}
DEPTH=${JIMU_GPU_DEPTH:-4}
FILTERS=${JIMU_GPU_FILTERS:-16}
COUNT=${JIMU_GPU_COUNT:-10}
BATCH=${JIMU_GPU_BATCH:-2}
DEST=${JIMU_GPU_DIR:-.gpu}
mkdir -p "$DEST"
node -e '
const fs = require("fs");
const [size, depth, filters, count, batch, dest] = process.argv.slice(1);
const doc = JSON.parse(fs.readFileSync("public/templates/glioma-segmentation.pipeline.json", "utf8"));
const block = (id) => doc.blocks.find((b) => b.id === id);
block("data").params = { ...block("data").params, count: +count, size: +size };
block("input").params = { ...block("input").params, depth: +size, height: +size, width: +size };
block("unet").params = { ...block("unet").params, depth: +depth, baseFilters: +filters };
block("train").params = { ...block("train").params, batchSize: +batch };
// Few cases: 80 % to training, one or two each for validation and test.
block("split").params = { ...block("split").params, train: 0.8, validation: 0.1, test: 0.1 };
doc.name = `Glioma 3D U-Net at ${size}³ (depth ${depth}, ${filters} filters, batch ${batch}): GPU check`;
fs.writeFileSync(`${dest}/glioma-gpu.pipeline.json`, JSON.stringify(doc, null, 1));
' "$SIZE" "$DEPTH" "$FILTERS" "$COUNT" "$BATCH" "$DEST"
node bin/jimu.mjs export "$DEST/glioma-gpu.pipeline.json" --target pytorch --out "$DEST/glioma" --with-data --data-type int16
du -sh "$DEST"
echo "Carry $DEST to the GPU machine and run: bash bench/gpu/run.sh"
