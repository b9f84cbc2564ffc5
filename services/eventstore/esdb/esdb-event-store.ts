import {
  ANY,
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError, IdempotencyConflictError, IntegrityError, ValidationError } from '../../core/errors.ts';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../core/event-store.ts';
import { comparePositions, positionOf, type Position } from '../../core/position.ts';
import { parseInput } from '../../core/validate.ts';
import { sameContent, StreamNaming, toEventData, toStoredEvent, validateNewEvents } from './events.ts';
import { esdbEventStoreOptionsSchema, redactConnectionString, type EsdbEventStoreOptions } from './options.ts';
import { startResubscribingSubscription } from './subscription.ts';

export { esdbEventStoreOptionsSchema, redactConnectionString, type EsdbEventStoreOptions } from './options.ts';

const DEFAULT_SUBSCRIPTION_BATCH = 1_000;
/** headPosition's first look is one event; with a prefix on a shared server it pages further back. */
const HEAD_SEARCH_PAGE = 256;

function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? String(expected) : expected;
}

function toClientExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/** gRPC status codes UNAVAILABLE and DEADLINE_EXCEEDED. */
const TRANSIENT_GRPC_CODES = new Set([14, 4]);

/**
 * The client converts most gRPC errors to its own classes, but some calls (the server
 * features probe made before the first append) reject with the raw gRPC error.
 */
function isTransient(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code) && 'metadata' in (error as object);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function validateExpected(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream') return;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new ValidationError([{ path: ['expectedRevision'], message: `${String(expected)} is not a stream revision` }]);
  }
}

/**
 * The EventStore port on EventStoreDB (or KurrentDB) over gRPC.
 *
 * Idempotency: EventStoreDB treats a re-send of the same event ids at the same expected
 * revision as a no-op success, but never compares content. So after every append the adapter
 * reads back the events at the revisions the server reported and compares type, data and
 * metadata: a re-used id with different content is an IdempotencyConflictError, not a silent
 * success. When the server rejects an append whose first event id already sits where the
 * append would go (a partial re-send) that is an IdempotencyConflictError too; any other
 * rejection is a ConcurrencyError. Unlike the embedded store, an id re-used in another
 * stream or at another revision is not detected: the server does not index ids globally.
 */
