import Database from 'better-sqlite3';
import { ConcurrencyError, StorageFullError, ValidationError } from '../../core/errors.ts';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../core/event-store.ts';
import { ChunkPacer, yieldToEventLoop } from '../../core/chunk-pacer.ts';
import { positionOf, type Position } from '../../core/position.ts';
import { parseInput } from '../../core/validate.ts';
import { startCatchUpSubscription } from './catch-up-subscription.ts';
import { readInPieces } from './read-pieces.ts';
import { EVENT_COLUMNS, logRowReader, toStoredEvent, type EventRow } from './log-rows.ts';
import { encodeEvents, matchEarlierWrite, type EncodedEvent, type WrittenEvent } from './new-events.ts';
import { MAX_SQLITE_POSITION, sqliteStoreOptionsSchema, type SqliteStoreOptions } from './options.ts';
import { configureConnection, migrate, storedFirstPosition, storedStoreId } from './schema.ts';

export { sqliteStoreOptionsSchema, type SqliteStoreOptions } from './options.ts';

const DEFAULT_SUBSCRIPTION_BATCH = 1_000;
/** Turns of the event loop a group commit waits at most for more appends to join it. */
const MAX_LOOKS = 4;

/** An append waiting for the group commit, and how to answer its caller. */
interface QueuedAppend {
  readonly stream: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
  settle(outcome: AppendOutcome): void;
}

type AppendOutcome = { readonly ok: { readonly result: AppendResult; readonly wrote: boolean } } | { readonly error: Error };

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? String(expected) : expected;
}

/**
 * The embedded event store: one SQLite file in WAL mode. Appends are committed in groups, in
 * IMMEDIATE transactions, so writers in other processes on the same file queue on the write
 * lock instead of interleaving; with synchronous=FULL an acknowledged append is on disk.
 */
