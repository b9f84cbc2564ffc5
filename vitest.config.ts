import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI has two cores; more workers only add contention for the SQLite files.
    maxWorkers: 2,
    // The web app and the server are built once (when their sources changed) before any test runs.
    globalSetup: ['./tests/support/builds.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'register', include: ['tests/**/*.test.ts'] },
      },
      {
        // The API end-to-end suite again, on the EventStoreDB adapter (issue 5): a real server
        // where ESDB_CONNECTION_STRING or Docker gives one, else the wire-level stand-in.
        extends: true,
        test: { name: 'api-on-eventstoredb', include: ['tests/api/**/*.test.ts'], env: { API_TEST_STORE: 'esdb' } },
      },
    ],
  },
});
