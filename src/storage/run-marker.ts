/**
 * A run in progress survives nothing: it lives in the page's worker, and a reload ends it. So that a
 * run never vanishes without a word, the page notes a run when it starts and forgets it when the run
 * ends (finished, stopped or failed); a note still there when the page starts means the page was
 * reloaded mid-run, and the user is told. sessionStorage is per tab and survives a reload of that tab,
 * so another tab's run is never reported here.
 */
const KEY = 'jimu-run-in-progress';

export interface RunMarker {
  runId: string;
  /** The pipeline's name, for the message. */
  name: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storage = (): Storage | null => {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage switched off: the note is a courtesy, never a reason to fail
  }
};

export function markRunStarted(marker: RunMarker, s: Storage | null = storage()): void {
  try {
    s?.setItem(KEY, JSON.stringify(marker));
  } catch {
    // Full or refused: the run itself goes on.
  }
}

/** Forgets the note of `runId` (a note of another run is left alone). */
export function markRunEnded(runId: string, s: Storage | null = storage()): void {
  try {
    const m = read(s);
    if (m?.runId === runId) s?.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}

/** At start-up: the run a reload interrupted, if any (the note is taken, so it is reported once). */
export function takeInterruptedRun(s: Storage | null = storage()): RunMarker | null {
  try {
    const m = read(s);
    s?.removeItem(KEY);
    return m;
  } catch {
    return null;
  }
}

function read(s: Storage | null): RunMarker | null {
  const raw = s?.getItem(KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<RunMarker>;
    return typeof v.runId === 'string' && typeof v.name === 'string' ? { runId: v.runId, name: v.name } : null;
  } catch {
    return null;
  }
}
