import { existsSync, renameSync, rmSync } from 'node:fs';
import { openReadModelDatabase, type ReadModelDatabase } from './database.ts';

/** A database being built beside the live one by a rebuild. */
export interface Replacement {
  readonly db: ReadModelDatabase;
  readonly path: string;
}

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
  openReplacement(): Replacement {
    const path = this.inMemory ? ':memory:' : `${this.path}.rebuild`;
    if (!this.inMemory) removeDatabaseFiles(path);
    const { db } = openReadModelDatabase({ path });
    // Nobody reads it and a crash throws it away, so the build need not wait for the disk.
    db.pragma('synchronous = OFF');
    return { db, path };
  }

  /** Swaps a finished replacement in. Synchronous, so no query runs half-way through it. */
  swapIn(replacement: Replacement): void {
    if (this.inMemory) {
      const old = this.current;
      this.current = replacement.db;
      old.close();
      return;
    }
    // From here on it is the live model: the final checkpoint syncs it to disk before the rename.
    replacement.db.pragma('synchronous = NORMAL');
    replacement.db.pragma('wal_checkpoint(TRUNCATE)');
    replacement.db.close();
    this.current.close();
    removeDatabaseFiles(this.path);
    renameSync(replacement.path, this.path);
    this.current = openReadModelDatabase({ path: this.path }).db;
  }

  /** Closes and deletes a replacement that will not be swapped in (its rebuild failed). */
  discardReplacement(replacement: Replacement): void {
    if (replacement.db === this.current) return;
    if (replacement.db.open) replacement.db.close();
    if (replacement.path !== ':memory:') removeDatabaseFiles(replacement.path);
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
