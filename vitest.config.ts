import { defineConfig } from 'vitest/config';

const shared = ['src/**/*.test.ts', 'blocks/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * Two tiers (MONAI's `--quick` idea): `quick` holds every unit and component test; `learn` trains the
 * templates to their held-out targets (`*.learn.test.ts`, one file per template so they spread over the
 * cores). Neither tier checks speed: each keeps only a guard far beyond any test's time on a busy machine
 * (the longest learning test takes about 10 minutes here), so a hung test fails with its name instead of
 * stalling the whole run.
 */
export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'quick', include: shared, exclude: ['**/*.learn.test.ts', '**/node_modules/**'], testTimeout: 600_000, hookTimeout: 600_000 } },
      { extends: true, test: { name: 'learn', include: ['src/**/*.learn.test.ts', 'blocks/**/*.learn.test.ts'], testTimeout: 45 * 60_000, hookTimeout: 45 * 60_000 } },
    ],
  },
});
