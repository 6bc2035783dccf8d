import { defineConfig } from '@playwright/test';

// Several checkouts on one machine can run their browser tests at once on different ports.
const port = Number(process.env.JIMU_E2E_PORT ?? 4173);

/** End-to-end tests against the built app, in Debian's Chromium (Playwright's own browsers cannot be downloaded here). */
export default defineConfig({
  testDir: 'e2e',
  // Specs for the development server run with playwright.dev.config.ts.
  testIgnore: '**/*.dev.spec.ts',
  timeout: 120_000,
  retries: 0,
  // When the browser or the built app is broken, every test would wait out its own timeout: stop after a few
  // failures so the run reports what broke instead of running for hours.
  maxFailures: 5,
  // The whole suite takes about 8 minutes here; this only bounds a run that went wrong.
  globalTimeout: 60 * 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
