import type { DataIO } from '../../core';
import { writeNifti } from '../nifti/write-nifti';
import { deriveSeed } from '../random';
import { GLIOMA_MODALITIES, sampleGlioma } from '../synthetic/glioma';

/**
 * A synthetic glioma cohort as a Volume Folder dataset: per case four NIfTI images (T1, T1ce, T2,
 * FLAIR, int16 scaled by 1000) and a whole-tumour mask (0/1), and a manifest.json listing them. Each case
 * is made alone from its own seed, so a large cohort is written one case at a time. Returns the files as
 * path → bytes under `folder`, in order (the manifest last).
 */
export function* gliomaCohortFiles(o: { count: number; size: number; seed: number; folder?: string }): Generator<[string, Uint8Array]> {
  const folder = o.folder ?? 'cohort';
  const items: { id: string; patient: string; images: Record<string, string>; label: string }[] = [];
  const voxels = o.size ** 3;
  const shape = [o.size, o.size, o.size];
  for (let i = 0; i < o.count; i++) {
    const id = `case-${String(i + 1).padStart(4, '0')}`;
    const one = sampleGlioma({ count: 1, size: o.size, seed: deriveSeed(o.seed, id) });
    const images: Record<string, string> = {};
    for (const [c, m] of GLIOMA_MODALITIES.entries()) {
      const plane = new Int16Array(voxels);
      for (let v = 0; v < voxels; v++) plane[v] = Math.round(one.x[v * 4 + c]! * 1000);
      images[m.toLowerCase()] = `${id}/${m.toLowerCase()}.nii`;
      yield [`${folder}/${id}/${m.toLowerCase()}.nii`, writeNifti(plane, shape, { dtype: 'int16' })];
    }
    const mask = new Uint8Array(voxels);
    for (let v = 0; v < voxels; v++) mask[v] = one.y[v * 4]! < 0.5 ? 1 : 0;
    yield [`${folder}/${id}/mask.nii`, writeNifti(mask, shape, { dtype: 'uint8' })];
    items.push({ id, patient: `patient-${i + 1}`, images, label: `${id}/mask.nii` });
  }
  const manifest = { modalities: GLIOMA_MODALITIES.map((m) => m.toLowerCase()), classes: ['background', 'tumour'], items };
  yield [`${folder}/manifest.json`, new TextEncoder().encode(JSON.stringify(manifest, null, 1))];
}

/** A DataIO over files in memory (path → bytes), counting reads; `fail` makes a path unreadable. */
export function memoryIO(files: Map<string, Uint8Array>, fail?: (path: string) => boolean): DataIO & { reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    readFile(path) {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      if (fail?.(path)) return Promise.reject(new Error(`cannot read ${path}`));
      const b = files.get(path);
      return b ? Promise.resolve(b) : Promise.reject(new Error(`no such file ${path}`));
    },
    listFiles(dir) {
      const prefix = `${dir.replace(/\/+$/, '')}/`;
      return Promise.resolve([...files.keys()].filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/')).map((k) => k.slice(prefix.length)).sort());
    },
  };
}

/**
 * A patch-training segmentation pipeline over a glioma cohort folder: Volume Folder → Intensity
 * Normalize → Split → Random Patches on each side → a small 3D U-Net with soft Dice.
 */
export function gliomaPatchPipeline(o: { folder: string; size: number; patch: number; perVolume: number; perRead: number; epochs: number; batchSize: number; seed?: number; baseFilters?: number; normalize?: 'zscore' | 'percentile' | 'scale'; resample?: boolean }): Record<string, unknown> {
  const p = o.patch;
  const patches = (id: string) => ({ id, type: 'PatchSample', params: { size: [p, p, p], perVolume: o.perVolume, foreground: 0.5, perRead: o.perRead } });
  return {
    format: 'jimu.pipeline',
    version: 1,
    name: 'Glioma patches (lazy)',
    blocks: [
      { id: 'data', type: 'VolumeFolder', params: { folder: o.folder, modalities: ['t1', 't1ce', 't2', 'flair'], labelKind: 'mask', classes: ['background', 'tumour'], spacing: o.resample === false ? null : [1, 1, 1], size: [o.size, o.size, o.size] } },
      // 'scale': the files hold intensity × 1000 as int16, so × 0.001 brings them back (the cheapest step, for benchmarks).
      o.normalize === 'scale' ? { id: 'norm', type: 'Normalize', params: { mode: 'scale', scale: 0.001, offset: 0 } } : { id: 'norm', type: 'IntensityNormalize', params: { mode: o.normalize ?? 'zscore', nonzero: true } },
      { id: 'split', type: 'Split', params: { train: 0.7, validation: 0.15, test: 0.15, stratify: false } },
      patches('ptrain'),
      patches('pval'),
      patches('ptest'),
      { id: 'input', type: 'VolumeInput', params: { depth: p, height: p, width: p, channels: 4 } },
      { id: 'unet', type: 'UNet3D', params: { depth: 2, baseFilters: o.baseFilters ?? 4, outChannels: 1, finalActivation: 'sigmoid', batchNorm: true } },
      { id: 'loss', type: 'SoftDice', params: {} },
      { id: 'adam', type: 'Adam', params: { learningRate: 0.01 } },
      { id: 'train', type: 'Train', params: { epochs: o.epochs, batchSize: o.batchSize, monitor: 'val_loss', keepBest: true } },
      { id: 'evaluate', type: 'Evaluate', params: {} },
    ],
    links: [
      ['data', 'data', 'norm', 'data'],
      ['norm', 'data', 'split', 'data'],
      ['split', 'train', 'ptrain', 'data'],
      ['split', 'validation', 'pval', 'data'],
      ['split', 'test', 'ptest', 'data'],
      ['ptrain', 'data', 'train', 'train'],
      ['pval', 'data', 'train', 'validation'],
      ['input', 'out', 'unet', 'in'],
      ['unet', 'out', 'loss', 'pred'],
      ['loss', 'model', 'train', 'model'],
      ['adam', 'optimizer', 'train', 'optimizer'],
      ['train', 'model', 'evaluate', 'model'],
      ['ptest', 'data', 'evaluate', 'data'],
    ].map(([fb, fp, tb, tp]) => ({ from: { block: fb, port: fp }, to: { block: tb, port: tp } })),
    layout: {},
    meta: { seed: o.seed ?? 7 },
  };
}
