/** The Web Lock a tab holds while it imports into (or discards) one dataset. */
export const importLockName = (datasetId: number) => `jimu-import-${datasetId}`;

/**
 * Claims the dataset's import lock without waiting: a release function when this tab got it, null when
 * another tab holds it (it is importing into that dataset now). Two tabs resuming one unfinished import
 * would store each case twice; a discard under a running import would delete what it is storing. Browsers
 * without Web Locks (none Jimu supports) get a release that does nothing.
 */
export function holdImportLock(datasetId: number, locks: LockManager | undefined = globalThis.navigator?.locks): Promise<(() => void) | null> {
  if (!locks) return Promise.resolve(() => {});
  return new Promise((resolve) => {
    locks
      .request(importLockName(datasetId), { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        // Held until released: the callback's promise settles when the import ends.
        return new Promise<void>((release) => resolve(() => release()));
      })
      .catch(() => resolve(() => {}));
  });
}
