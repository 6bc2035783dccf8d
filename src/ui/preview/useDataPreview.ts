import { useEffect, useRef, useState } from 'react';
import type { PreviewTarget } from '../../data/preview/request';
import { cachedPreview, requestPreview, type PreviewOutcome } from './preview-client';

export type PreviewState =
  | { status: 'loading' }
  | { status: 'done'; outcome: Extract<PreviewOutcome, { ok: true }>; cached: boolean; wallMs: number | null }
  | { status: 'failed'; outcome: Extract<PreviewOutcome, { ok: false }> };

/** The preview of a target: from the cache at once, else computed in the worker (cancelled when the target changes or the view goes). */
export function useDataPreview(target: PreviewTarget): PreviewState {
  const [result, setResult] = useState<{ key: string; outcome: PreviewOutcome; wallMs: number } | null>(null);
  const latest = useRef(target);
  latest.current = target;
  const key = target.key;
  useEffect(() => {
    if (cachedPreview(key)) return;
    const started = performance.now();
    const request = requestPreview(latest.current);
    let live = true;
    void request.done.then((outcome) => {
      if (live && outcome) setResult({ key, outcome, wallMs: performance.now() - started });
    });
    return () => {
      live = false;
      request.cancel();
    };
  }, [key]);
  if (result?.key === key) return result.outcome.ok ? { status: 'done', outcome: result.outcome, cached: false, wallMs: result.wallMs } : { status: 'failed', outcome: result.outcome };
  const hit = cachedPreview(key);
  if (hit?.ok) return { status: 'done', outcome: hit, cached: true, wallMs: null };
  return { status: 'loading' };
}
