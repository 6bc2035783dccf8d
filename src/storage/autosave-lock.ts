/** The Web Lock that one tab holds while it autosaves the working document. */
export const AUTOSAVE_LOCK = 'jimu-editor-autosave';

/**
 * Claims the right to autosave for this tab's whole life: true when this tab got it, false when another
 * tab of Jimu holds it (then this tab must not write over that tab's work). Browsers without Web Locks
 * (none that Jimu supports) are given the right, as before.
 */
export function claimAutosave(locks: LockManager | undefined = globalThis.navigator?.locks): Promise<boolean> {
  if (!locks) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    locks
      .request(AUTOSAVE_LOCK, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held until the tab closes: the callback's promise never settles.
        return lock ? new Promise<void>(() => {}) : undefined;
      })
      .catch(() => resolve(true));
  });
}
