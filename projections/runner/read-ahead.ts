import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { StoredEvent } from '../../services/core/event-store.ts';
import type { Position } from '../../services/core/position.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { rawLogRowReader, toStoredEvent } from '../../services/eventstore/sqlite/log-rows.ts';
import { openReadModelReader } from '../read-model/database.ts';
import type { BulkFailure } from './bulk-catch-up.ts';
import { EventFolder } from './event-folder.ts';
import type { FoldedPiece } from './folded-piece.ts';
import { pack, packedBuffers } from './packed-bytes.ts';
import { isPreparing, writeChannels, type AppliedChange, type Projection, type SqlValue, type Write } from './projection.ts';

/*
 * A bulk catch-up on two threads: one reads the log and folds it (decodes each event against
 * its schema, and runs the fold of every projection that needs the whole event, keeping what
 * it writes; of the others it only prepares each event), the other runs those writes, folds
 * what was prepared, and commits it all with the checkpoint. They share a few counters in shared memory, so
 * the thread that writes takes each piece synchronously, inside its batch's transaction, and
 * the reader stays at most a few pieces ahead. The folds start from the read model as
 * committed when the reader starts, and carry their state from then on: nothing else writes
 * to the file while the catch-up runs.
 */

/** Slots of the shared counters. */
const PRODUCED = 0;
const CONSUMED = 1;
/** Set by the writing thread when it wants no more pieces (done, stopped or failed). */
const CLOSED = 2;
/** Set by the thread that started the reader once it has exited, however it ended. */
const READER_EXITED = 3;
const SLOTS = 4;

/**
 * Pieces the reader may post before the writing thread has taken them: enough for the reader
 * to go on folding while a commit of the writer's waits on the disk (up to 130-180 ms on a
 * 1M-event catch-up here); with 4 it stopped for them.
 */
const PIECES_AHEAD = 16;
/** How long a thread waits for the other before it looks at the flags again. */
const WAIT_MS = 1_000;

export function readAheadSlots(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
}

/** The reader thread has exited: wakes the writing thread if it is waiting for a piece. */
export function markReaderExited(slots: Int32Array): void {
  Atomics.store(slots, READER_EXITED, 1);
  Atomics.notify(slots, PRODUCED);
}

/** What the reader posts, in log order. */
export type ReadAheadMessage =
  | { readonly kind: 'piece'; readonly piece: FoldedPiece }
  | { readonly kind: 'end' }
  | { readonly kind: 'failed'; readonly failure: BulkFailure };

/** Where the reader begins: after the read model's checkpoint, numbering from the seq after it. */
export interface ReadAheadStart {
  readonly after: Position | undefined;
  readonly seq: number;
}

export interface ReaderOptions {
  readonly storeFile: string;
  readonly readModelPath: string;
  readonly port: MessagePort;
  readonly slots: Int32Array;
  readonly registry: ItemRegistry;
  readonly projections: readonly Projection[];
  /** Events per piece at most. */
  readonly piece: number;
  /** Events per batch (transaction): the folds flush at the end of each. */
  readonly batchSize: number;
  /** Which item changes the writing thread reports to listeners. */
  readonly keep: (change: AppliedChange) => boolean;
  readonly describe: (error: unknown) => BulkFailure;
}

/**
 * The reader's loop: from where the writing thread says, reads and folds the log piece by
 * piece, each cut at its batch's end, until it is empty, then posts 'end'. A failure to read,
 * or a stored event failing its schema, is posted after the pieces before it, as 'failed': the
 * writing thread then drops the batch under way, as the runner would.
 */
export async function runLogReader(options: ReaderOptions): Promise<void> {
  const { port, slots } = options;
  const start = await new Promise<ReadAheadStart>((resolve) => {
    port.once('message', (message: ReadAheadStart) => resolve(message));
  });
  // Nothing more comes this way; a port listened to would keep the thread alive.
  port.unref();
  const post = (message: ReadAheadMessage) => {
    port.postMessage(message, message.kind === 'piece' ? packedBuffers(message.piece.prepared) : []);
    Atomics.add(slots, PRODUCED, 1);
    Atomics.notify(slots, PRODUCED);
  };
  let log: Database.Database | undefined;
  let readModel: Database.Database | undefined;
  try {
    log = new Database(options.storeFile, { readonly: true, fileMustExist: true });
    log.defaultSafeIntegers(true);
    log.pragma('busy_timeout = 5000');
    readModel = openReadModelReader(options.readModelPath);
    const read = rawLogRowReader(log);
    const folding = new PieceFolding(readModel, options, start.seq);
    let after = start.after;
    while (Atomics.load(slots, CLOSED) === 0) {
      const rows = read(after, Math.min(options.piece, options.batchSize - folding.inBatch));
      if (rows.length === 0) {
        if (folding.inBatch > 0) post({ kind: 'piece', piece: folding.take(true) });
        post({ kind: 'end' });
        return;
      }
      for (const row of rows) folding.fold(toStoredEvent(row));
      after = folding.lastPosition;
      post({ kind: 'piece', piece: folding.take(folding.inBatch === options.batchSize) });
      waitForRoom(slots);
    }
  } catch (error) {
    post({ kind: 'failed', failure: options.describe(error) });
  } finally {
    log?.close();
    readModel?.close();
  }
}

