import Database from 'better-sqlite3';
import { RegisterError } from '../../services/core/errors.ts';

/** Another process (a server, a rebuild) holds the read model; nothing was changed. */
export class ReadModelInUseError extends RegisterError {
  readonly code = 'CONFLICT' as const;
  constructor(readonly lockPath: string) {
    super(
      `the read model is in use by another process (a running server or rebuild holds ${lockPath}); ` +
        'stop it first, or pass --force to rebuild anyway',
    );
    this.name = 'ReadModelInUseError';
  }
}

/**
 * One process at a time projects into a read model file. The holder keeps an exclusive SQLite
 * transaction open on a small lock file beside it: the operating system drops the lock when
 * the process ends, however it ends (kill -9 included), so a stale lock cannot outlive it.
 */
export class ReadModelLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(lockPath: string): ReadModelLock {
    const db = new Database(lockPath, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new ReadModelInUseError(lockPath);
      throw error;
    }
    return new ReadModelLock(db);
  }

  release(): void {
    if (!this.db.open) return;
    this.db.exec('ROLLBACK');
    this.db.close();
  }
}
