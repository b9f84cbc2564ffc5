import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { DecodedEvent, EventCatalogue } from '../../services/core/catalogue.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import type { Position } from '../../services/core/position.ts';
import { rawLogRowReader, toStoredEvent, type EventRow } from '../../services/eventstore/sqlite/log-rows.ts';
import type { BulkFailure } from './bulk-catch-up.ts';
import { prepareEvent, type PreparedEvent } from './prepared-event.ts';
import type { Projection } from './projection.ts';

/*
 * A bulk catch-up on two threads: one reads the log and prepares each event (decodes it
 * against its schema, and works out what projections precompute, the Merkle leaf hash), the
 * other folds and writes. They share a few counters in shared memory, so the thread that
 * writes takes each piece synchronously, inside its batch's transaction, and the reader stays
 * at most a few pieces ahead.
 */

/** Slots of the shared counters. */
const PRODUCED = 0;
const CONSUMED = 1;
/** Set by the writing thread when it wants no more pieces (done, stopped or failed). */
const CLOSED = 2;
/** Set by the thread that started the reader once it has exited, however it ended. */
const READER_EXITED = 3;
const SLOTS = 4;

/** No JSON text is empty, so the empty string can say "decoded as stored". */
const AS_STORED = '';

/** Pieces the reader may post before the writing thread has taken them. */
const PIECES_AHEAD = 4;
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

/** Many byte strings in one buffer: one copy across threads, not one object each. */
export interface PackedBytes {
  readonly bytes: Uint8Array;
  /** Entry i spans bytes bounds[i] to bounds[i + 1]. */
  readonly bounds: Int32Array;
  /** 1 where an entry is undefined (no bytes), not empty. */
  readonly absent: Uint8Array;
}

/** What the reader posts, in log order. */
export type ReadAheadMessage =
  | {
      readonly kind: 'events';
      /** The rows as stored: their text crosses as one copy, and the writing thread parses it once. */
      readonly rows: readonly EventRow[];
      /**
       * Each event's decoding: AS_STORED when its data and metadata decode to what is stored (as
       * the register's own events do), else as JSON text ({ type, data, metadata }); null for a
       * type this version does not know.
       */
      readonly decoded: readonly (string | null)[];
      /** By projection: what its `precompute` gave for each event. */
      readonly precomputed: readonly PackedBytes[];
    }
  | { readonly kind: 'end' }
  | { readonly kind: 'failed'; readonly failure: BulkFailure };

export function pack(values: readonly (Uint8Array | undefined)[]): PackedBytes {
  const bounds = new Int32Array(values.length + 1);
  const absent = new Uint8Array(values.length);
  values.forEach((value, index) => {
    bounds[index + 1] = bounds[index]! + (value?.byteLength ?? 0);
    if (value === undefined) absent[index] = 1;
  });
  const bytes = new Uint8Array(bounds[values.length]!);
  values.forEach((value, index) => {
    if (value) bytes.set(value, bounds[index]);
  });
  return { bytes, bounds, absent };
}

export function unpack({ bytes, bounds, absent }: PackedBytes, index: number): Uint8Array | undefined {
  return absent[index] ? undefined : bytes.subarray(bounds[index], bounds[index + 1]);
}

export interface ReaderOptions {
  readonly storeFile: string;
  readonly port: MessagePort;
  readonly slots: Int32Array;
  readonly catalogue: EventCatalogue;
  readonly projections: readonly Projection[];
  /** Events per piece. */
  readonly piece: number;
  readonly describe: (error: unknown) => BulkFailure;
}

/**
 * The reader's loop: from the position the writing thread sends first, reads and prepares the
 * log piece by piece until it is empty, then posts 'end'. A failure to read or a stored event
 * failing its schema is posted after the events before it, as 'failed'.
 */
