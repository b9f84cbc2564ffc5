import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionEngine } from '../../projections/runner/engine.ts';
import { createRegisterItems } from '../../services/items.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { openProjectionHarness, registerProjections, silentLogger } from '../support/projection-harness.ts';
import { raiseRisk } from '../support/risk-commands.ts';

/**
 * What the synchronous swap of a rebuilt read model has left to do, in units of work: the pages
 * it copies from a WAL into a database file. None: the replacement was checkpointed and synced
 * off the event loop before it (its WAL is empty), and the old files are moved away before their
 * connection closes, so SQLite leaves their WAL as it was instead of copying it back.
 */
const directory = mkdtempSync(join(tmpdir(), 'ccag-swap-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const walBytes = (path: string) => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

function fillTable(db: Database.Database, rows: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (n INTEGER, text TEXT)');
  const insert = db.prepare('INSERT INTO filler (n, text) VALUES (?, ?)');
  db.transaction(() => {
    for (let n = 0; n < rows; n++) insert.run(n, 'x'.repeat(200));
  })();
}

describe('swapping a rebuilt read model in', () => {
  it('copies no WAL pages in the swap, keeps an old model set aside as it was, and deletes a replaced one later', async () => {
    const path = join(directory, 'read-model.db');
    const readModel = new ReadModel(path);
    try {
      // The live model's recent writes are still in its WAL (autocheckpoint off: nothing copied yet).
      readModel.db.pragma('wal_autocheckpoint = 0');
      fillTable(readModel.db, 2000);
      const liveWal = walBytes(path);
      expect(liveWal).toBeGreaterThan(0);

      const replacement = readModel.openReplacement();
      replacement.db.pragma('wal_autocheckpoint = 0');
      fillTable(replacement.db, 3000);
      expect(walBytes(replacement.path)).toBeGreaterThan(0);
      await readModel.flushReplacement(replacement);
      // Nothing left for the swap to copy or sync.
      expect(walBytes(replacement.path)).toBe(0);

      const aside = readModel.swapIn(replacement, { keepOld: true })!;
      // The old model's WAL was not checkpointed at close: set aside as it stood, and still whole.
      expect(walBytes(aside)).toBe(liveWal);
      const kept = new Database(aside, { readonly: true });
      expect(kept.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(2000);
      kept.close();
      expect(readModel.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(3000);

      // Replaced without keeping: moved out of the way at once, deleted on the thread pool.
      readModel.db.pragma('wal_autocheckpoint = 0');
      fillTable(readModel.db, 100);
      const next = readModel.openReplacement();
      fillTable(next.db, 10);
      await readModel.flushReplacement(next);
      readModel.swapIn(next);
      expect(readModel.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(10);
      await expect.poll(() => readdirSync(directory).filter((name) => name.includes('.replaced-'))).toEqual([]);
    } finally {
      readModel.close();
    }
  });

  it('leaves the WAL to a worker: the writing connection never checkpoints, and a grown WAL is emptied between batches', async () => {
    const path = join(directory, 'live.db');
    const readModel = new ReadModel(path);
    try {
      // SQLite's own checkpoint would run inside a commit, on the event loop.
      expect(readModel.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      fillTable(readModel.db, 1000);
      const small = walBytes(path);
      await readModel.keepWalShort();
      expect(walBytes(path)).toBe(small);
      // Past 16 MB of WAL: checkpointed in the worker; the next write restarts the WAL and cuts its file back.
      fillTable(readModel.db, 90_000);
      expect(walBytes(path)).toBeGreaterThan(16 * 1024 * 1024);
      await readModel.keepWalShort();
      fillTable(readModel.db, 1);
      expect(walBytes(path)).toBeLessThanOrEqual(4 * 1024 * 1024);
      expect(readModel.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(91_001);
    } finally {
      readModel.close();
    }
  });

  it('serves, after a rebuild on file, exactly what applying the same log to an empty read model builds', async () => {
    const harness = openProjectionHarness({ readModelPath: join(directory, 'rebuilt.db'), maxBatchSize: 7 });
    const fresh = new ReadModel(join(directory, 'fresh.db'));
    try {
      for (let n = 1; n <= 40; n++) await harness.execute(raiseRisk(n));
      await harness.settle();
      await harness.runner.rebuild();
      await harness.settle();
      const events = await harness.store.readAll({ after: undefined, maxCount: 1000 });
      expect(events).toHaveLength(40);
      const identity = await harness.store.identity();
      new ProjectionEngine(fresh.db, 'main', registerProjections, createRegisterItems(), silentLogger, identity).apply(events);
      expect(dumpReadModel(harness.readModel.db)).toEqual(dumpReadModel(fresh.db));
    } finally {
      fresh.close();
      await harness.close();
    }
  });
});
