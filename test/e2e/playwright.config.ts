/**
 * End-to-end tests: the built renderer in Chromium, served with its backend by the
 * browser-mode host (`npm run test:e2e` builds first). One worker: this is a 2-core
 * machine and every peer is a host process plus a browser context.
 */
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../helpers/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Generous: a host compiles its TypeScript at start, and peers share two cores.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  use: {
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions() },
    },
  ],
});
