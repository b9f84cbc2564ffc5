// A worker thread's entry (bulk-catch-up.ts starts it twice): as the reader, it reads an embedded
// store's log and folds it into the read model's projections (read-ahead.ts); as the writer, it
// runs what the folds wrote into one read model file, one transaction per batch, and tells the
// thread that started it of every commit; it stops at the end of the log, or after the batch
// under way when asked to.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Position } from '../../services/core/position.ts';
import { createRegisterItems } from '../../services/items.ts';
import { registerProjections } from '../../services/register-projections.ts';
import { openReadModelDatabase } from '../read-model/database.ts';
import { describeFailure, failureFromWorker, isNews, type BulkMessage, type BulkProgress, type BulkWorkerData } from './bulk-catch-up.ts';
import { ProjectionEngine, type Logger } from './engine.ts';
import type { AppliedChange } from './projection.ts';
import { LogReadAhead, runLogReader } from './read-ahead.ts';

const port = parentPort;
if (!port) throw new Error('bulk-worker.ts runs as a worker thread (see bulk-catch-up.ts)');
const data = workerData as BulkWorkerData;
const { job } = data;
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

/** Events the reader folds and posts at a time: a batch's writes need not all be alive at once. */
const PIECE = 500;

/**
 * Runs and commits up to one batch of the log after the engine's checkpoint, as the reader
 * folded it, piece by piece (each dropped once run): what stays alive until the commit is a few
 * ids per event.
 */
function commitBatch(engine: ProjectionEngine, readAhead: LogReadAhead): Omit<BulkProgress, 'seq'> {
  const applied: { id: string; position: Position }[] = [];
  const changes: AppliedChange[] = [];
  engine.openBatch();
  try {
    for (;;) {
      const next = readAhead.next();
      if ('failure' in next) throw failureFromWorker(next.failure);
      const { piece } = next;
      if (piece === undefined) {
        // The reader ends every batch it began before it ends: a batch cut short would lack its flush.
        if (applied.length > 0) throw new Error('the thread reading the log ended inside a batch');
        break;
      }
      for (const warning of piece.warnings) logger.warn(warning);
      engine.applyFolded(piece);
      for (const change of piece.changes) changes.push(change);
      piece.ids.forEach((id, index) => applied.push({ id, position: piece.positions[index]! }));
      if (piece.endsBatch) break;
    }
    engine.commitBatch();
  } catch (error) {
    engine.rollbackBatch();
    throw error;
  }
  return { applied, changes };
}

async function catchUp(readAhead: LogReadAhead): Promise<void> {
  const { db } = openReadModelDatabase({ path: job.readModelPath });
  try {
    if (job.replacement) db.pragma('synchronous = OFF');
    const engine = new ProjectionEngine(db, job.runnerName, registerProjections, createRegisterItems(), logger, job.identity);
    readAhead.start({ after: engine.checkpoint.position, seq: engine.checkpoint.seq });
    while (!stopRequested) {
      const committed = commitBatch(engine, readAhead);
      if (committed.applied.length === 0) break;
      send({ kind: 'progress', seq: engine.checkpoint.seq, ...committed });
      // Lets a request to stop arrive between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    readAhead.close();
    db.close();
  }
}

// Ending the thread says the catch-up is over; a failure is sent first.
if (data.role === 'reader') {
  await runLogReader({
    storeFile: job.storeFile,
    readModelPath: job.readModelPath,
    port: data.readAhead.port,
    slots: data.readAhead.slots,
    registry: createRegisterItems(),
    projections: registerProjections,
    piece: PIECE,
    batchSize: job.batchSize,
    keep: (change) => isNews(job.notify, change),
    describe: describeFailure,
  });
} else {
  try {
    await catchUp(new LogReadAhead(data.readAhead.port, data.readAhead.slots));
  } catch (error) {
    send({ kind: 'failed', failure: describeFailure(error) });
  }
}
