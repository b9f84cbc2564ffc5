import Database from 'better-sqlite3';
import { RegisterError } from '../../services/core/errors.ts';

/** Who is opening the read model: what it can do about a holder differs. */
export type ReadModelOpener = 'server' | 'rebuild' | 'command';

const whatToDo: Record<ReadModelOpener, string> = {
  server: 'stop it first, or give this server another DATA_DIR',
  rebuild: 'stop it first, or pass --force to rebuild anyway',
  command: 'stop it first, or leave READ_MODEL unset so the command builds its own in memory',
};

/** Another process (a server, a rebuild) holds the read model; nothing was changed. */
export class ReadModelInUseError extends RegisterError {
  readonly code = 'CONFLICT' as const;
  constructor(
    readonly lockPath: string,
    opener: ReadModelOpener = 'server',
  ) {
    super(`the read model is in use by another process (a running server or rebuild holds ${lockPath}); ${whatToDo[opener]}`);
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

  static acquire(lockPath: string, opener: ReadModelOpener = 'server'): ReadModelLock {
    const db = new Database(lockPath, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new ReadModelInUseError(lockPath, opener);
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
