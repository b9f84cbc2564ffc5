// A worker thread's entry (bulk-catch-up.ts starts it twice): as the writer, it catches one read
// model file up with an embedded store's log, one transaction per batch, and tells the thread
// that started it of every commit; it stops at the end of the log, or after the batch under way
// when asked to. As the reader, it reads and prepares the log for the writer (read-ahead.ts).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Position } from '../../services/core/position.ts';
import type { PreparedEvent } from './prepared-event.ts';
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

/** Events the reader reads, prepares and posts at a time: a batch's events need not all be alive at once. */
const PIECE = 500;

/**
 * Applies and commits up to one batch of the log after the engine's checkpoint, read in pieces
 * that are dropped once applied: what stays alive until the commit is a few ids per event.
 */
function commitBatch(engine: ProjectionEngine, pieces: Pieces): Omit<BulkProgress, 'seq'> {
  const applied: { id: string; position: Position }[] = [];
  const changes: AppliedChange[] = [];
  engine.openBatch();
  try {
    while (applied.length < job.batchSize) {
      const piece = pieces.take(job.batchSize - applied.length);
      if (piece.length === 0) break;
      for (const change of engine.applyPrepared(piece)) if (isNews(job.notify, change)) changes.push(change);
      for (const { event } of piece) applied.push({ id: event.id, position: event.position });
    }
    engine.commitBatch();
  } catch (error) {
    engine.rollbackBatch();
    throw error;
  }
  return { applied, changes };
}

/**
 * The reader's pieces, cut to the batch: a batch ends at its size even inside a piece, and
 * the rest of that piece opens the next one.
 */
class Pieces {
  private left: PreparedEvent[] = [];

  constructor(private readonly readAhead: LogReadAhead) {}

  take(most: number): PreparedEvent[] {
    if (this.left.length === 0) {
      const next = this.readAhead.next();
      if ('failure' in next) throw failureFromWorker(next.failure);
      this.left = next.prepared;
    }
    const piece = this.left.slice(0, most);
    this.left = this.left.slice(most);
    return piece;
  }
}

async function catchUp(readAhead: LogReadAhead): Promise<void> {
  const { db } = openReadModelDatabase({ path: job.readModelPath });
  try {
    if (job.replacement) db.pragma('synchronous = OFF');
    const engine = new ProjectionEngine(db, job.runnerName, registerProjections, createRegisterItems(), logger, job.identity);
    readAhead.start(engine.checkpoint.position);
    const pieces = new Pieces(readAhead);
    while (!stopRequested) {
      const committed = commitBatch(engine, pieces);
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
    port: data.readAhead.port,
    slots: data.readAhead.slots,
    catalogue: createRegisterItems().catalogue,
    projections: registerProjections,
    piece: PIECE,
    describe: describeFailure,
  });
} else {
  try {
    await catchUp(new LogReadAhead(data.readAhead.port, data.readAhead.slots));
  } catch (error) {
    send({ kind: 'failed', failure: describeFailure(error) });
  }
}
