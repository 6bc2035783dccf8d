import type { DataIO, Diagnostic, PipelineDocument, Registry } from '../core';
import { CodedError, type CodedErrorData } from '../core/diagnostics/coded-error';
import { DataError } from '../data/errors';
import { assembleExport, type ExportProgress } from '../export/project';
import { exportZip } from '../export/project-zip';
import type { ExportFile } from '../export/pytorch';

/** The page asks the export worker for a pipeline's PyTorch export as one zip. */
export interface ExportRequest {
  type: 'export';
  doc: PipelineDocument;
  /** The pipeline's file name, recorded in plan.json. */
  pipelineFile: string;
  /** The folder the zip holds (`<name>-pytorch`). */
  folder: string;
}

/** How far the export has come: the assembly's stages, then zipping. */
export type ExportStage = ExportProgress | { stage: 'zip' };

export type ExportReply =
  | { type: 'export-progress'; progress: ExportStage }
  | { type: 'export-done'; zip: Uint8Array; files: number; cases: number | null }
  /** The pipeline has errors, or blocks with no PyTorch counterpart (J501): nothing was made. */
  | { type: 'export-refused'; reason: 'errors' | 'unsupported'; diagnostics: Diagnostic[] }
  /** The sample data could not be made, or a bug: the coded error, shown in the user's language. */
  | { type: 'export-failed'; error: CodedErrorData };

/** The app exports sample sources only: a pipeline that reads files gets no data/ and reads none here. */
export const NO_FILES: DataIO = {
  readFile: (p) => Promise.reject(new DataError(`The export for GPU training reads no files (asked for "${p}").`, 'Pass the dataset folder to train.py with --data.')),
  listFiles: (d) => Promise.reject(new DataError(`The export for GPU training reads no files (asked for "${d}").`, 'Pass the dataset folder to train.py with --data.')),
};

/**
 * Runs one export request: the same assembly as `jimu export --with-data` (data/ whenever the source is a
 * synthetic sample), zipped under `req.folder`. Progress goes to `post` as it happens; the answer is returned.
 */
export async function runExport(req: ExportRequest, registry: Registry, python: () => Promise<ExportFile[]>, post: (r: ExportReply) => void): Promise<ExportReply> {
  try {
    const outcome = await assembleExport(req.doc, {
      registry,
      python,
      withData: 'if-sample',
      io: NO_FILES,
      pipelineFile: req.pipelineFile,
      onProgress: (progress) => post({ type: 'export-progress', progress }),
    });
    if (!outcome.ok) {
      // 'if-sample' never asks a file-reading source for data; the check keeps the union exhaustive.
      if (outcome.reason === 'reads-files') return { type: 'export-failed', error: { code: 'J503', args: { detail: `the source ${outcome.source.block} reads files` } } };
      return { type: 'export-refused', reason: outcome.reason, diagnostics: outcome.diagnostics };
    }
    post({ type: 'export-progress', progress: { stage: 'zip' } });
    return { type: 'export-done', zip: exportZip(outcome.files, req.folder), files: outcome.files.length, cases: outcome.cases };
  } catch (e) {
    return { type: 'export-failed', error: e instanceof CodedError ? e.diagnostic : { code: 'J503', args: { detail: e instanceof Error ? e.message : String(e) } } };
  }
}