/** The folds of a bulk catch-up's reader, and the piece they are writing. */
class PieceFolding {
  private readonly folder: EventFolder;
  private readonly channels: number;
  private readonly preparing: number;
  private writes: SqlValue[][][];
  private prepared: (Uint8Array | undefined)[][];
  private ids: string[] = [];
  private positions: Position[] = [];
  private changes: AppliedChange[] = [];
  /** One event's changes before `keep` sorts them: reused, since most are not kept. */
  private readonly eventChanges: AppliedChange[] = [];
  private warnings: string[] = [];
  private firstSeq: number;
  /** Events folded since the last batch ended. */
  inBatch = 0;

  constructor(
    readModel: Database.Database,
    private readonly options: ReaderOptions,
    private seq: number,
  ) {
    const channels = writeChannels(options.projections);
    this.channels = channels.length;
    this.writes = this.noWrites();
    this.preparing = options.projections.filter(isPreparing).length;
    this.prepared = this.nothingPrepared();
    this.firstSeq = seq + 1;
    const keptWrites = (projection: number): Record<string, Write> =>
      Object.fromEntries(
        channels.flatMap(({ projection: owner, statement }, channel) => {
          if (owner !== projection) return [];
          const write: Write = (...params) => {
            this.writes[channel]!.push(params);
          };
          return [[statement, write]];
        }),
      );
    this.folder = new EventFolder(
      readModel,
      options.projections,
      keptWrites,
      options.registry,
      (message) => this.warnings.push(message),
      (index, prepared) => this.prepared[index]!.push(prepared),
    );
  }

  get lastPosition(): Position {
    return this.positions.at(-1)!;
  }

  fold(event: StoredEvent): void {
    const changes = this.eventChanges;
    changes.length = 0;
    this.folder.apply(++this.seq, event, changes);
    for (const change of changes) if (this.options.keep(change)) this.changes.push(change);
    this.ids.push(event.id);
    this.positions.push(event.position);
    this.inBatch++;
  }

  /** The piece folded since the last one, its batch's writes flushed when it ends the batch. */
  take(endsBatch: boolean): FoldedPiece {
    if (endsBatch) {
      this.folder.flush();
      this.inBatch = 0;
    }
    const piece = {
      firstSeq: this.firstSeq,
      ids: this.ids,
      positions: this.positions,
      writes: this.writes,
      prepared: this.prepared.map(pack),
      changes: this.changes,
      endsBatch,
      warnings: this.warnings,
    };
    this.firstSeq = this.seq + 1;
    this.writes = this.noWrites();
    this.prepared = this.nothingPrepared();
    this.ids = [];
    this.positions = [];
    this.changes = [];
    this.warnings = [];
    return piece;
  }

  private noWrites(): SqlValue[][][] {
    return Array.from({ length: this.channels }, () => []);
  }

  private nothingPrepared(): (Uint8Array | undefined)[][] {
    return Array.from({ length: this.preparing }, () => []);
  }
}

function waitForRoom(slots: Int32Array): void {
  for (;;) {
    const consumed = Atomics.load(slots, CONSUMED);
    if (Atomics.load(slots, PRODUCED) - consumed < PIECES_AHEAD || Atomics.load(slots, CLOSED) !== 0) return;
    Atomics.wait(slots, CONSUMED, consumed, WAIT_MS);
  }
}

/** The writing thread's side: takes the reader's pieces in order, waiting for each. */
export class LogReadAhead {
  private ended = false;

  constructor(
    private readonly port: MessagePort,
    private readonly slots: Int32Array,
  ) {}

  /** Tells the reader where to begin: after the read model's checkpoint. */
  start(start: ReadAheadStart): void {
    this.port.postMessage(start);
  }

  /**
   * The next folded piece; undefined once the reader reached the end of the log. The reader's
   * failure comes in its place in the log.
   */
  next(): { piece: FoldedPiece | undefined } | { failure: BulkFailure } {
    if (this.ended) return { piece: undefined };
    const message = this.take();
    switch (message.kind) {
      case 'piece':
        return { piece: message.piece };
      case 'end':
        this.ended = true;
        return { piece: undefined };
      case 'failed':
        this.ended = true;
        return { failure: message.failure };
      default: {
        const unknown: never = message;
        throw new Error(`unknown message from the log reader thread: ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** No more pieces are wanted: the reader stops at the next one. */
  close(): void {
    Atomics.store(this.slots, CLOSED, 1);
    Atomics.notify(this.slots, CONSUMED);
  }

  private take(): ReadAheadMessage {
    for (;;) {
      const produced = Atomics.load(this.slots, PRODUCED);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        Atomics.add(this.slots, CONSUMED, 1);
        Atomics.notify(this.slots, CONSUMED);
        return received.message as ReadAheadMessage;
      }
      if (Atomics.load(this.slots, READER_EXITED) !== 0) {
        const last = receiveMessageOnPort(this.port);
        if (last) return last.message as ReadAheadMessage;
        throw new Error('the thread reading the log ahead of the catch-up stopped before the end of the log');
      }
      Atomics.wait(this.slots, PRODUCED, produced, WAIT_MS);
    }
  }
}
