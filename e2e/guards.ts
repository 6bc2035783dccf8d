/**
 * The one wall-clock bound in the browser tests that train or wait on the machine: far beyond any of them on
 * a busy 2-core machine (the longest trains for about 2 minutes), never a speed check. It only turns a hang
 * into a failure that names the test, instead of a run that never ends.
 */
export const HANG_GUARD_MS = 20 * 60_000;
