// Writes a synthetic glioma cohort as a Volume Folder dataset (NIfTI per modality + mask, manifest.json)
// and the patch-training pipeline that reads it case by case:
//   tsx bench/write-glioma-cohort.ts OUT_DIR --count 200 --size 96 [--patch 32 --per-volume 4 --per-read 4 --epochs 2 --batch 4]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gliomaCohortFiles, gliomaPatchPipeline } from '../src/data/testing/glioma-cohort';

const [out, ...rest] = process.argv.slice(2);
if (!out) throw new Error('usage: tsx bench/write-glioma-cohort.ts OUT_DIR [--count N --size S …]');
const arg = (name: string, fallback: number) => {
  const at = rest.indexOf(`--${name}`);
  return at >= 0 ? Number(rest[at + 1]) : fallback;
};
const count = arg('count', 200);
const size = arg('size', 96);
let bytes = 0;
for (const [path, data] of gliomaCohortFiles({ count, size, seed: arg('seed', 1) })) {
  const full = join(out, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
  bytes += data.byteLength;
}
const patch = arg('patch', 32);
const doc = gliomaPatchPipeline({ folder: 'cohort', size, patch, perVolume: arg('per-volume', 4), perRead: arg('per-read', 4), epochs: arg('epochs', 2), batchSize: arg('batch', 4), baseFilters: arg('base', 4), ...(rest.includes('--fast-prep') ? { normalize: 'scale' as const, resample: false } : {}) });
writeFileSync(join(out, 'glioma-patches.pipeline.json'), JSON.stringify(doc, null, 1));
console.log(`${count} cases of ${size}³ × 4 modalities + mask: ${(bytes / 1024 ** 3).toFixed(2)} GiB on disk, ${((count * size ** 3 * 5 * 4) / 1024 ** 3).toFixed(2)} GiB decoded (float32).`);
