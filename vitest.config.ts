import { defineConfig } from 'vitest/config';
import SummaryReporter from './test/support/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built program; two cores, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    setupFiles: ['test/support/setup.ts'],
    reporters: ['default', new SummaryReporter()],
  },
});
