import { strToU8, zipSync } from 'fflate';
import { REGISTRY } from '../../../blocks';
import { buildModelCard, modelCardReadme, serializeDocument, type ModelCard } from '../../core';
import { compiledFor } from '../../store/compiled';
import type { RunRecord } from '../../storage/run-history';

/** The files of a downloaded model, before zipping (name → bytes), and its card. */
export function modelFiles(r: Pick<RunRecord, 'doc' | 'model' | 'manifest' | 'finished' | 'backend' | 'stoppedBecause' | 'bestEpoch' | 'history' | 'evaluations'>): { files: Record<string, Uint8Array>; card: ModelCard | null } {
  const json = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    'model.json': strToU8(JSON.stringify(r.model.modelJson)),
    [r.model.weightsFile]: r.model.weights,
    'manifest.json': json(r.manifest),
    'pipeline.json': strToU8(serializeDocument(r.doc)),
  };
  // A run's document compiled when it was trained; one that no longer compiles (a block library change)
  // still downloads, without a card, rather than not at all.
  const plan = compiledFor(r.doc).plan;
  if (!plan) return { files, card: null };
  const card = buildModelCard({
    doc: r.doc,
    plan,
    registry: REGISTRY,
    finished: new Date(r.finished).toISOString(),
    backend: r.backend,
    stoppedBecause: r.stoppedBecause,
    bestEpoch: r.bestEpoch,
    epochsRun: r.history.length,
    counts: { train: r.manifest.data.train, validation: r.manifest.data.validation },
    evaluations: Object.fromEntries(r.evaluations.map((e) => [e.block, e.scores])),
  });
  files['model-card.json'] = json(card);
  files['README.md'] = strToU8(modelCardReadme(card));
  return { files, card };
}

/** One zip holding the model, its weights, the model card, the manifest and the pipeline. */
export function modelZip(r: Parameters<typeof modelFiles>[0]): Uint8Array {
  // Weights barely compress; level 6 keeps the JSON small without spending long on the weights.
  return zipSync(modelFiles(r).files, { level: 6 });
}
