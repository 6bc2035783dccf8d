import type { Example } from '../../core';

/**
 * A cache of preprocessed cases that outlives a run (on disk in Node; the browser may implement it on
 * OPFS or IndexedDB), keyed by the content of a case's files and the parameters of the steps that made
 * it, like MONAI's PersistentDataset: a changed file or a changed step gives a new key, never stale data.
 * It must never fail a run: a store that cannot write (a full disk) says so once and stops storing.
 */
export interface PersistentCaseCache {
  /** A key from the bytes of a case's files and a text naming the steps and their parameters. */
  keyOf(files: readonly Uint8Array[], steps: string): string | Promise<string>;
  /** The case stored under `key` with `xLength` and `yLength` values, or null (absent, or damaged). */
  get(key: string, xLength: number, yLength: number): Promise<Example | null>;
  /** Stores a case (written whole or not at all); false when it was not stored. Never rejects. */
  put(key: string, example: Example): Promise<boolean>;
}
