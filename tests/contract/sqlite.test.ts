import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { describeEventStoreContract } from './event-store-contract.ts';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describeEventStoreContract('embedded SQLite, file', () => ({
  description: `embedded SQLite, a new file per test under ${tmpdir()}`,
  supportsFirstPosition: true,
  recordedAtNeverDecreases: true,
  async create(options) {
    const directory = mkdtempSync(join(tmpdir(), 'ccag-contract-'));
    directories.push(directory);
    // A short poll keeps the live-subscription tests quick; in-process appends wake it anyway.
    return createSqliteEventStore({ path: join(directory, 'events.db'), firstPosition: options?.firstPosition, pollIntervalMs: 20 });
  },
}));

describeEventStoreContract('embedded SQLite, in memory', () => ({
  description: 'embedded SQLite, :memory:',
  supportsFirstPosition: true,
  recordedAtNeverDecreases: true,
  async create(options) {
    return createSqliteEventStore({ path: ':memory:', firstPosition: options?.firstPosition, pollIntervalMs: 20 });
  },
}));
