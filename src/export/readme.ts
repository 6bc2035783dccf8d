import type { Plan } from '../core';

/** No package of Jimu's own is needed: jimu_torch travels inside the export. */
export const REQUIREMENTS = `# PyTorch 1.13 or newer (2.x with CUDA for GPUs); nibabel and pydicom are optional:
# jimu_torch reads NIfTI-1 with numpy alone when nibabel is missing.
torch>=1.13
numpy
nibabel
pydicom
pillow
`;

/**
 * How closely each data step of jimu_torch reproduces Jimu's (checked by src/export/data-parity.test.ts):
 * `image` bounds the largest difference of image (and dense label) values relative to the output's largest
 * magnitude (at least 1); `labels` bounds the share of segmentation label values that may differ.
 */
export const DATA_STEP_TOLERANCE = {
  CtWindow: { image: 1e-6, labels: 0, how: 'the same arithmetic in double precision' },
  IntensityNormalize: { image: 1e-5, labels: 0, how: 'sums in a different order (float rounding); the same percentile rule (NumPy\'s linear)' },
  Resample: { image: 1e-6, labels: 0, how: 'trilinear as three one-axis passes (the same weights, rounded differently); masks by the same nearest voxel' },
  CropPad: { image: 0, labels: 0, how: 'the same window and padding: identical' },
  Resize: { image: 1e-6, labels: 0, how: 'the same per-axis weights (float32, as Jimu stores them); masks by the same nearest pixel' },
  PatchSample: { image: 0, labels: 0, how: 'the same random draws (mulberry32 from the same seed), so the same patches: identical' },
  Augment: { image: 1e-6, labels: 1e-3, how: 'the same random draws, so the same flips, angles, zooms, gains and noise; a mask voxel whose rotated source lies on a rounding boundary may take its neighbour\'s label' },
} as const;

/**
 * How closely jimu_torch's Image Folder (Pillow) reads PNG/JPEG files as Jimu does (fast-png, jpeg-js), on
 * values in [0, 1] (checked by src/export/image-folder-parity.test.ts): `png` bounds any pixel of an 8-bit,
 * grey 16-bit, palette or 1/2/4-bit grey PNG (the same samples; resizing rounds in another order);
 * `png16Colour` a 16-bit PNG with colour or alpha, which Pillow reduces to 8 bits; `jpeg` bounds the largest,
 * the mean and the 99th-percentile pixel difference of a JPEG, decoded by libjpeg instead of jpeg-js (their
 * inverse DCT and chroma upsampling differ: about one level on average, up to 32 of 255 at sharp colour
 * edges of a 4:2:0 photo at full size; resizing to a model's size averages most of it away).
 */
export const IMAGE_FOLDER_TOLERANCE = {
  png: 1e-6,
  png16Colour: 1 / 255,
  jpeg: { max: 0.14, mean: 0.004, p99: 0.04 },
} as const;

/** Sliding-window predictions of whole volumes: the same weights give the same blend within this, relative to the largest value (src/export/sliding-window-parity.test.ts). */
export const SLIDING_WINDOW_TOLERANCE = 1e-4;

/** The tolerance table of the README: image values relative to their largest magnitude; the share of mask labels that may differ. */
function dataStepRows(): string {
  const fmt = (v: number) => (v === 0 ? 'identical' : `${v.toExponential(0)}`);
  const t = IMAGE_FOLDER_TOLERANCE;
  const images = `| ImageFolder | PNG ${fmt(t.png)}; 16-bit colour PNG ${t.png16Colour.toFixed(4)}; JPEG pixels ≤ ${t.jpeg.max}, 99 % ≤ ${t.jpeg.p99}, mean ≤ ${t.jpeg.mean} | Pillow instead of fast-png and jpeg-js: PNG samples identical (resizing as Jimu, rounded in another order); Pillow reduces 16-bit colour PNGs to 8 bits; libjpeg and jpeg-js decode JPEG differently (inverse DCT, chroma upsampling) |`;
  return [
    images,
    ...Object.entries(DATA_STEP_TOLERANCE).map(([block, t]) => `| ${block} | images ${fmt(t.image)}${t.labels ? `, ≤ ${t.labels * 100} % of mask labels` : ', masks identical'} | ${t.how} |`),
  ].join('\n');
}

