import type { RunRecord } from '../../storage/run-history';
import { fileStem, offerDownload } from '../files';
import { modelZip } from './model-zip';

/**
 * Offers a run's model as one zip: model.json and the weights file it names (which
 * `tf.loadLayersModel` reads once unzipped), model-card.json and README.md (what the model is for, what it
 * expects, its scores, and that it is not a medical device), manifest.json and the pipeline.
 */
export function downloadRun(r: RunRecord): void {
  offerDownload(`${fileStem(r.name, 'model')}-model.zip`, new Blob([modelZip(r) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
}
