import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname + '/..',
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // One build of the bundles for every test file that needs it (test/helpers/builtApp.ts).
    globalSetup: ['test/helpers/builtAppSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
