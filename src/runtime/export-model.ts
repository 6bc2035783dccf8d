import { tf } from './tf';
import { CodedError } from '../core/diagnostics/coded-error';

export interface ModelFiles {
  /** The tfjs `model.json`: topology plus the weights manifest pointing at `weightsFile`. */
  modelJson: Record<string, unknown>;
  weights: Uint8Array;
  weightsFile: string;
}

/**
 * Serialises a model to the tfjs layers format (model.json + one weights file) in memory, so the same
 * code serves the CLI (which writes files) and the browser (which offers a download).
 */
export async function exportModel(model: tf.LayersModel, weightsFile = 'weights.bin'): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const total = buffers.reduce((a, b) => a + b.byteLength, 0);
      const weights = new Uint8Array(total);
      let offset = 0;
      for (const b of buffers) {
        weights.set(new Uint8Array(b), offset);
        offset += b.byteLength;
      }
      files = {
        modelJson: {
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy ?? null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }],
        },
        weights,
        weightsFile,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: total } };
    }),
  );
  if (!files) throw new CodedError('J607');
  return files;
}

/** Loads a model from the files `exportModel` produced (in memory). */
export async function importModel(files: { modelJson: Record<string, unknown>; weights: Uint8Array }): Promise<tf.LayersModel> {
  const manifest = files.modelJson.weightsManifest as { weights: tf.io.WeightsManifestEntry[] }[];
  const w = files.weights;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: files.modelJson.modelTopology as tf.io.ModelJSON['modelTopology'],
      weightSpecs: manifest.flatMap((m) => m.weights),
      weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer,
    }),
  );
}
