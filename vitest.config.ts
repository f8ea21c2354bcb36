import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built program; two cores, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
