// A worker thread's entry (bulk-catch-up.ts starts it): catches one read model file up with an
// embedded store's log, one transaction per batch, and tells the thread that started it of
// every commit. It stops at the end of the log, or after the batch under way when asked to.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Position } from '../../services/core/position.ts';
import { logRowReader, type ReadRows } from '../../services/eventstore/sqlite/log-rows.ts';
import { createRegisterItems } from '../../services/items.ts';
import { registerProjections } from '../../services/register-projections.ts';
import { openReadModelDatabase } from '../read-model/database.ts';
import { isNews, type BulkFailure, type BulkJob, type BulkMessage, type BulkProgress } from './bulk-catch-up.ts';
import { ProjectionEngine, type Logger } from './engine.ts';
import type { AppliedChange } from './projection.ts';

const port = parentPort;
if (!port) throw new Error('bulk-worker.ts runs as a worker thread (see bulk-catch-up.ts)');
const job = workerData as BulkJob;
const send = (message: BulkMessage) => port.postMessage(message);

let stopRequested = false;
port.on('message', (message) => {
  if (message === 'stop') stopRequested = true;
});
// Listening for a stop must not keep the thread alive once the catch-up is over.
port.unref();

/**
 * On a machine with few cores the catch-up would take a core from the thread answering
 * requests as often as not: this thread yields to it (a lower priority for itself alone, which
 * Linux gives a thread by its own id). Elsewhere it runs as it is.
 */
function yieldTheCpuToRequests(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, CATCH_UP_NICENESS);
  } catch {
    // No /proc (not Linux), or a priority this process may not set: the catch-up runs as it is.
  }
}
const CATCH_UP_NICENESS = 19;
yieldTheCpuToRequests();

const logger: Logger = {
  info: (message) => send({ kind: 'log', level: 'info', message }),
  warn: (message) => send({ kind: 'log', level: 'warn', message }),
  error: (message) => send({ kind: 'log', level: 'error', message }),
};

function describe(error: unknown): BulkFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, where } = error as { code?: unknown; where?: BulkFailure['where'] };
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(where ? { where } : {}) };
}

/** Events read (and parsed) at a time within a batch: the batch's events need not all be alive at once. */
const PIECE = 500;

/**
 * Applies and commits up to one batch of the log after the engine's checkpoint, read in pieces
 * that are dropped once applied: what stays alive until the commit is a few ids per event.
 */
function commitBatch(engine: ProjectionEngine, read: ReadRows): Omit<BulkProgress, 'seq'> {
  const applied: { id: string; position: Position }[] = [];
  const changes: AppliedChange[] = [];
  let after = engine.checkpoint.position;
  engine.openBatch();
  try {
    while (applied.length < job.batchSize) {
      const piece = read(after, Math.min(PIECE, job.batchSize - applied.length));
      if (piece.length === 0) break;
      for (const change of engine.apply(piece)) if (isNews(job.notify, change)) changes.push(change);
      for (const { id, position } of piece) applied.push({ id, position });
      after = piece[piece.length - 1]!.position;
      if (piece.length < PIECE) break;
    }
    engine.commitBatch();
  } catch (error) {
    engine.rollbackBatch();
    throw error;
  }
  return { applied, changes };
}

async function catchUp(): Promise<void> {
  const log = new Database(job.storeFile, { readonly: true, fileMustExist: true });
  const { db } = openReadModelDatabase({ path: job.readModelPath });
  try {
    log.defaultSafeIntegers(true);
    log.pragma('busy_timeout = 5000');
    if (job.replacement) db.pragma('synchronous = OFF');
    const read = logRowReader(log);
    const engine = new ProjectionEngine(db, job.runnerName, registerProjections, createRegisterItems(), logger, job.identity);
    while (!stopRequested) {
      const committed = commitBatch(engine, read);
      if (committed.applied.length === 0) break;
      send({ kind: 'progress', seq: engine.checkpoint.seq, ...committed });
      // Lets a request to stop arrive between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    db.close();
    log.close();
  }
}

// Ending the thread says the catch-up is over; a failure is sent first.
try {
  await catchUp();
} catch (error) {
  send({ kind: 'failed', failure: describe(error) });
}
