import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/app/content-security-policy';

/**
 * The built index.html carries the Content-Security-Policy as its first head element, so it holds
 * wherever the files are served. Only in the build: the dev server injects inline scripts for hot reload.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'jimu-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  optimizeDeps: {
    // The development server pre-bundles the dependencies it finds by scanning these entries. It cannot see
    // into the workers (`new Worker(new URL(…))`), so without them it met TensorFlow.js only when the first
    // run started, re-bundled, and reloaded the page: the run and the undo history were lost. Scanning the
    // app and every worker (and naming what only workers load) makes one pre-bundle at start-up enough.
    entries: ['index.html', 'src/worker/*.worker.ts'],
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'],
  },
});
