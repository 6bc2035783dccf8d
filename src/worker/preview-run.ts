import type { DataIO, DataStep, Registry } from '../core';
import { DataError } from '../data/errors';
import { firstExample, type ExamplePreview } from '../data/preview/example';
import { runSteps } from '../data/run-steps';

/** The page asks the preview worker for the first example of a stream. */
export interface PreviewRequest {
  type: 'preview';
  id: number;
  steps: DataStep[];
  seed: number;
  limit?: number;
}

/** Why a preview could not be made, as the page explains it (in the user's language). */
export type PreviewFailure =
  /** The stream reads a file or folder that is in none of the imported datasets. */
  | { code: 'missing-data'; path: string }
  /** The data could not be read or prepared: the block's message and how to fix it (English, from the block). */
  | { code: 'data'; message: string; hint: string }
  /** The stream ran but made no example. */
  | { code: 'empty' }
  /** Anything else (a bug): the detail, for a report. */
  | { code: 'failed'; message: string };

export type PreviewReply = { type: 'preview-done'; id: number; example: ExamplePreview; ms: number } | { type: 'preview-failed'; id: number; failure: PreviewFailure };

/** Thrown by the preview worker's file access for a path no imported dataset holds. */
export class MissingDataError extends DataError {
  constructor(readonly path: string) {
    super(`This pipeline reads "${path}", which is in none of the imported datasets.`, 'Import that folder on the Datasets page.');
  }
}

/**
 * Runs a preview request's steps (reusing runSteps, with the source limited where asked) and keeps the
 * first example. `missingPath` tells the path the io found in no imported dataset during this run, if
 * any (a block may wrap that error in its own message, so it is asked for rather than caught).
 */
export async function runPreview(req: PreviewRequest, registry: Registry, io: DataIO, missingPath: () => string | undefined = () => undefined, now: () => number = () => performance.now()): Promise<PreviewReply> {
  const start = now();
  try {
    const set = await runSteps(req.steps, registry, io, req.seed, req.limit === undefined ? {} : { limit: req.limit });
    if (set.n < 1) return { type: 'preview-failed', id: req.id, failure: { code: 'empty' } };
    return { type: 'preview-done', id: req.id, example: firstExample(set), ms: now() - start };
  } catch (e) {
    return { type: 'preview-failed', id: req.id, failure: previewFailure(e, missingPath()) };
  }
}

export function previewFailure(e: unknown, missingPath?: string): PreviewFailure {
  if (e instanceof MissingDataError) return { code: 'missing-data', path: e.path };
  if (missingPath !== undefined) return { code: 'missing-data', path: missingPath };
  if (e instanceof DataError) return { code: 'data', message: e.message, hint: e.hint };
  return { code: 'failed', message: e instanceof Error ? e.message : String(e) };
}
