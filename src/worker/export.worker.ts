/// <reference lib="webworker" />
/**
 * The export worker: makes a pipeline's PyTorch export (the sample data written as NIfTI, compressed, and
 * zipped) off the page's main thread. It loads no TensorFlow.js; the page starts one per export and ends it
 * after the answer, so the export's memory goes with it.
 */
import { REGISTRY } from '../../blocks';
import { bundledPythonFiles } from '../export/python-bundled';
import { runExport, type ExportReply, type ExportRequest } from './export-run';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: ExportReply) => scope.postMessage(reply, reply.type === 'export-done' ? [reply.zip.buffer] : []);

scope.onmessage = async (e: MessageEvent<ExportRequest>) => {
  post(await runExport(e.data, REGISTRY, bundledPythonFiles, post));
};
