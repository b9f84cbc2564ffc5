import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints of the WAL into the database file, synced, each on a connection of its own in a
 * worker thread: copying tens of megabytes and waiting for the disk would otherwise hold the
 * event loop (as SQLite's own autocheckpoint does, inside the commit that crosses its limit).
 * TRUNCATE leaves the WAL empty, so the connection that wrote it closes quickly; PASSIVE copies
 * what it can while that connection goes on writing.
 */
const CHECKPOINTS = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
parentPort.on('message', ({ id, path, mode }) => {
  let db;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 5000 });
    db.pragma('synchronous = FULL');
    const [row] = db.pragma('wal_checkpoint(' + mode + ')');
    parentPort.postMessage({ id, problem: row && row.busy && mode === 'TRUNCATE' ? 'the checkpoint was blocked by another connection' : null });
  } catch (error) {
    parentPort.postMessage({ id, problem: error.message + (error.code ? ' (' + error.code + ')' : '') });
  } finally {
    if (db) db.close();
  }
});
`;

export type CheckpointMode = 'PASSIVE' | 'TRUNCATE';

interface Pending {
  readonly path: string;
  resolve(): void;
  reject(error: Error): void;
}

interface Answer {
  readonly id: number;
  readonly problem: string | null;
}

/**
 * One worker thread, started on the first checkpoint and kept for the next ones: starting a
 * thread costs tens of milliseconds of CPU, and a catch-up checkpoints several times a second.
 * A worker that dies fails what it had been asked and is started again for the next request.
 * The worker does not keep the process alive.
 */
export class CheckpointWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Checkpoints the WAL of the database at `path` and syncs it. For TRUNCATE the caller's own connection must not be writing meanwhile. */
  checkpoint(path: string, mode: CheckpointMode = 'TRUNCATE'): Promise<void> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { path, resolve, reject });
      worker.postMessage({ id, path, mode });
    });
  }

  /** Stops the thread; a checkpoint still running fails (the next open checkpoints the WAL anyway). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll(new Error('the checkpoint worker was closed'));
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(CHECKPOINTS, { eval: true, workerData: { driver } });
    worker.unref();
    worker.on('message', ({ id, problem }: Answer) => {
      const request = this.pending.get(id);
      if (!request) return;
      this.pending.delete(id);
      if (problem) request.reject(new Error(`checkpoint of ${request.path}: ${problem}`));
      else request.resolve();
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the checkpoint worker stopped (exit code ${code})`)));
    return worker;
  }

  private failAll(error: Error): void {
    const requests = [...this.pending.values()];
    this.pending.clear();
    for (const request of requests) request.reject(error);
  }
}
