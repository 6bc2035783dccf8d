import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGISTRY } from '../../blocks';
import { formatDiagnostic, type Lang, type Registry } from '../core';
import { assembleExport } from '../export/project';
import type { ExportFile } from '../export/pytorch';
import { UserError } from './errors';
import { diskIO, readText } from './files';

/** Where the jimu_torch package and train.py live in this checkout. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

/** The Python side of an export: python/train.py and python/jimu_torch/*.py. */
export async function pythonFiles(dir = PYTHON_DIR): Promise<ExportFile[]> {
  const names = ['train.py', ...(await readdir(join(dir, 'jimu_torch'))).filter((n) => n.endsWith('.py')).sort().map((n) => `jimu_torch/${n}`)];
  return Promise.all(names.map(async (path) => ({ path, bytes: new Uint8Array(await readFile(join(dir, path))) })));
}

export interface ExportCliOptions {
  target: string;
  out: string;
  withData?: boolean;
  data?: string;
  dataType?: string;
  lang?: Lang;
}

/**
 * `jimu export PIPELINE --target pytorch --out DIR [--with-data]`. Refuses (writing nothing) when a block has no
 * PyTorch counterpart. `registry`: the blocks the document may use (Jimu's own unless a test adds one).
 */
export async function exportPipeline(file: string, opts: ExportCliOptions, io: { out: (s: string) => void; err: (s: string) => void }, registry: Registry = REGISTRY): Promise<number> {
  if (opts.target !== 'pytorch') throw new UserError(`Unknown export target "${opts.target}".`, 'Use --target pytorch.');
  const dataType = opts.dataType ?? 'float32';
  if (dataType !== 'float32' && dataType !== 'int16') throw new UserError(`Unknown --data-type "${dataType}".`, 'Use --data-type float32 or --data-type int16.');
  const text = await readText(file, 'pipeline file');
  const lang = opts.lang ?? 'en';
  const outcome = await assembleExport(text, { registry, python: () => pythonFiles(), withData: opts.withData ? 'always' : 'never', io: diskIO(opts.data ?? '.'), dataType, pipelineFile: file });
  if (!outcome.ok) {
    switch (outcome.reason) {
      case 'errors':
        for (const d of outcome.diagnostics) io.err(formatDiagnostic(d, lang));
        io.err(`jimu: ${file} cannot be exported: fix the errors above first.`);
        return 1;
      case 'unsupported':
        for (const d of outcome.diagnostics) io.err(formatDiagnostic(d, lang));
        io.err(`jimu: nothing was written to ${opts.out}.`);
        return 1;
      case 'reads-files':
        throw new UserError(`--with-data writes a synthetic sample source, but this pipeline reads files (${outcome.source.type} "${outcome.source.block}").`, 'Leave out --with-data and pass the dataset folder to train.py with --data.');
      default: {
        const never: never = outcome;
        return never;
      }
    }
  }
  const { plan, files, cases, sample } = outcome;
  await writeAll(resolve(opts.out), files);
  const bytes = files.reduce((a, f) => a + f.bytes.length, 0);
  io.out(`Exported "${plan.name}" for PyTorch to ${opts.out} (${files.length} files, ${(bytes / 1048576).toFixed(1)} MiB${cases !== null ? `, ${cases} cases in data/` : ''}).`);
  io.out(`Train it with:\n  cd ${opts.out} && python3 train.py --out run\n  cd ${opts.out} && torchrun --nproc_per_node=N train.py --out run --amp bf16`);
  if (sample && cases === null) io.out('The pipeline trains on a synthetic sample source: export with --with-data to write it, or give train.py --data DIR.');
  return 0;
}

/** Writes the files into a fresh folder beside `out`, then swaps it in, so a failed export leaves an earlier one whole. */
async function writeAll(out: string, files: ExportFile[]): Promise<void> {
  const staging = `${out}.part-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const f of files) {
      const path = join(staging, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.bytes);
    }
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw new UserError(`Cannot write the export to ${out}: ${e instanceof Error ? e.message : String(e)}.`, 'Check that the folder is writable and the disk has room.');
  }
  const old = `${out}.old-${process.pid}`;
  let moved = false;
  try {
    await rename(out, old);
    moved = true;
  } catch {
    // nothing there yet
  }
  await rename(staging, out);
  if (moved) await rm(old, { recursive: true, force: true });
}
