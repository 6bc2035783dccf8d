import type { PipelineDocument, Plan } from '../../core';
import { CodedError, type CodedErrorData } from '../../core/diagnostics/coded-error';
import { formatBytes } from '../../data/inflate';
import { checkRunFolder, pipelineMismatch, RUN_FOLDER_MAX_BYTES, selectRunFiles, unzipRun, type OpenedRun, type RunFile } from '../../data/run-folder';
import { compiledFor, editorStore } from '../../store';
import { documentKey } from '../../storage/document-key';
import { saveRun, type RunRecord } from '../../storage/run-history';
import { historyChanged, runDatabase } from './run-controller';

/**
 * The effects of opening a run folder: read the files the user chose (only those a run shows), check them
 * with the pure reader (src/data/run-folder.ts), and save the run in the history as a finished run is
 * saved. Nothing the user had is changed: the editor's document stays, other runs stay.
 */

/** What the Runs panel shows after a choice: why it cannot open, or what to confirm, or nothing. */
export type OpenRunState =
  | { phase: 'idle' }
  | { phase: 'reading'; source: string }
  | { phase: 'refused'; source: string; errors: CodedErrorData[]; warnings: CodedErrorData[] }
  /** The run's network is not the editor's pipeline: open it anyway (without trying files) or not. */
  | { phase: 'confirm'; source: string; run: OpenedRun; doc: PipelineDocument; reason: { en: string; zh: string }; warnings: CodedErrorData[] }
  | { phase: 'opened'; source: string; id: string; warnings: CodedErrorData[] };

const leftAside = (ignored: string[], unsafe: string[]): CodedErrorData[] => [
  ...(unsafe.length ? [{ code: 'J768' as const, args: { count: unsafe.length, names: unsafe.slice(0, 3).join(', ') } }] : []),
  ...(ignored.length ? [{ code: 'J767' as const, args: { count: ignored.length, names: ignored.slice(0, 3).join(', ') + (ignored.length > 3 ? ' …' : '') } }] : []),
];

/** The files of a picked folder (webkitRelativePath names), read only when a run shows them. */
async function folderFiles(list: readonly File[]): Promise<{ files: RunFile[]; notes: CodedErrorData[] }> {
  const named = list.map((f) => ({ f, name: f.webkitRelativePath || f.name }));
  const { keep, ignored, unsafe } = selectRunFiles(named.map((x) => x.name));
  const chosen = named.filter((x) => keep.has(x.name));
  if (chosen.reduce((a, x) => a + x.f.size, 0) > RUN_FOLDER_MAX_BYTES) throw new CodedError('J773', { limit: formatBytes(RUN_FOLDER_MAX_BYTES) });
  const files = await Promise.all(chosen.map(async (x) => ({ path: keep.get(x.name)!, bytes: new Uint8Array(await x.f.arrayBuffer()) })));
  return { files, notes: leftAside(ignored, unsafe) };
}

/** A zip the user chose; refused before reading when the file alone is over the cap. */
async function zipFiles(file: File): Promise<{ files: RunFile[]; notes: CodedErrorData[] }> {
  if (file.size > RUN_FOLDER_MAX_BYTES) throw new CodedError('J769', { limit: formatBytes(RUN_FOLDER_MAX_BYTES) });
  const z = unzipRun(new Uint8Array(await file.arrayBuffer()));
  return { files: z.files, notes: leftAside(z.ignored, z.unsafe) };
}

const layersOf = (plan: Plan) => Object.fromEntries(plan.model.topology.config.layers.map((l) => [l.name, l.class_name]));

/** Reads and checks a chosen folder (several files) or zip (one .zip file). */
export async function readRunChoice(chosen: readonly File[], kind: 'folder' | 'zip'): Promise<OpenRunState> {
  const source = kind === 'zip' ? (chosen[0]?.name ?? 'run.zip') : (chosen[0]?.webkitRelativePath.split('/')[0] ?? 'run');
  let read: { files: RunFile[]; notes: CodedErrorData[] };
  try {
    read = kind === 'zip' ? await zipFiles(chosen[0]!) : await folderFiles(chosen);
  } catch (e) {
    if (e instanceof CodedError) return { phase: 'refused', source, errors: [e.diagnostic], warnings: [] };
    throw e;
  }
  // The editor's pipeline, when it compiles, tells how label maps read back; scores do not depend on it.
  const editorDoc = editorStore.getState().doc;
  const editorPlan = compiledFor(editorDoc).plan;
  const check = await checkRunFolder(read.files, source, editorPlan ? { task: editorPlan.task, labelShape: editorPlan.model.output.shape.slice(1).map(Number) } : {});
  const warnings = [...read.notes, ...check.warnings];
  if (!check.run) return { phase: 'refused', source, errors: check.errors, warnings };
  const run = check.run;
  // A jimu train run carries its pipeline; a PyTorch run only its name, so the editor's pipeline stands in when it is the same network.
  const doc = run.doc ?? editorDoc;
  const plan = compiledFor(doc).plan;
  const reason = plan ? pipelineMismatch(run, layersOf(plan), (plan.model.inputs[0]?.shape ?? []).slice(1).map(Number)) : { en: 'the pipeline does not compile', zh: '流程无法编译' };
  if (reason) return { phase: 'confirm', source, run, doc, reason, warnings };
  return saveOpened(source, run, doc, false, warnings);
}

/** Saves the run in the history (as a finished run is saved) and shows it. */
export async function saveOpened(source: string, run: OpenedRun, doc: PipelineDocument, pipelineDiffers: boolean, warnings: CodedErrorData[]): Promise<OpenRunState> {
  const id = crypto.randomUUID();
  const record: RunRecord = {
    id,
    finished: run.finished,
    name: run.name,
    docKey: documentKey(doc),
    doc,
    seed: run.seed,
    backend: run.origin.backend,
    backendReason: run.origin.engine === 'pytorch' ? 'trained by the exported PyTorch project' : 'opened from a run folder',
    stoppedBecause: run.stoppedBecause,
    message: run.message,
    history: run.history,
    bestEpoch: run.bestEpoch,
    evaluations: run.evaluations,
    model: run.model,
    samplesPerSecond: run.samplesPerSecond,
    manifest: {
      format: 'jimu.run',
      version: 1,
      pipeline: { name: run.name },
      seed: run.seed,
      backend: { name: run.origin.backend, reason: 'opened from a run folder' },
      started: run.started ?? new Date(run.finished).toISOString(),
      finished: new Date(run.finished).toISOString(),
      stoppedBecause: run.stoppedBecause,
      message: run.message,
      data: run.counts,
      outputs: ['model.json', run.model.weightsFile, 'manifest.json'],
    },
    opened: { ...run.origin, scoresFrom: run.scoresFrom, docFrom: run.doc ? 'run' : 'editor', pipelineDiffers, at: Date.now() },
  };
  try {
    await saveRun(runDatabase(), record);
  } catch {
    editorStore.getState().notify({ kind: 'info', key: 'run_not_saved' });
    return { phase: 'idle' };
  }
  historyChanged();
  editorStore.getState().viewRun(id);
  return { phase: 'opened', source, id, warnings };
}