export function createEsdbEventStore(input: EsdbEventStoreOptions): EventStore {
  const options = parseInput(esdbEventStoreOptionsSchema, input, ['options']);
  const redacted = redactConnectionString(options.connectionString);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString.trim());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: ['options', 'connectionString'], message: `"${redacted}": ${reason}` }]);
  }
  const naming = new StreamNaming(options.streamPrefix ?? '');
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new Error(`The event store ${redacted} is closed`);
  };

  const collect = async (reads: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
    const out: ResolvedEvent[] = [];
    for await (const resolved of reads) out.push(resolved);
    return out;
  };

  const readServerStream = async (
    serverStream: string,
    fromRevision: bigint | typeof START | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<StoredEvent[]> => {
    try {
      const resolved = await collect(client.readStream(serverStream, { fromRevision, direction, maxCount }));
      return resolved.map((r) => toStoredEvent(r, naming)).filter((e): e is StoredEvent => e !== undefined);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  };

  const appendWithRetry = async (serverStream: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
    const eventData = events.map(toEventData);
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.appendToStream(serverStream, eventData, { expectedRevision: toClientExpected(expected) });
      } catch (error) {
        // Same ids and expected revision: if the lost attempt was written, the retry is a no-op.
        if (!isTransient(error) || attempt >= options.appendRetries) throw error;
        await sleep(options.appendRetryBackoffMs * 2 ** attempt);
      }
    }
  };

  /** The events now at the revisions the server gave this append must be these events. */
  const verifyWritten = async (
    stream: string,
    events: readonly NewEvent[],
    lastRevision: bigint,
  ): Promise<AppendResult> => {
    const firstRevision = lastRevision - BigInt(events.length - 1);
    const stored = await readServerStream(naming.toServer(stream), firstRevision, FORWARDS, events.length);
    events.forEach((event, index) => {
      const found = stored[index];
      if (found === undefined || found.id.toLowerCase() !== event.id.toLowerCase()) {
        throw new IntegrityError(
          `EventStoreDB acknowledged event ${event.id} at revision ${firstRevision + BigInt(index)} of ${stream}, but ${found ? `event ${found.id}` : 'nothing'} is there`,
          { stream, revision: Number(firstRevision) + index },
        );
      }
      if (!sameContent(found, event)) {
        throw new IdempotencyConflictError(
          event.id,
          `Event ${event.id} was already written to ${stream} at revision ${found.revision} with different content`,
        );
      }
    });
    const last = stored[stored.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  };

  /** Why the server refused: someone else wrote first, or this is a re-send that does not match. */
  const explainRejection = async (
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    actual: string,
  ): Promise<Error> => {
    const first = events[0];
    if (first !== undefined) {
      if (expected === 'any') {
        // With 'any' the server refuses only when the first id is in the stream and the rest do not follow it.
        return new IdempotencyConflictError(first.id, `Event ${first.id} was already written to ${stream}, but the rest of this append was not: a partial re-send`);
      }
      const from = expected === 'no_stream' ? 0n : BigInt(expected) + 1n;
      const [there] = await readServerStream(naming.toServer(stream), from, FORWARDS, 1);
      if (there !== undefined && there.id.toLowerCase() === first.id.toLowerCase()) {
        return new IdempotencyConflictError(
          first.id,
          `Event ${first.id} was already written to ${stream} at revision ${there.revision}, but the rest of this append differs from that write: a partial re-send`,
        );
      }
    }
    return new ConcurrencyError(stream, describeExpected(expected), actual);
  };

  const currentRevision = async (stream: string): Promise<StoredEvent | undefined> => {
    const [last] = await readServerStream(naming.toServer(stream), END, BACKWARDS, 1);
    return last;
  };

  /** Nothing to write: only the expected revision is checked, against the stream as read now. */
  const emptyAppend = async (stream: string, expected: ExpectedRevision): Promise<AppendResult> => {
    const last = await currentRevision(stream);
    const current = last?.revision;
    const matches = expected === 'any' || (expected === 'no_stream' ? current === undefined : current === expected);
    if (!matches) {
      throw new ConcurrencyError(stream, describeExpected(expected), current === undefined ? 'no_stream' : String(current));
    }
    return { nextExpectedRevision: current ?? -1, position: last?.position ?? positionOf(0n) };
  };

  /**
   * Pages through $all from `from` in `direction`, keeping this store's user events, until
   * `wanted` are found or the log ends. Reads of $all start at their position (inclusive),
   * so events at or beyond the cursor are skipped rather than trusted to be absent.
   */
  const scanAll = async (from: Position | undefined, direction: typeof FORWARDS | typeof BACKWARDS, wanted: number, firstPage: number) => {
    const found: StoredEvent[] = [];
    let cursor = from;
    let pageSize = firstPage;
    for (;;) {
      const fromPosition: ReadPosition = cursor ?? (direction === FORWARDS ? START : END);
      const page = await collect(client.readAll({ fromPosition, direction, maxCount: pageSize }));
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (position === undefined) continue;
        const order = cursor === undefined ? 0 : comparePositions(position, cursor);
        const beyondCursor = cursor === undefined || (direction === FORWARDS ? order > 0 : order < 0);
        if (!beyondCursor) continue;
        cursor = { commit: position.commit, prepare: position.prepare };
        const event = toStoredEvent(resolved, naming);
        if (event === undefined) continue;
        found.push(event);
        if (found.length >= wanted) return found;
      }
      if (page.length < pageSize) return found;
      pageSize = options.readPageSize;
    }
  };

  const store: EventStore = {
    description: `EventStoreDB (${redacted})`,

    async append(stream, events, expectedRevision) {
      assertOpen();
      validateNewEvents(stream, events);
      validateExpected(expectedRevision);
      if (events.length === 0) return emptyAppend(stream, expectedRevision);
      let result;
      try {
        result = await appendWithRetry(naming.toServer(stream), events, expectedRevision);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = error.actualVersion === 'no_stream' ? 'no_stream' : String(error.actualVersion);
        throw await explainRejection(stream, events, expectedRevision, actual);
      }
      if (!result.success) {
        // Only with throwOnAppendFailure=false in the connection string.
        const actual = result.nextExpectedRevision < 0n ? 'no_stream' : String(result.nextExpectedRevision);
        throw await explainRejection(stream, events, expectedRevision, actual);
      }
      return verifyWritten(stream, events, result.nextExpectedRevision);
    },

    async readStream(stream, readOptions: ReadStreamOptions = {}) {
      assertOpen();
      const direction = readOptions.direction === 'backwards' ? BACKWARDS : FORWARDS;
      const maxCount = readOptions.maxCount ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
        throw new ValidationError([{ path: ['maxCount'], message: `${String(maxCount)} is not a count` }]);
      }
      const fromRevision = readOptions.fromRevision;
      if (fromRevision !== undefined && (!Number.isSafeInteger(fromRevision) || fromRevision < 0)) {
        throw new ValidationError([{ path: ['fromRevision'], message: `${String(fromRevision)} is not a stream revision` }]);
      }
      if (maxCount === 0) return [];
      const from = fromRevision === undefined ? (direction === FORWARDS ? START : END) : BigInt(fromRevision);
      return readServerStream(naming.toServer(stream), from, direction, maxCount);
    },

    async readAll({ after, maxCount }: ReadAllOptions) {
      assertOpen();
      if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
        throw new ValidationError([{ path: ['maxCount'], message: `${String(maxCount)} is not a count` }]);
      }
      if (maxCount === 0) return [];
      // One more than asked, as the first event read may be `after` itself.
      return scanAll(after, FORWARDS, maxCount, Math.min(maxCount + 1, options.readPageSize));
    },

    subscribeAll(subscribeOptions: SubscribeAllOptions, handler: SubscriptionHandler) {
      assertOpen();
      const subscription = startResubscribingSubscription(
        {
          client,
          naming,
          after: subscribeOptions.after,
          maxBatchSize: subscribeOptions.maxBatchSize ?? DEFAULT_SUBSCRIPTION_BATCH,
          retries: options.resubscribeRetries,
          backoffMs: options.resubscribeBackoffMs,
        },
        handler,
      );
      subscriptions.add(subscription);
      const forget = () => subscriptions.delete(subscription);
      subscription.done.then(forget, forget);
      return subscription;
    },

    async headPosition() {
      assertOpen();
      const [head] = await scanAll(undefined, BACKWARDS, 1, naming.prefix ? HEAD_SEARCH_PAGE : 1);
      return head?.position;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((s) => s.close()));
      await client.dispose();
    },
  };
  return store;
}
