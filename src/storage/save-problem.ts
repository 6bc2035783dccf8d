export type SaveProblem = 'full' | 'denied' | 'failed';

/** Why a write failed, in the terms the user is told. */
export function saveProblem(error: unknown): SaveProblem {
  // Dexie wraps the browser's error (DatabaseClosedError around MissingAPIError, AbortError around
  // QuotaExceededError) and its errors are not always `instanceof Error`: look at names and message.
  const e = error as { name?: unknown; message?: unknown; inner?: { name?: unknown } } | null;
  const text = `${String(e?.name ?? '')} ${String(e?.inner?.name ?? '')} ${String(e?.message ?? '')}`;
  if (/QuotaExceeded/.test(text)) return 'full';
  if (/SecurityError|MissingAPI|InvalidStateError/.test(text)) return 'denied';
  return 'failed';
}
