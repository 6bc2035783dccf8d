/** The reason a backend gives when the user chose it (the CLI's --backend, the dashboard's menu). */
export const REQUESTED_EXPLICITLY = 'requested explicitly';

/**
 * True when training landed on the `cpu` backend without being asked to: pure JavaScript, about 250×
 * slower than wasm on a convolution network, so the CLI and the dashboard warn loudly (no tfjs here,
 * so the page can import it).
 */
export function isSlowFallback(backend: string, reason: string): boolean {
  return backend === 'cpu' && reason !== REQUESTED_EXPLICITLY;
}
