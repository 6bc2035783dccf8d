import { gzipSync } from 'fflate';
import { compile, hasErrors, type CompileResult, type DataIO, type DataStep, type Diagnostic, type ExampleSet, type Plan, type Registry } from '../core';
import { caseGeometry } from '../data/case-geometry';
import { runSteps } from '../data/run-steps';
import { exportFiles, exportProblems, type ExportFile } from './pytorch';
import { SAMPLE_SOURCES } from './torch-support';
import { JIMU_VERSION } from './version';

/**
 * The PyTorch export as one pure function that `jimu export` and the app's "Export for GPU training" both
 * call, so both write the same files, byte for byte, for the same document. The callers only bring the
 * Python sources (read from disk, or bundled by Vite) and take the files away (a folder, or a zip).
 */

/** Whether a compiled pipeline can be exported: its plan, or the diagnostics that say why not. */
export type ExportCheck =
  | { ok: true; plan: Plan }
  /** The pipeline does not compile: its error diagnostics. */
  | { ok: false; reason: 'errors'; diagnostics: Diagnostic[] }
  /** Blocks with no PyTorch counterpart: one J501 per block. */
  | { ok: false; reason: 'unsupported'; diagnostics: Diagnostic[] };

/** Checks a compile result for export: errors first, then the blocks jimu_torch cannot run. */
export function checkExport(result: Pick<CompileResult, 'plan' | 'diagnostics'>): ExportCheck {
  if (hasErrors(result.diagnostics) || !result.plan) return { ok: false, reason: 'errors', diagnostics: result.diagnostics.filter((d) => d.severity === 'error') };
  const problems = exportProblems(result.plan);
  return problems.length ? { ok: false, reason: 'unsupported', diagnostics: problems } : { ok: true, plan: result.plan };
}

/**
 * Whether `data/` holds the synthetic sample source: `always` (`jimu export --with-data`, refused for a
 * source that reads files), `never`, or `if-sample` (the app: whenever the source is a sample, since a
 * browser's imported files are not what a GPU machine reads).
 */
export type DataChoice = 'always' | 'never' | 'if-sample';

/** How far an export has come, for a progress bar. */
export type ExportProgress = { stage: 'data' } | { stage: 'files'; done: number; total: number };

export interface AssembleOptions {
  registry: Registry;
  /** train.py and jimu_torch/*.py, paths relative to python/; asked for only when the export goes ahead. */
  python: () => Promise<ExportFile[]>;
  withData: DataChoice;
  /** Where data blocks read files (sample sources read none). */
  io: DataIO;
  /** int16 stores images in a quarter of float32's size after compression (`--data-type`). */
  dataType?: 'float32' | 'int16';
  /** The pipeline's file name, recorded in plan.json. */
  pipelineFile: string;
  onProgress?: (p: ExportProgress) => void;
}

export type ExportOutcome =
  | { ok: true; plan: Plan; files: ExportFile[]; cases: number | null; sample: boolean }
  | Exclude<ExportCheck, { ok: true }>
  /** `always` was asked of a pipeline whose source reads files. */
  | { ok: false; reason: 'reads-files'; source: DataStep };

/** Compresses one file of the export (`.nii.gz`): fflate at zlib's default level, no time stamp, so the bytes depend on the content alone. */
export const gzipFile = (bytes: Uint8Array): Uint8Array => gzipSync(bytes, { level: 6, mtime: 0 });

/**
 * The files of a pipeline's PyTorch export (a document or its JSON text), or why it cannot be exported.
 * Paths are relative to the export folder; the Python sources come in path order whoever read them.
 */
export async function assembleExport(pipeline: unknown, o: AssembleOptions): Promise<ExportOutcome> {
  const check = checkExport(compile(pipeline, o.registry));
  if (!check.ok) return check;
  const plan = check.plan;
  const source = plan.data.train.steps[0]!;
  const sample = (SAMPLE_SOURCES as readonly string[]).includes(source.type);
  if (o.withData === 'always' && !sample) return { ok: false, reason: 'reads-files', source };
  let sourceSet: ExampleSet | null = null;
  if (sample && o.withData !== 'never') {
    o.onProgress?.({ stage: 'data' });
    sourceSet = await runSteps([source], o.registry, o.io, plan.seed);
  }
  const python = [...(await o.python())].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const channelNames = caseGeometry([source]).channelNames;
  const files = exportFiles(plan, {
    python,
    sourceSet,
    dataType: o.dataType ?? 'float32',
    gzip: gzipFile,
    ...(channelNames ? { modalities: channelNames } : {}),
    pipelineFile: o.pipelineFile,
    jimuVersion: JIMU_VERSION,
    ...(o.onProgress ? { onCase: (done: number, total: number) => o.onProgress!({ stage: 'files', done, total }) } : {}),
  });
  return { ok: true, plan, files, cases: sourceSet?.n ?? null, sample };
}