/** The README of an exported project: how to train on one GPU, on N GPUs, on several nodes, and bring the run back. */
export function exportReadme(plan: Plan, o: { withData: boolean; sample: boolean }): string {
  const data = o.withData
    ? 'The dataset folder `data/` (written by `jimu export --with-data` from the pipeline\'s synthetic sample source) is read by default; `--data DIR` names another folder laid out the same way.'
    : o.sample
      ? 'This pipeline trains on a synthetic sample source that was not written out: export again with `--with-data`, or pass `--data DIR` with a dataset folder written by `jimu export --with-data`.'
      : 'Pass the dataset folder with `--data DIR` (laid out as `jimu train --data` reads it, docs/datasets.md in Jimu).';
  return `# ${plan.name} — exported from Jimu for PyTorch

This folder trains the Jimu pipeline "${plan.name}" with PyTorch, on a CPU, one GPU, several GPUs or
several machines. \`plan.json\` is the compiled pipeline; \`jimu_torch/\` reads it and builds one PyTorch
module from it (the same numerics as Jimu's TensorFlow.js runtime: TensorFlow's "same" padding, Keras
batch normalisation, tfjs' Adam epsilon; Jimu's tests check outputs and gradients layer by layer).
${data}

## Train

\`\`\`sh
python3 train.py --out run                                            # one process (GPU when there is one)
torchrun --nproc_per_node=4 train.py --out run --amp bf16             # 4 GPUs on this machine
python3 -m torch.distributed.run --nproc_per_node=4 train.py --out run   # the same without the torchrun script
torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=8 train.py --out run   # node 0 of 2 (node_rank=1 on the other)
\`\`\`

Options: \`--data DIR\`, \`--epochs N\`, \`--batch-size B\` (per process: N processes × B examples per step),
\`--max-steps N\`, \`--device cpu|cuda\`, \`--amp bf16\`, \`--sync-bn\` (batch statistics over all processes),
\`--no-resume\`. Rank 0 logs progress with the time left and writes \`RUN/checkpoint.pt\` after every epoch;
running the same command again resumes from it. Validation, keep-best and early stopping follow the
Train block (${plan.training.epochs} epochs, batch ${plan.training.batchSize}, monitor ${plan.training.monitor}).

## Data steps

jimu_torch runs the pipeline's data blocks as Jimu does (\`jimu_torch/transforms.py\`), with the same random
draws from the same seeds: each block draws from the pipeline seed and its block id, and Random Patches and
Augment draw anew in every training epoch (from the epoch number too), while validation and test data keep
one draw and are never augmented. Every process of a torchrun job computes the same epoch and trains on its
share. Training visits the examples in the order \`jimu train\` does (the same shuffle stream from the seed;
with "Patches per scan per read" above 1, the patches of one scan stay together and the groups are
shuffled), so one process with batch B × N steps through the same batches as N processes with batch B.
How closely each step reproduces Jimu (Jimu's tests check each on the same input):

| Block | Largest difference | How |
|---|---|---|
${dataStepRows()}

## Whole volumes by sliding windows

A model trained on patches is scored on whole volumes as \`jimu train\` scores them
(\`jimu_torch/sliding_window.py\`): windows of the model's input size, placed as MONAI places them (the
Evaluate block's overlap; a volume smaller than the window padded with zeros), blended with the Evaluate
block's weights (Gaussian, σ = window × 0.125, or constant). The same weights give Jimu's whole-volume
predictions within ${SLIDING_WINDOW_TOLERANCE.toExponential(0)} relative.

## Bring the result back

\`RUN/\` has the layout of \`jimu train --out\`: \`model.json\` + \`weights.bin\` (TensorFlow.js layers format, read by
Jimu and \`tf.loadLayersModel\`), \`history.json\`, \`metrics.json\`, \`manifest.json\` (PyTorch version, devices,
world size), the test-set \`predictions/\` and \`truth/\` that \`jimu evaluate\` scores, and \`model.pt\` (PyTorch
weights). Copy the folder back and score it with the command \`manifest.json\` lists, for example
\`jimu evaluate --task segmentation RUN/predictions/evaluate RUN/truth/evaluate\`.
`;
}
