import { diagnostic } from '../../core';
import { checkExport } from '../../export/project';
import { compiledFor, editorStore, type Notice } from '../../store';
import type { ExportReply, ExportRequest, ExportStage } from '../../worker/export-run';
import { fileNameFor, fileStem, offerDownload } from '../files';
import { useExportBusy } from './export-busy';

/** An export that takes longer than this shows its progress; a quicker one just downloads. */
const QUIET_MS = 400;

type Final = Exclude<ExportReply, { type: 'export-progress' }> | { type: 'export-cancelled' };

type Progress = Extract<Notice, { kind: 'exporting' }>;

const progressNotice = (p: ExportStage): Progress => (p.stage === 'files' ? { kind: 'exporting', stage: 'files', done: p.done, total: p.total } : { kind: 'exporting', stage: p.stage });

/**
 * "Export for GPU training": the pipeline in the editor as the zip of the folder `jimu export --target pytorch
 * --with-data` writes (the same files, made by the same function, in a worker). A pipeline with errors, or
 * with blocks that have no PyTorch counterpart, is refused with its diagnostics and nothing is downloaded.
 */
export async function exportForGpu(): Promise<void> {
  if (useExportBusy.getState().busy) return;
  const s = editorStore.getState();
  const doc = s.doc;
  // Checked here too (it is instant), so a refusal needs no worker.
  const check = checkExport(compiledFor(doc));
  if (!check.ok) {
    s.notify({ kind: 'export-refused', reason: check.reason, diagnostics: check.diagnostics });
    return;
  }
  const folder = `${fileStem(doc.name, 'pipeline')}-pytorch`;
  useExportBusy.setState({ busy: true });
  let latest: ExportStage = { stage: 'data' };
  let shown = '';
  const show = () => {
    const notice = progressNotice(latest);
    // One notice per visible change (a percent of the cases), not one per case.
    const key = `${notice.stage}:${notice.total ? Math.floor((100 * (notice.done ?? 0)) / notice.total) : ''}`;
    if (key === shown) return;
    shown = key;
    editorStore.getState().notify(notice);
  };
  let quiet = true;
  const timer = setTimeout(() => {
    quiet = false;
    show();
  }, QUIET_MS);
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('../../worker/export.worker.ts', import.meta.url), { type: 'module', name: 'jimu-export' });
    const w = worker;
    const reply = await new Promise<Final>((resolve) => {
      // Cancel: the answer is "cancelled" at once; `finally` ends the worker, and with it the half-made zip.
      useExportBusy.setState({ cancel: () => resolve({ type: 'export-cancelled' }) });
      w.onmessage = (e: MessageEvent<ExportReply>) => {
        if (e.data.type !== 'export-progress') return resolve(e.data);
        latest = e.data.progress;
        if (!quiet) show();
      };
      // Out of memory or a bug in the worker: the export fails with what the browser said.
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        resolve({ type: 'export-failed', error: { code: 'J503', args: { detail: e.message || 'the export stopped' } } });
      };
      const request: ExportRequest = { type: 'export', doc, pipelineFile: fileNameFor(doc), folder };
      w.postMessage(request);
    });
    const notify = editorStore.getState().notify;
    switch (reply.type) {
      case 'export-done':
        // No cases: the pipeline reads a dataset folder, which train.py is then given with --data.
        offerDownload(`${folder}.zip`, new Blob([reply.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
        notify({ kind: 'info', key: reply.cases === null ? 'export_done_data' : 'export_done', args: { file: `${folder}.zip`, folder } });
        break;
      case 'export-refused':
        notify({ kind: 'export-refused', reason: reply.reason, diagnostics: reply.diagnostics });
        break;
      case 'export-failed':
        notify({ kind: 'export-refused', reason: 'failed', diagnostics: [diagnostic(reply.error.code, reply.error.args)] });
        break;
      case 'export-cancelled':
        notify({ kind: 'info', key: 'export_cancelled' });
        break;
      default: {
        const never: never = reply;
        return never;
      }
    }
  } catch (e) {
    // The worker could not start (a browser that refuses module workers): say so rather than fail silently.
    editorStore.getState().notify({ kind: 'export-refused', reason: 'failed', diagnostics: [diagnostic('J503', { detail: e instanceof Error ? e.message : String(e) })] });
  } finally {
    clearTimeout(timer);
    worker?.terminate();
    useExportBusy.setState({ busy: false, cancel: null });
  }
}
