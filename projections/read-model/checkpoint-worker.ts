import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A checkpoint of the WAL into the database file, synced, on a connection of its own in a
 * worker thread: copying tens of megabytes and waiting for the disk would otherwise hold the
 * event loop (as SQLite's own autocheckpoint does, inside the commit that crosses its limit).
 * TRUNCATE leaves the WAL empty, so the connection that wrote it closes quickly; PASSIVE copies
 * what it can while that connection goes on writing.
 */
const CHECKPOINT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true, timeout: 5000 });
  db.pragma('synchronous = FULL');
  const [row] = db.pragma('wal_checkpoint(' + workerData.mode + ')');
  parentPort.postMessage(row && row.busy && workerData.mode === 'TRUNCATE' ? 'the checkpoint was blocked by another connection' : null);
} catch (error) {
  parentPort.postMessage(error.message + (error.code ? ' (' + error.code + ')' : ''));
} finally {
  if (db) db.close();
}
`;

/**
 * Checkpoints the WAL of the database at `path` and syncs it, off the event loop. For TRUNCATE
 * the caller's own connection must not be writing meanwhile (a rebuild's replacement, between
 * batches); PASSIVE runs beside the writer. The worker does not keep the process alive.
 */
export function checkpointInWorker(path: string, mode: 'PASSIVE' | 'TRUNCATE' = 'TRUNCATE'): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINT, { eval: true, workerData: { path, driver, mode } });
  worker.unref();
  return new Promise<void>((resolve, reject) => {
    worker.once('message', (problem: string | null) => (problem ? reject(new Error(`checkpoint of ${path}: ${problem}`)) : resolve()));
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
}
