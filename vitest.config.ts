import { defineConfig } from 'vitest/config';

const shared = ['src/**/*.test.ts', 'blocks/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * Two tiers (MONAI's `--quick` idea): `quick` holds every unit and component test; `learn` trains the
 * templates to their held-out targets (`*.learn.test.ts`, one file per template so they spread over the
 * cores). Neither tier checks speed. Training time depends on the machine and on what else it runs, so the
 * learning tier has no time limit at all (its PyTorch launches carry their own hang guard, and .ci/run bounds
 * the whole run); the quick tier keeps a guard far beyond any of its tests, never a speed check.
 */
export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'quick', include: shared, exclude: ['**/*.learn.test.ts', '**/node_modules/**'], testTimeout: 600_000, hookTimeout: 600_000 } },
      { extends: true, test: { name: 'learn', include: ['src/**/*.learn.test.ts', 'blocks/**/*.learn.test.ts'], testTimeout: 0, hookTimeout: 0 } },
    ],
  },
});
