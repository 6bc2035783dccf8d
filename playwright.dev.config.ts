import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The development server, as `npm start` serves it, started with an empty dependency cache (--force):
// what a fresh clone sees. Specs named *.dev.spec.ts run here; the others run against the built app.
const port = Number(process.env.JIMU_E2E_DEV_PORT ?? 5174);

export default defineConfig({
  ...base,
  testMatch: '**/*.dev.spec.ts',
  testIgnore: [],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `npx vite --host 127.0.0.1 --port ${port} --strictPort --force`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    // The first start pre-bundles every dependency; that takes a minute or two on a busy machine. The guard
    // only catches a server that never comes up.
    timeout: 15 * 60_000,
    stdout: 'pipe',
  },
});
