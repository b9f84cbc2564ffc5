import { existsSync, renameSync, rmSync } from 'node:fs';
import { openReadModelDatabase, type ReadModelDatabase } from './database.ts';

/**
 * The read model's current database handle. Queries fetch `db` on every call, so a rebuild
 * can swap in a fully built database between two queries: readers never see a half-built one.
 */
export class ReadModel {
  private current: ReadModelDatabase;
  readonly fresh: boolean;

  constructor(readonly path: string) {
    const { db, fresh } = openReadModelDatabase({ path });
    this.current = db;
    this.fresh = fresh;
  }

  get db(): ReadModelDatabase {
    return this.current;
  }

  get inMemory(): boolean {
    return this.path === ':memory:';
  }

  /** A new, empty database beside this one, to build a replacement in. */
  openReplacement(): { db: ReadModelDatabase; path: string } {
    const path = this.inMemory ? ':memory:' : `${this.path}.rebuild`;
    if (!this.inMemory) removeDatabaseFiles(path);
    return { db: openReadModelDatabase({ path }).db, path };
  }

  /** Swaps a finished replacement in. Synchronous, so no query runs half-way through it. */
  swapIn(replacement: { db: ReadModelDatabase; path: string }): void {
    if (this.inMemory) {
      const old = this.current;
      this.current = replacement.db;
      old.close();
      return;
    }
    replacement.db.pragma('wal_checkpoint(TRUNCATE)');
    replacement.db.close();
    this.current.close();
    removeDatabaseFiles(this.path);
    renameSync(replacement.path, this.path);
    this.current = openReadModelDatabase({ path: this.path }).db;
  }

  close(): void {
    if (this.current.open) this.current.close();
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) rmSync(path + suffix);
  }
}
