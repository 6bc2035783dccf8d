/// <reference lib="webworker" />
/**
 * The data-preview worker: runs a pipeline's data steps up to one block and posts back the first
 * example, so that generating or reading data never blocks the page. It loads no TensorFlow.js; the
 * page cancels a preview by ending this worker and starting another.
 */
import { REGISTRY } from '../../blocks';
import { DatasetsDatabase, importedDataIO } from '../storage/datasets-db';
import { MissingDataError, runPreview, type PreviewReply, type PreviewRequest } from './preview-run';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Data blocks read the datasets imported on the Datasets page, as training in the browser does.
let missing: string | undefined;
const io = importedDataIO(new DatasetsDatabase(), (path) => {
  missing ??= path;
  return new MissingDataError(path);
});

// One request at a time: the page sends the next only after a reply, or ends this worker to cancel.
scope.onmessage = async (e: MessageEvent<PreviewRequest>) => {
  missing = undefined;
  const reply: PreviewReply = await runPreview(e.data, REGISTRY, io, () => missing);
  scope.postMessage(reply, reply.type === 'preview-done' ? [reply.example.image.buffer, reply.example.label.buffer] : []);
};
