// One test run for the whole repository: unit tests beside the code, integration tests over HTTP on
// PGlite (and PostgreSQL when TEST_DATABASE_URL is set), and browser tests in Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/app/test/globalSetup.ts'],
    pool: 'forks',
    // Two cores here: two test files at a time; each opens its own databases.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './packages/app/test/summaryReporter.ts'],
  },
});