export async function runLogReader(options: ReaderOptions): Promise<void> {
  const { port, slots } = options;
  const start = await new Promise<Position | undefined>((resolve) => {
    port.once('message', (message: { after: Position | undefined }) => resolve(message.after));
  });
  // Nothing more comes this way; a port listened to would keep the thread alive.
  port.unref();
  const post = (message: ReadAheadMessage, transfer: ArrayBuffer[] = []) => {
    port.postMessage(message, transfer);
    Atomics.add(slots, PRODUCED, 1);
    Atomics.notify(slots, PRODUCED);
  };
  let log: Database.Database | undefined;
  try {
    log = new Database(options.storeFile, { readonly: true, fileMustExist: true });
    log.defaultSafeIntegers(true);
    log.pragma('busy_timeout = 5000');
    const read = rawLogRowReader(log);
    let after = start;
    while (Atomics.load(slots, CLOSED) === 0) {
      const rows = read(after, options.piece);
      if (rows.length === 0) {
        post({ kind: 'end' });
        return;
      }
      const prepared: PreparedEvent[] = [];
      let failure: { error: unknown } | undefined;
      for (const row of rows) {
        try {
          prepared.push(prepareEvent(toStoredEvent(row), options.catalogue, options.projections));
        } catch (error) {
          failure = { error };
          break;
        }
      }
      if (prepared.length > 0) postPiece(post, rows.slice(0, prepared.length), prepared, options.projections.length);
      if (failure) {
        post({ kind: 'failed', failure: options.describe(failure.error) });
        return;
      }
      after = prepared[prepared.length - 1]!.event.position;
      waitForRoom(slots);
    }
  } catch (error) {
    post({ kind: 'failed', failure: options.describe(error) });
  } finally {
    log?.close();
  }
}

function postPiece(
  post: (message: ReadAheadMessage, transfer: ArrayBuffer[]) => void,
  rows: readonly EventRow[],
  prepared: readonly PreparedEvent[],
  projections: number,
): void {
  const decoded = prepared.map(({ decoded }, index) => {
    if (decoded === undefined) return null;
    const [, , , , , data, metadata] = rows[index]!;
    // The writer then parses the stored text alone, once, instead of it and the decoding.
    if (JSON.stringify(decoded.data) === data && JSON.stringify(decoded.metadata) === metadata) return AS_STORED;
    return JSON.stringify(decoded);
  });
  const precomputed: PackedBytes[] = [];
  for (let index = 0; index < projections; index++) precomputed.push(pack(prepared.map((p) => p.precomputed[index])));
  post(
    { kind: 'events', rows, decoded, precomputed },
    precomputed.flatMap(({ bytes, bounds, absent }) => [bytes.buffer, bounds.buffer, absent.buffer] as ArrayBuffer[]),
  );
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
  start(after: Position | undefined): void {
    this.port.postMessage({ after });
  }

  /**
   * The next piece of prepared events; empty once the reader reached the end of the log. Throws
   * the reader's failure (as the writing thread would have met it) in its place in the log.
   */
  next(): { prepared: PreparedEvent[] } | { failure: BulkFailure } {
    if (this.ended) return { prepared: [] };
    const message = this.take();
    switch (message.kind) {
      case 'events':
        return { prepared: unpackPiece(message) };
      case 'end':
        this.ended = true;
        return { prepared: [] };
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

function unpackPiece(message: Extract<ReadAheadMessage, { kind: 'events' }>): PreparedEvent[] {
  return message.rows.map((row, index) => {
    const text = message.decoded[index]!;
    const event = toStoredEvent(row);
    return {
      event,
      decoded: decodedFrom(text, event),
      // AS_STORED: the reader found JSON.stringify of the decoded data to be this very text.
      decodedDataJson: text === AS_STORED ? row[5] : undefined,
      precomputed: message.precomputed.map((packed) => unpack(packed, index)),
    };
  });
}

function decodedFrom(text: string | null, event: StoredEvent): DecodedEvent | undefined {
  if (text === null) return undefined;
  // Shared with the event itself: projections read both and change neither.
  if (text === AS_STORED) return { type: event.type, data: event.data, metadata: event.metadata as DecodedEvent['metadata'] };
  return JSON.parse(text) as DecodedEvent;
}