export function createSqliteEventStore(input: SqliteStoreOptions): EventStore {
  const options = parseInput(sqliteStoreOptionsSchema, input, ['options']);
  const db = new Database(options.path, { timeout: options.busyTimeoutMs });
  let firstPosition: bigint;
  let storeId: string;
  try {
    configureConnection(db, options);
    migrate(db, options.firstPosition);
    firstPosition = storedFirstPosition(db);
    storeId = storedStoreId(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    streamRevision: db.prepare<[string], bigint>('SELECT revision FROM streams WHERE stream = ?').pluck(),
    eventById: db.prepare<[string], WrittenEvent>('SELECT position, stream, revision, type, data, metadata FROM events WHERE id = ?'),
    positionAt: db.prepare<[string, number], bigint>('SELECT position FROM events WHERE stream = ? AND revision = ?').pluck(),
    head: db.prepare<[], { position: bigint; recorded_at: string }>(
      'SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1',
    ),
    upsertStream: db.prepare<[string, number]>(
      'INSERT INTO streams (stream, revision) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision',
    ),
    insertEvent: db.prepare<[bigint, string, number, string, string, string, string, string]>(
      `INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    streamForwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      )
      .raw(),
    streamBackwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(),
  };
  const readLog = logRowReader(db);

  const appendListeners = new Set<() => void>();
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let closing: Promise<void> | undefined;

  const assertOpen = () => {
    if (closed) throw new Error(`The event store ${options.path} is closed`);
  };

  /** One append, as a savepoint inside the group's transaction: a refusal undoes it alone. */
  const appendOne = db.transaction(
    (stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): { result: AppendResult; wrote: boolean } => {
      if (events.length > 0) {
        const existing = events.map((event) => statements.eventById.get(event.id));
        const earlier = matchEarlierWrite(stream, events, existing, expected);
        if (earlier) return { result: earlier, wrote: false };
      }
      const storedRevision = statements.streamRevision.get(stream);
      const current = storedRevision === undefined ? undefined : Number(storedRevision);
      const matches = expected === 'any' || (expected === 'no_stream' ? current === undefined : current === expected);
      if (!matches) {
        throw new ConcurrencyError(stream, describeExpected(expected), current === undefined ? 'no_stream' : String(current));
      }

      const head = statements.head.get();
      if (events.length === 0) {
        // Nothing written: answer with the stream's last event, or "before everything".
        const lastOfStream = current === undefined ? undefined : statements.positionAt.get(stream, current);
        const result = { nextExpectedRevision: current ?? -1, position: positionOf(lastOfStream ?? 0n) };
        return { result, wrote: false };
      }

      const nextPosition = head === undefined ? firstPosition : head.position + 1n;
      const lastPosition = nextPosition + BigInt(events.length - 1);
      if (lastPosition > MAX_SQLITE_POSITION) {
        throw new RangeError(`The event log is full: position ${lastPosition} is beyond SQLite's 64-bit integers`);
      }
      const now = options.clock().toISOString();
      // Clocks step backwards (NTP, VM migration); recordedAt must not.
      const recordedAt = head !== undefined && head.recorded_at > now ? head.recorded_at : now;
      const firstRevision = current === undefined ? 0 : current + 1;
      const lastRevision = firstRevision + events.length - 1;

      statements.upsertStream.run(stream, lastRevision);
      events.forEach((event, index) => {
        statements.insertEvent.run(
          nextPosition + BigInt(index),
          stream,
          firstRevision + index,
          event.id,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
      });
      return { result: { nextExpectedRevision: lastRevision, position: positionOf(lastPosition) }, wrote: true };
    },
  );

  /**
   * Group commit. better-sqlite3 is synchronous, so appends made while a group is open
   * (concurrent requests) queue up, and one IMMEDIATE transaction commits them all (see
   * lookBeforeFlush for when): one fsync for the group. Each append is checked at its own
   * expected revision in its own savepoint, so a refused one fails alone; every promise settles
   * only after COMMIT has returned, so nothing is acknowledged before it is durable.
   */
  let queued: QueuedAppend[] = [];
  let flushScheduled = false;

  const commitGroup = db.transaction((group: readonly QueuedAppend[]) =>
    group.map((append): AppendOutcome => {
      try {
        return { ok: appendOne(append.stream, append.events, append.expected) };
      } catch (error) {
        // SQLite rolls the whole transaction back on some errors (disk full, I/O): then the group fails together.
        if (!db.inTransaction) throw error;
        return { error: explainFullDisk(error, options.path) };
      }
    }),
  );

  const flush = () => {
    flushScheduled = false;
    const group = queued;
    queued = [];
    if (group.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = commitGroup.immediate(group);
    } catch (error) {
      for (const append of group) append.settle({ error: explainFullDisk(error, options.path) });
      return;
    }
    if (outcomes.some((outcome) => 'ok' in outcome && outcome.ok.wrote)) for (const listener of appendListeners) listener();
    outcomes.forEach((outcome, index) => group[index]!.settle(outcome));
  };

  /*
   * When to commit: not at the first chance, but once a turn of the event loop has passed in
   * which no append joined the group (or after MAX_LOOKS turns). A turn's poll phase reads the
   * requests that arrived meanwhile, and each reaches its append within that turn, so under load
   * the group takes in what is already on its way; an idle store loses one empty turn.
   */
  let queuedAtLastLook = 0;
  let looks = 0;
  const lookBeforeFlush = () => {
    if (queued.length > queuedAtLastLook && looks < MAX_LOOKS) {
      queuedAtLastLook = queued.length;
      looks++;
      setImmediate(lookBeforeFlush);
      return;
    }
    flush();
  };

  const readRows = (after: Position | undefined, maxCount: number): StoredEvent[] => {
    assertOpen();
    return readLog(after, maxCount);
  };
  // One pace for every long read of this file: the subscription's catch-up and readAll alike.
  const readPacer = new ChunkPacer({ sliceMs: options.readSliceMs, now: options.readClock });
  const readBatch = (after: Position | undefined, maxCount: number): Promise<StoredEvent[]> =>
    readInPieces(readRows, after, maxCount, readPacer, yieldToEventLoop);

  return {
    description: `embedded SQLite (${options.path})`,
    ...(options.path === ':memory:' ? {} : { file: options.path }),

    async identity() {
      return { kind: 'sqlite', id: storeId };
    },

    async append(stream, events, expectedRevision) {
      assertOpen();
      const encoded = encodeEvents(events);
      return new Promise<AppendResult>((resolve, reject) => {
        queued.push({
          stream,
          events: encoded,
          expected: expectedRevision,
          settle: (outcome) => ('ok' in outcome ? resolve(outcome.ok.result) : reject(outcome.error)),
        });
        if (!flushScheduled) {
          flushScheduled = true;
          queuedAtLastLook = 0;
          looks = 0;
          setImmediate(lookBeforeFlush);
        }
      });
    },

    async readStream(stream: string, readOptions: ReadStreamOptions = {}) {
      assertOpen();
      const limit = readOptions.maxCount ?? -1;
      if (readOptions.maxCount !== undefined && readOptions.maxCount <= 0) return [];
      const rows =
        readOptions.direction === 'backwards'
          ? statements.streamBackwards.all(stream, readOptions.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
          : statements.streamForwards.all(stream, readOptions.fromRevision ?? 0, limit);
      return rows.map(toStoredEvent);
    },

    async readAll(readOptions: ReadAllOptions) {
      return readBatch(readOptions.after, readOptions.maxCount);
    },

    subscribeAll(subscribeOptions: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
      assertOpen();
      const maxBatchSize = subscribeOptions.maxBatchSize ?? DEFAULT_SUBSCRIPTION_BATCH;
      if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
        throw new ValidationError([{ path: ['maxBatchSize'], message: 'must be a whole number of at least 1' }]);
      }
      const subscription = startCatchUpSubscription(
        {
          readBatch,
          onAppend(wake) {
            appendListeners.add(wake);
            return () => appendListeners.delete(wake);
          },
          pollIntervalMs: options.pollIntervalMs,
        },
        subscribeOptions.after,
        maxBatchSize,
        handler,
      );
      subscriptions.add(subscription);
      void subscription.done.then(
        () => subscriptions.delete(subscription),
        () => subscriptions.delete(subscription),
      );
      return subscription;
    },

    async headPosition() {
      assertOpen();
      const head = statements.head.get();
      return head === undefined ? undefined : positionOf(head.position);
    },

    async eventsAfter(after) {
      assertOpen();
      const head = statements.head.get();
      if (head === undefined) return 0;
      // Positions are dense from the first: the head's distance from a position is the count after it.
      const from = after === undefined || after.commit < firstPosition ? firstPosition - 1n : after.commit;
      return head.position > from ? Number(head.position - from) : 0;
    },

    close() {
      closing ??= (async () => {
        await Promise.all([...subscriptions].map((subscription) => subscription.close()));
        closed = true;
        // Appends already accepted are committed (or refused) before the file closes.
        flush();
        db.close();
      })();
      return closing;
    },
  };
}

/** SQLite refuses an append when the disk is full: say so in the register's words, not as an internal error. */
function explainFullDisk(error: unknown, path: string): Error {
  if ((error as { code?: unknown }).code === 'SQLITE_FULL') return new StorageFullError(path, { cause: error });
  return asError(error);
}
