import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { REGISTRY } from '../../blocks';
import { compile, formatDiagnostic, hasErrors, type Lang, type Registry } from '../core';
import { runSteps } from '../data/run-steps';
import { caseGeometry } from './predictions';
import { exportFiles, exportProblems, type ExportFile } from '../export/pytorch';
import { SAMPLE_SOURCES } from '../export/torch-support';
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
  const result = compile(text, registry);
  const lang = opts.lang ?? 'en';
  if (hasErrors(result.diagnostics) || !result.plan) {
    for (const d of result.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d, lang));
    io.err(`jimu: ${file} cannot be exported: fix the errors above first.`);
    return 1;
  }
  const plan = result.plan;
  const problems = exportProblems(plan);
  if (problems.length) {
    for (const d of problems) io.err(formatDiagnostic(d, lang));
    io.err(`jimu: nothing was written to ${opts.out}.`);
    return 1;
  }
  const source = plan.data.train.steps[0]!;
  const sample = (SAMPLE_SOURCES as readonly string[]).includes(source.type);
  let sourceSet = null;
  if (opts.withData) {
    if (!sample) throw new UserError(`--with-data writes a synthetic sample source, but this pipeline reads files (${source.type} "${source.block}").`, 'Leave out --with-data and pass the dataset folder to train.py with --data.');
    sourceSet = await runSteps([source], registry, diskIO(opts.data ?? '.'), plan.seed);
  }
  const files = exportFiles(plan, {
    python: await pythonFiles(),
    sourceSet,
    dataType,
    gzip: (b) => new Uint8Array(gzipSync(b, { level: 6 })),
    ...(caseGeometry([source]).channelNames ? { modalities: caseGeometry([source]).channelNames! } : {}),
    pipelineFile: file,
    jimuVersion: JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).version as string,
  });
  await writeAll(resolve(opts.out), files);
  const bytes = files.reduce((a, f) => a + f.bytes.length, 0);
  io.out(`Exported "${plan.name}" for PyTorch to ${opts.out} (${files.length} files, ${(bytes / 1048576).toFixed(1)} MiB${sourceSet ? `, ${sourceSet.n} cases in data/` : ''}).`);
  io.out(`Train it with:\n  cd ${opts.out} && python3 train.py --out run\n  cd ${opts.out} && torchrun --nproc_per_node=N train.py --out run --amp bf16`);
  if (sample && !sourceSet) io.out('The pipeline trains on a synthetic sample source: export with --with-data to write it, or give train.py --data DIR.');
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
