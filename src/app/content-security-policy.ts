/**
 * The Content-Security-Policy of the built app (vite.config.ts puts it in index.html as a meta tag and
 * sends it as a header from `vite preview`). No inline or injected script can run: scripts come only
 * from the app's own files. Workers are the app's own files too (the training and preview workers,
 * Monaco's). 'wasm-unsafe-eval' lets tfjs and Jimu's SIMD kernels compile WebAssembly, and nothing
 * else. Inline styles stay allowed: React Flow and Monaco position elements with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
