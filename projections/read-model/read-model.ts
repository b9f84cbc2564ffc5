import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { CheckpointWorker } from './checkpoint-worker.ts';
import { openReadModelDatabase, openReadModelReader, type ReadModelDatabase } from './database.ts';
import { ReadModelLock, type ReadModelOpener } from './lock.ts';
import { checkPagesInBackground, readModelFileProblem, setAside, type PageCheck } from './soundness.ts';

export interface ReadModelOptions {
  /** Told when a damaged file is set aside. */
  readonly warn?: (message: string) => void;
  /** Open even while another process holds the lock (`ccag rebuild --force`). */
  readonly ignoreLock?: boolean;
  /** Who opens it, so a refusal says what that opener can do (default: a server). */
  readonly opener?: ReadModelOpener;
  readonly now?: () => Date;
  /**
   * Read every page (quick_check, seconds for a large file) in a worker thread after opening,
   * rather than before: the server listens at once, and the runner waits for the check
   * (`settle`) before it follows the log. Default: before opening.
   */
  readonly checkPagesInBackground?: boolean;
}

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
  private reader: ReadModelDatabase | undefined;
  readonly fresh: boolean;
  private readonly lock: ReadModelLock | undefined;
  private readonly now: () => Date;
  private readonly warn: (message: string) => void;
  private pageCheck: PageCheck | undefined;
  private walBytesAtCheckpoint = 0;
  private readonly checkpoints = new CheckpointWorker();

  /**
   * Opens the read model at `path`, holding its lock (a file beside it) while open. A file
   * that is not a sound read model is set aside for inspection and a new one is started; the
   * runner then builds it from the log.
   */
  constructor(
    readonly path: string,
    options: ReadModelOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.warn = options.warn ?? (() => undefined);
    this.lock = path === ':memory:' || options.ignoreLock ? undefined : ReadModel.lockFor(path, options.opener);
    try {
      if (this.lock) removeLeftReplaced(path);
      const inBackground = options.checkPagesInBackground ?? false;
      const problem = path === ':memory:' ? undefined : readModelFileProblem(path, { pages: !inBackground });
      if (problem) this.setAsideUnusable(problem);
      const { db, fresh } = inBackground ? this.openOrSetAside() : openReadModelDatabase({ path });
      this.current = this.checkpointsOffTheLoop(db);
      this.fresh = fresh;
      if (inBackground && !fresh && !this.inMemory) this.pageCheck = checkPagesInBackground(path);
    } catch (error) {
      this.lock?.release();
      throw error;
    }
  }

  /** Opening reads the pages it needs; one of them damaged is found here rather than by the background check. */
  private openOrSetAside(): ReturnType<typeof openReadModelDatabase> {
    try {
      return openReadModelDatabase({ path: this.path });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_CORRUPT') && !code.startsWith('SQLITE_NOTADB')) throw error;
      this.setAsideUnusable(`${(error as Error).message} (${code})`);
      return openReadModelDatabase({ path: this.path });
    }
  }

  private setAsideUnusable(problem: string): void {
    const aside = setAside(this.path, this.now());
    this.warn(`the read model ${this.path} cannot be used (${problem}); kept it as ${aside} and rebuilding from the log`);
  }

  /**
   * Waits for the background check of every page, if one runs. A damaged file is then set
   * aside like one found at open, and an empty database takes its place: returns true, and the
   * runner builds it from the log. Nothing but reads touched the file meanwhile.
   */
  async settle(): Promise<boolean> {
    const check = this.pageCheck;
    if (!check) return false;
    const problem = await check.problem;
    this.pageCheck = undefined;
    if (problem === undefined || !this.current.open) return false;
    this.closeReader();
    this.current.close();
    this.setAsideUnusable(problem);
    this.current = this.checkpointsOffTheLoop(openReadModelDatabase({ path: this.path }).db);
    return true;
  }

  /**
   * SQLite checkpoints a WAL that has grown past its limit inside the commit that crossed it:
   * tens of megabytes copied (and synced) on the event loop. The read model's writers turn that
   * off and checkpoint in a worker instead, between batches (keepWalShort, flushReplacement).
   */
  private checkpointsOffTheLoop(db: ReadModelDatabase): ReadModelDatabase {
    if (this.inMemory) return db;
    db.pragma('wal_autocheckpoint = 0');
    db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    return db;
  }

  /**
   * Called by the writer between batches, while it writes nothing: once the WAL of the live model
   * (or of `replacement`) has grown by WAL_CHECKPOINT_BYTES, it is checkpointed in a worker. The
   * writer waits for that (queries go on meanwhile): a checkpoint racing further writes would
   * never catch up with them, and the WAL would grow for a whole catch-up. The live model's is
   * PASSIVE, never waiting for a reader in another process; its next write then restarts the WAL
   * and cuts the file back to WAL_KEPT_BYTES, which is how growth is seen again.
   */
  async keepWalShort(replacement?: Replacement): Promise<void> {
    if (replacement) {
      if (replacement.path !== ':memory:' && walBytes(replacement.path) >= WAL_CHECKPOINT_BYTES) await this.flushReplacement(replacement);
      return;
    }
    if (this.inMemory) return;
    const size = walBytes(this.path);
    // Smaller than at the last checkpoint: the WAL was restarted and cut back since.
    if (size < this.walBytesAtCheckpoint) this.walBytesAtCheckpoint = 0;
    if (size - this.walBytesAtCheckpoint < WAL_CHECKPOINT_BYTES) return;
    this.walBytesAtCheckpoint = size;
    try {
      await this.checkpoints.checkpoint(this.path, 'PASSIVE');
    } catch (error) {
      this.warn(
        `a checkpoint of the read model's WAL did not complete (the WAL is checkpointed when it has grown again): ${(error as Error).message}`,
      );
    }
  }

  private static lockFor(path: string, opener: ReadModelOpener | undefined): ReadModelLock {
    return ReadModelLock.acquire(`${path}.lock`, opener);
  }

  get db(): ReadModelDatabase {
    return this.current;
  }

  /**
   * A read-only connection to the current database, opened on first use, for reads at points
   * that can no longer change (version-lookup.ts holds a read transaction on it for a turn of
   * the event loop). Closed whenever the current database is; none for an in-memory model.
   */
  pastReader(): ReadModelDatabase | undefined {
    if (this.inMemory || !this.current.open) return undefined;
    this.reader ??= openReadModelReader(this.path);
    return this.reader;
  }

  private closeReader(): void {
    if (this.reader?.open) this.reader.close();
    this.reader = undefined;
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
    return { db: this.checkpointsOffTheLoop(db), path };
  }

  /**
   * Writes a replacement built so far to its file and syncs it, off the event loop (a checkpoint
   * in a worker thread), so that the synchronous swap after it has nothing left to copy or sync.
   */
  async flushReplacement(replacement: Replacement): Promise<void> {
    if (replacement.path === ':memory:') return;
    await this.checkpoints.checkpoint(replacement.path);
  }

  /**
   * Swaps a finished replacement in. Synchronous, so no query runs half-way through it, and
   * short: the replacement was checkpointed and synced beforehand (flushReplacement), and the old
   * files are moved out of the path before their connection closes, so SQLite does not copy their
   * WAL back into a file about to be deleted (it checkpoints on close only a file still in place);
   * deleting them happens on the thread pool. With `keepOld` the old files are set aside for
   * inspection instead; returns where they went.
   */
  swapIn(replacement: Replacement, options: { keepOld?: boolean } = {}): string | undefined {
    if (this.inMemory) {
      const old = this.current;
      this.current = replacement.db;
      old.close();
      return undefined;
    }
    // From here on it is the live model. Anything written since the flush is synced here.
    replacement.db.pragma('synchronous = NORMAL');
    const [checkpoint] = replacement.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    // Only the database file is renamed: a WAL still holding pages would leave them behind.
    if (checkpoint?.busy) throw new Error(`the rebuilt read model ${replacement.path} could not be checkpointed before the swap`);
    replacement.db.close();
    this.closeReader();
    const old = this.current;
    const aside = options.keepOld ? setAside(this.path, this.now()) : undefined;
    const discarded = aside ?? moveOutOfTheWay(this.path);
    renameSync(replacement.path, this.path);
    this.current = this.checkpointsOffTheLoop(openReadModelDatabase({ path: this.path }).db);
    relaxSync(old);
    old.close();
    if (!aside) void removeDatabaseFilesLater(discarded);
    return aside;
  }

  /** Closes and deletes a replacement that will not be swapped in (its rebuild failed). */
  discardReplacement(replacement: Replacement): void {
    if (replacement.db === this.current) return;
    if (replacement.db.open) replacement.db.close();
    if (replacement.path !== ':memory:') removeDatabaseFiles(replacement.path);
  }

  close(): void {
    void this.pageCheck?.stop();
    this.pageCheck = undefined;
    void this.checkpoints.close();
    this.closeReader();
    if (this.current.open) this.current.close();
    this.lock?.release();
  }
}

