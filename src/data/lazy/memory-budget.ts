/** The share of the machine's (or the tab's) memory the in-memory case cache takes by default. */
export const CACHE_SHARE = 0.25;
/** The default when nothing says how much memory there is (a browser without `navigator.deviceMemory`). */
export const FALLBACK_CACHE_BYTES = 512 * 1024 ** 2;

/**
 * How many bytes the in-memory case cache may hold by default: a quarter of `machineBytes` (Node passes
 * `os.totalmem()`), else a quarter of the browser's `navigator.deviceMemory` (GiB, rounded down by
 * the browser and capped at 8), else 512 MiB.
 */
export function defaultCacheBytes(machineBytes?: number): number {
  if (machineBytes !== undefined && machineBytes > 0) return Math.floor(machineBytes * CACHE_SHARE);
  const deviceGiB = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  if (typeof deviceGiB === 'number' && deviceGiB > 0) return Math.floor(deviceGiB * 1024 ** 3 * CACHE_SHARE);
  return FALLBACK_CACHE_BYTES;
}

/** Bytes an example holds in memory. */
export function exampleBytes(e: { x: Float32Array; y: Float32Array }): number {
  return e.x.byteLength + e.y.byteLength;
}
