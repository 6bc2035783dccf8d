import { exampleSize, type ExampleSet } from '../core';
import { writeNifti } from '../data/nifti/write-nifti';

/** One file of an export: its path inside the export folder and its bytes. */
export interface ExportFile {
  path: string;
  bytes: Uint8Array;
}

export interface DatasetOptions {
  /** int16 stores each image with its own scl_slope/scl_inter (about 1/65 534 of the range), a quarter of float32 after compression. */
  dataType: 'float32' | 'int16';
  /** Compresses one file (.nii.gz); the CLI passes Node's gzip. */
  gzip: (bytes: Uint8Array) => Uint8Array;
  modalities?: readonly string[];
  source: { block: string; type: string; params: Record<string, unknown> };
  /** Told after each case is written (for a progress bar); writing the files is most of an export's time. */
  onCase?: (done: number, total: number) => void;
}

const caseName = (i: number) => `case_${String(i + 1).padStart(4, '0')}`;

/**
 * An example set as a dataset folder: `manifest.json` (format `jimu.dataset`, items in the set's order with
 * their ids and patients, as Volume Folder manifests list them) and one NIfTI file per case and channel
 * (`cases/<case>/<channel>.nii.gz`, x fastest, [x, y(, z)] from the example's [(z,) y, x] grid). Labels that
 * are one number per class or a value stay in the manifest (`target`, exactly); label maps are NIfTI files,
 * a one-hot map as its class index (`labelEncoding: onehot`).
 */
export function datasetFiles(set: ExampleSet, o: DatasetOptions): ExportFile[] {
  const files: ExportFile[] = [];
  const channels = set.imageShape.at(-1) ?? 1;
  const grid = set.imageShape.slice(0, -1);
  const voxels = exampleSize(grid);
  const perImage = exampleSize(set.imageShape);
  const perLabel = exampleSize(set.labelShape);
  const niftiShape = [...grid].reverse();
  const spacing = set.spacing ?? niftiShape.map(() => 1);
  const modalities = o.modalities && o.modalities.length === channels ? [...o.modalities] : Array.from({ length: channels }, (_, c) => `channel${c}`);
  const spatialLabel = set.labelShape.length > 1;
  const labelChannels = set.labelShape.at(-1) ?? 1;
  const onehot = spatialLabel && labelChannels > 1 && isOneHot(set.y, labelChannels);
  if (spatialLabel && labelChannels > 1 && !onehot) throw new Error(`labels of shape [${set.labelShape.join(', ')}] are not one class per voxel; only one-hot or single-channel label maps are written`);
  const items = [];
  for (let i = 0; i < set.n; i++) {
    const name = caseName(i);
    const images: Record<string, string> = {};
    for (let c = 0; c < channels; c++) {
      const plane = new Float32Array(voxels);
      for (let v = 0; v < voxels; v++) plane[v] = set.x[i * perImage + v * channels + c]!;
      const path = `cases/${name}/${modalities[c]}.nii.gz`;
      images[modalities[c]!] = path;
      files.push({ path: `data/${path}`, bytes: o.gzip(imageNifti(plane, niftiShape, spacing, o.dataType)) });
    }
    const item: Record<string, unknown> = { id: set.ids[i] ?? name, patient: set.groups[i] ?? name, images };
    const y = set.y.subarray(i * perLabel, (i + 1) * perLabel);
    if (!spatialLabel) {
      item.target = Array.from(y);
      const k = y.length > 1 && set.task !== 'multilabel' ? argmax(y) : -1;
      if (k >= 0 && set.labelNames[k]) item.label = set.labelNames[k];
      else if (set.task === 'regression') item.label = y[0];
    } else {
      const map = new Float32Array(voxels);
      for (let v = 0; v < voxels; v++) map[v] = onehot ? argmax(y.subarray(v * labelChannels, (v + 1) * labelChannels)) : y[v]!;
      const whole = map.every((v) => Number.isInteger(v) && v >= 0 && v < 256);
      item.labelFile = `cases/${name}/label.nii.gz`;
      files.push({ path: `data/${item.labelFile as string}`, bytes: o.gzip(writeNifti(map, niftiShape, { spacing, dtype: whole ? 'uint8' : 'float32', description: 'Jimu label' })) });
    }
    items.push(item);
    o.onCase?.(i + 1, set.n);
  }
  const manifest = {
    format: 'jimu.dataset',
    version: 1,
    source: o.source,
    task: set.task,
    labelNames: set.labelNames,
    imageShape: set.imageShape,
    labelShape: set.labelShape,
    modalities,
    ...(spatialLabel ? { labelEncoding: onehot ? 'onehot' : 'values' } : {}),
    ...(set.spacing ? { spacing: set.spacing } : {}),
    dataType: o.dataType,
    items,
  };
  files.unshift({ path: 'data/manifest.json', bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`) });
  return files;
}

function isOneHot(y: Float32Array, k: number): boolean {
  for (let v = 0; v < y.length; v += k) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const a = y[v + c]!;
      if (a !== 0 && a !== 1) return false;
      sum += a;
    }
    if (sum !== 1) return false;
  }
  return true;
}

function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/** A float image as NIfTI: float32, or int16 with its own scl_slope and scl_inter. */
function imageNifti(plane: Float32Array, shape: number[], spacing: number[], dataType: 'float32' | 'int16'): Uint8Array {
  if (dataType === 'float32') return writeNifti(plane, shape, { spacing, description: 'Jimu export' });
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of plane) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const slope = hi > lo ? (hi - lo) / 65534 : 1;
  const inter = hi > lo ? lo + 32767 * slope : lo;
  const q = new Int16Array(plane.length);
  for (let i = 0; i < plane.length; i++) q[i] = Math.max(-32767, Math.min(32767, Math.round((plane[i]! - inter) / slope)));
  const bytes = writeNifti(q, shape, { spacing, dtype: 'int16', description: 'Jimu export (int16, scaled)' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setFloat32(112, slope, true);
  view.setFloat32(116, inter, true);
  return bytes;
}