/** A WAL grown this much is checkpointed (SQLite's own default is 4 MB; the read model's writes come in bulk). */
const WAL_CHECKPOINT_BYTES = 16 * 1024 * 1024;
/** What a restarted WAL's file is cut back to. */
const WAL_KEPT_BYTES = 4 * 1024 * 1024;

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) rmSync(path + suffix);
  }
}

/** Renames a database's files to a name of their own, beside it; returns the new name. */
function moveOutOfTheWay(path: string): string {
  const moved = `${path}.replaced-${randomUUID()}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, moved + suffix);
  }
  return moved;
}

/**
 * A swap renames the old model to `<path>.replaced-<uuid>` and deletes it afterwards; a crash in
 * between leaves it, as large as a read model. Nothing ever reads one again: whoever holds the
 * lock at open removes them (at start, before anything is served). Set-aside damaged files
 * (`.corrupt-*`) are kept for inspection.
 */
function removeLeftReplaced(path: string): void {
  const prefix = `${basename(path)}.replaced-`;
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(path), name), { force: true });
  }
}

/** Unlinking a large file frees its blocks: done on libuv's thread pool, never on the event loop. */
async function removeDatabaseFilesLater(path: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(path + suffix, { force: true }).catch(() => undefined)));
}

function relaxSync(db: ReadModelDatabase): void {
  try {
    db.pragma('synchronous = OFF');
  } catch {
    // A damaged file may refuse even this; it is closed and set aside all the same.
  }
}
