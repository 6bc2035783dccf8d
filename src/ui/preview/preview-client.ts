import type { ExamplePreview } from '../../data/preview/example';
import type { PreviewTarget } from '../../data/preview/request';
import type { PreviewFailure, PreviewReply, PreviewRequest } from '../../worker/preview-run';
import { useDatasetsOpen } from '../datasets/datasets-open';

/**
 * The page's side of the data preview: one small worker (made on first use), one preview at a time,
 * cancelled by ending the worker (a data step runs synchronously, so a message could not stop it),
 * and the finished previews kept by (data steps hash, block, port) so reselecting a block is instant.
 */
export type PreviewOutcome = { ok: true; example: ExamplePreview; ms: number } | { ok: false; failure: PreviewFailure };

/** Previews kept, newest last, up to this many bytes of images and labels. */
const CACHE_BYTES = 96 * 2 ** 20;
const cache = new Map<string, { example: ExamplePreview; ms: number }>();
let worker: Worker | null = null;
let current: { id: number; finish: (o: PreviewOutcome | null) => void } | null = null;
let nextId = 1;

const bytesOf = (e: ExamplePreview) => e.image.byteLength + e.label.byteLength;

/** A finished preview of this key, if one is kept (and it becomes the most recent). */
export function cachedPreview(key: string): PreviewOutcome | undefined {
  const hit = cache.get(key);
  if (!hit) return undefined;
  cache.delete(key);
  cache.set(key, hit);
  return { ok: true, ...hit };
}

function keep(key: string, value: { example: ExamplePreview; ms: number }): void {
  cache.set(key, value);
  let total = [...cache.values()].reduce((a, v) => a + bytesOf(v.example), 0);
  for (const [k, v] of cache) {
    if (total <= CACHE_BYTES || k === key) break;
    cache.delete(k);
    total -= bytesOf(v.example);
  }
}

/** Forgets every kept preview (after the imported datasets may have changed). */
export function clearPreviewCache(): void {
  cache.clear();
}

// Data blocks read the imported datasets: when the datasets page closes, previews made before may be out of date.
useDatasetsOpen.subscribe((s, prev) => {
  if (prev.open && !s.open) clearPreviewCache();
});

function stopWorker(): void {
  worker?.terminate();
  worker = null;
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../../worker/preview.worker.ts', import.meta.url), { type: 'module', name: 'jimu-preview' });
  w.onmessage = (e: MessageEvent<PreviewReply>) => {
    const reply = e.data;
    if (!current || reply.id !== current.id) return;
    const { finish } = current;
    current = null;
    finish(reply.type === 'preview-done' ? { ok: true, example: reply.example, ms: reply.ms } : { ok: false, failure: reply.failure });
  };
  // Out of memory or a bug: this preview fails, the next one starts a fresh worker.
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    const c = current;
    current = null;
    stopWorker();
    c?.finish({ ok: false, failure: { code: 'failed', message: e.message || 'The preview worker stopped.' } });
  };
  worker = w;
  return w;
}

/**
 * Starts the preview of a target (or answers from the cache). `done` resolves with the outcome, or
 * with null when cancelled; a new request cancels the one in flight.
 */
export function requestPreview(target: PreviewTarget): { done: Promise<PreviewOutcome | null>; cancel: () => void } {
  const hit = cachedPreview(target.key);
  if (hit) return { done: Promise.resolve(hit), cancel: () => {} };
  cancelCurrent();
  const id = nextId++;
  const done = new Promise<PreviewOutcome | null>((resolve) => {
    current = {
      id,
      finish: (o) => {
        if (o?.ok) keep(target.key, { example: o.example, ms: o.ms });
        resolve(o);
      },
    };
  });
  const request: PreviewRequest = { type: 'preview', id, steps: target.steps, seed: target.seed, ...(target.limit !== undefined ? { limit: target.limit } : {}) };
  ensureWorker().postMessage(request);
  return {
    done,
    cancel: () => {
      if (current?.id === id) cancelCurrent();
    },
  };
}

function cancelCurrent(): void {
  if (!current) return;
  const { finish } = current;
  current = null;
  // The worker may be deep in a data step: end it; the next preview starts another.
  stopWorker();
  finish(null);
}
