import type { RunRecord } from '../../store/run-history';

function offer(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Offers a run's model as tfjs files — model.json, the weights file it names, and manifest.json —
 * which `tf.loadLayersModel` reads from a folder (or from these three files in a browser).
 */
export function downloadRun(r: Pick<RunRecord, 'model' | 'manifest'>): void {
  offer('model.json', new Blob([JSON.stringify(r.model.modelJson)], { type: 'application/json' }));
  offer(r.model.weightsFile, new Blob([r.model.weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  offer('manifest.json', new Blob([`${JSON.stringify(r.manifest, null, 2)}\n`], { type: 'application/json' }));
}
