/**
 * `npx tsx bench/nifti-bench.ts`: reads a 256×256×256 .nii.gz with Jimu's reader in Node and with
 * nibabel (python3-nibabel) in the same run, and writes bench/nifti-results.md.
 *
 * The file is made here, in a temporary folder, and deleted afterwards (64 MiB of int16 is too big to
 * commit): a smooth phantom plus noise, so gzip works about as hard as on a real scan. Both sides time
 * the whole read — decompression, header, scaling to floating point — and nibabel's `get_fdata()` gives
 * float64 where Jimu gives float32, as each library is used in practice; a second nibabel row times
 * `get_fdata(dtype=np.float32)` for a like-for-like output type.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { readNifti } from '../src/data/nifti/read-nifti';
import { writeNifti } from '../src/data/nifti/write-nifti';
import { volumeStats } from '../src/data/volume';

const N = 256;
const RUNS = Number(process.env.RUNS ?? 9);
const dir = mkdtempSync(join(tmpdir(), 'jimu-nifti-bench-'));
const file = join(dir, 'phantom256.nii.gz');

try {
  const data = new Int16Array(N * N * N);
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 41 - 20;
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const r = Math.hypot(i - 128, j - 128, (k - 128) * 1.2);
        data[i + N * (j + N * k)] = (r < 100 ? 800 + Math.round(200 * Math.cos(r / 9)) : 0) + noise();
      }
    }
  }
  const nii = writeNifti(data, [N, N, N], { dtype: 'int16', spacing: [1, 1, 1] });
  // scl_slope 0.5, scl_inter −10 (bytes 112 and 116), so both readers scale.
  const view = new DataView(nii.buffer);
  view.setFloat32(112, 0.5, true);
  view.setFloat32(116, -10, true);
  writeFileSync(file, gzipSync(nii, { level: 6 }));
  const size = readFileSync(file).length;

  const py = `
import time, sys, numpy as np, nibabel as nib
f = sys.argv[1]
for dtype in ('float64', 'float32'):
    t0 = time.perf_counter()
    a = nib.load(f).get_fdata(dtype=np.dtype(dtype))
    print(dtype, (time.perf_counter() - t0) * 1000, float(a.mean()))
print('version', nib.__version__, np.__version__)
`;
  // Rounds interleave the readers, so a burst of load from other users of the machine hits both alike;
  // one untimed Jimu read first warms the JIT (nibabel's NumPy kernels are compiled ahead of time).
  readNifti(new Uint8Array(readFileSync(file)));
  const jimu: number[] = [];
  const nib64: number[] = [];
  const nib32: number[] = [];
  let jimuMean = 0;
  let nibMean = 0;
  let version: string[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const v = readNifti(new Uint8Array(readFileSync(file)));
    jimu.push(performance.now() - t0);
    jimuMean = volumeStats(v.data).mean;
    const out = execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' }).trim().split('\n');
    const rows = Object.fromEntries(out.map((l) => { const [k, ...rest] = l.split(' '); return [k!, rest]; }));
    nib64.push(Number(rows.float64![0]));
    nib32.push(Number(rows.float32![0]));
    nibMean = Number(rows.float64![1]);
    version = rows.version!;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  if (Math.abs(nibMean - jimuMean) > 1e-3 * Math.abs(nibMean)) throw new Error(`the readers disagree: mean ${jimuMean} (Jimu) vs ${nibMean} (nibabel)`);
  const ref = median(nib64);
  const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  const md = [
    '## Reading a 256×256×256 .nii.gz in Node',
    '',
    `Measured by \`bench/nifti-bench.ts\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, nibabel ${version[0]} (NumPy ${version[1]}), Python /usr/bin/python3.`,
    `The file: int16, scl_slope 0.5 and scl_inter −10, gzip level 6, ${(size / 2 ** 20).toFixed(1)} MiB on disk (${(nii.length / 2 ** 20).toFixed(0)} MiB raw); made in a temporary folder for the run and deleted.`,
    `Each read: file bytes → decompressed → scaled values in memory; ${RUNS} interleaved rounds (after one untimed Jimu read), medians, both readers in the same run (a shared machine: read the ratios). Both give the same mean (${jimuMean.toFixed(3)}).`,
    '',
    '| reader | output | time, median (runs) | ratio to nibabel float64 |',
    '|---|---|---|---|',
    `| Jimu \`readNifti\` (fflate, TypeScript) | float32 | ${fmt(jimu)} | ${(median(jimu) / ref).toFixed(2)} |`,
    `| nibabel \`get_fdata()\` (reference) | float64 | ${fmt(nib64)} | 1.00 |`,
    `| nibabel \`get_fdata(dtype=float32)\` | float32 | ${fmt(nib32)} | ${(median(nib32) / ref).toFixed(2)} |`,
    '',
    'A ratio below 1 means Jimu is faster.',
    '',
  ].join('\n');
  writeFileSync(new URL('./nifti-results.md', import.meta.url), md);
  console.log(md);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
