import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI has two cores; more workers only add contention for the SQLite files.
    maxWorkers: 2,
  },
});
