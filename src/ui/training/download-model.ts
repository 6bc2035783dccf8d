import type { RunRecord } from '../../store/run-history';
import { offerDownload } from '../files';


/**
 * Offers a run's model as tfjs files — model.json, the weights file it names, and manifest.json —
 * which `tf.loadLayersModel` reads from a folder (or from these three files in a browser).
 */
export function downloadRun(r: Pick<RunRecord, 'model' | 'manifest'>): void {
  offerDownload('model.json', new Blob([JSON.stringify(r.model.modelJson)], { type: 'application/json' }));
  offerDownload(r.model.weightsFile, new Blob([r.model.weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  offerDownload('manifest.json', new Blob([`${JSON.stringify(r.manifest, null, 2)}\n`], { type: 'application/json' }));
}
