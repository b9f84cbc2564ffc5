import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointWorker } from '../../projections/read-model/checkpoint-worker.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database with `rows` rows written and not yet checkpointed (its writer stays open, as the read model's does). */
function walDatabase(rows: number): { path: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'ccag-checkpoint-'));
  dirs.push(dir);
  const path = join(dir, 'model.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(200));
  })();
  return { path, db };
}

describe('the checkpoint worker', () => {
  it('checkpoints one database after another, each WAL emptied into its file', async () => {
    const worker = new CheckpointWorker();
    const first = walDatabase(2000);
    const second = walDatabase(2000);
    try {
      expect(statSync(`${first.path}-wal`).size).toBeGreaterThan(100_000);
      await worker.checkpoint(first.path);
      await worker.checkpoint(second.path);
      expect(statSync(`${first.path}-wal`).size).toBe(0);
      expect(statSync(`${second.path}-wal`).size).toBe(0);
      // What was in the WAL is in the file: another connection reading the file alone finds it.
      first.db.close();
      const reader = new Database(first.path, { readonly: true });
      expect(reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2000);
      reader.close();
    } finally {
      if (first.db.open) first.db.close();
      second.db.close();
      await worker.close();
    }
  });

  it('fails a checkpoint it cannot do, naming the file, and goes on serving the next', async () => {
    const worker = new CheckpointWorker();
    const sound = walDatabase(100);
    try {
      const missing = join(tmpdir(), 'ccag-no-such-dir', 'model.db');
      await expect(worker.checkpoint(missing)).rejects.toThrow(`checkpoint of ${missing}`);
      await worker.checkpoint(sound.path);
      expect(statSync(`${sound.path}-wal`).size).toBe(0);
    } finally {
      sound.db.close();
      await worker.close();
    }
  });

  it('starts its thread again for the next checkpoint after being closed', async () => {
    const worker = new CheckpointWorker();
    const sound = walDatabase(100);
    try {
      const pending = worker.checkpoint(sound.path);
      const closing = worker.close();
      await Promise.allSettled([pending]);
      await closing;
      await worker.checkpoint(sound.path, 'PASSIVE');
      await worker.checkpoint(sound.path);
      expect(statSync(`${sound.path}-wal`).size).toBe(0);
    } finally {
      sound.db.close();
      await worker.close();
    }
  });
});
