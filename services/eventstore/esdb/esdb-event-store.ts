import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type ReadPosition,
} from '@eventstore/db-client';
import { CheckpointNotInLogError, ConcurrencyError, IdempotencyConflictError, IntegrityError, ValidationError } from '../../core/errors.ts';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoreIdentity,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../core/event-store.ts';
import { comparePositions, formatPosition, positionOf, type Position } from '../../core/position.ts';
import { parseInput } from '../../core/validate.ts';
import { collectWithin, SERVER_APPEND_DEADLINE_MS, sleep, within, withRetries, type RetryPolicy } from './calls.ts';
import { checkAppendSize, sameContent, StreamNaming, toEventData, toStoredEvent, validateNewEvents } from './events.ts';
import { describeFailure, isInvalidPosition } from './failures.ts';
import { readOrCreateIdentity } from './identity.ts';
import { esdbEventStoreOptionsSchema, redactConnectionString, toClientConnectionString, type EsdbEventStoreOptions } from './options.ts';
import { startResubscribingSubscription } from './subscription.ts';

export { esdbEventStoreOptionsSchema, redactConnectionString, type EsdbEventStoreOptions } from './options.ts';

const READ_BACK_POLL_MS = 25;

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
/** Where the adapter says what an operator watches: retries, drops, resubscriptions. */
export interface EsdbLogger {
  info(message: string): void;
  warn(message: string): void;
}

export function createEsdbEventStore(input: EsdbEventStoreOptions, { logger }: { logger?: EsdbLogger } = {}): EventStore {
  const options = parseInput(esdbEventStoreOptionsSchema, input, ['options']);
  const redacted = redactConnectionString(options.connectionString);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(toClientConnectionString(options.connectionString));
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

  const retry: RetryPolicy = {
    budgetMs: options.retryBudgetMs,
    backoffMs: options.appendRetryBackoffMs,
    onRetry: (what, attempt, error) => logger?.warn(`EventStoreDB: retrying ${what} (attempt ${attempt + 1}): ${describeFailure(error)}`),
  };
  let identity: Promise<StoreIdentity> | undefined;

  /** One read, within the read timeout, retried while transient; a stream that does not exist reads as empty. */
  const readServerStream = (
    serverStream: string,
    fromRevision: bigint | typeof START | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<StoredEvent[]> =>
    withRetries(`the read of ${serverStream}`, retry, async () => {
      try {
        // The command side and read-backs must see the leader's writes, not a follower's index.
        const reads = client.readStream(serverStream, { fromRevision, direction, maxCount, requiresLeader: true });
        const resolved = await collectWithin(`the read of ${serverStream}`, options.readTimeoutMs, reads);
        return resolved.map((r) => toStoredEvent(r, naming)).filter((e): e is StoredEvent => e !== undefined);
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
    });

  const appendWithRetry = (serverStream: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
    const eventData = events.map(toEventData);
    // Same ids and expected revision every time: if a lost attempt was written, the retry is a no-op.
    return withRetries(`the append to ${serverStream}`, retry, () =>
      within(
        `the append to ${serverStream}`,
        options.appendTimeoutMs,
        client.appendToStream(serverStream, eventData, {
          expectedRevision: toClientExpected(expected),
          deadline: SERVER_APPEND_DEADLINE_MS,
          requiresLeader: true,
        }),
      ),
    );
  };

  /** The events at `firstRevision` on; a lagging node may not show them yet, so misses are read again briefly. */
  const readBack = async (stream: string, firstRevision: bigint, count: number): Promise<StoredEvent[]> => {
    const giveUpAt = Date.now() + options.readBackGraceMs;
    for (;;) {
      const stored = await readServerStream(naming.toServer(stream), firstRevision, FORWARDS, count);
      if (stored.length >= count || Date.now() >= giveUpAt) return stored;
      await sleep(READ_BACK_POLL_MS);
    }
  };

  /** The events now at the revisions the server gave this append must be these events. */
  const verifyWritten = async (
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    lastRevision: bigint,
  ): Promise<AppendResult> => {
    const firstRevision = lastRevision - BigInt(events.length - 1);
    const mustStartAt = expected === 'no_stream' ? 0n : typeof expected === 'number' ? BigInt(expected) + 1n : undefined;
    if (mustStartAt !== undefined && firstRevision !== mustStartAt) {
      throw softDeleted(stream, firstRevision, mustStartAt);
    }
    const stored = await readBack(stream, firstRevision, events.length);
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
        return new IdempotencyConflictError(
          first.id,
          `Event ${first.id} was already written to ${stream}, but the rest of this append was not: a partial re-send`,
        );
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

  /** Revisions that do not follow on: the server kept counting after a soft delete. */
  const softDeleted = (stream: string, found: bigint, wanted: bigint) =>
    new IntegrityError(
      `Stream ${stream} continues at revision ${found} where revision ${wanted} was expected: it was soft-deleted on the server, and its revisions no longer start at 0, which this register's hash chain needs. Restore the stream (or its events) rather than writing to it.`,
      { stream, revision: Number(found) },
    );

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
      const page = await withRetries('a read of $all', retry, () =>
        collectWithin('a read of $all', options.readTimeoutMs, client.readAll({ fromPosition, direction, maxCount: pageSize })),
      ).catch((error: unknown) => {
        if (cursor !== undefined && isInvalidPosition(error)) throw new CheckpointNotInLogError(formatPosition(cursor), store.description);
        throw error;
      });
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

    identity() {
      assertOpen();
      identity ??= readOrCreateIdentity({
        client,
        naming,
        retry,
        readTimeoutMs: options.readTimeoutMs,
        appendTimeoutMs: options.appendTimeoutMs,
      });
      // A failed look-up (the server away) is tried again next time.
      identity.catch(() => {
        identity = undefined;
      });
      return identity;
    },

    async append(stream, events, expectedRevision) {
      assertOpen();
      validateNewEvents(stream, events);
      validateExpected(expectedRevision);
      if (events.length === 0) return emptyAppend(stream, expectedRevision);
      checkAppendSize(events, options.maxAppendBytes);
      let result;
      try {
        result = await appendWithRetry(naming.toServer(stream), events, expectedRevision);
      } catch (error) {
        if (error instanceof MaxAppendSizeExceededError) {
          // The server's limit is below ours (its MaxAppendSize was lowered).
          throw new ValidationError([
            { path: ['events'], message: `too large: the server accepts at most ${error.maxAppendSize} bytes in one append` },
          ]);
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = error.actualVersion === 'no_stream' ? 'no_stream' : String(error.actualVersion);
        throw await explainRejection(stream, events, expectedRevision, actual);
      }
      if (!result.success) {
        // Only with throwOnAppendFailure=false in the connection string.
        const actual = result.nextExpectedRevision < 0n ? 'no_stream' : String(result.nextExpectedRevision);
        throw await explainRejection(stream, events, expectedRevision, actual);
      }
      return verifyWritten(stream, events, expectedRevision, result.nextExpectedRevision);
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
      const events = await readServerStream(naming.toServer(stream), from, direction, maxCount);
      const first = events[0];
      const fromStart = direction === FORWARDS && (fromRevision === undefined || fromRevision === 0);
      if (fromStart && first !== undefined && first.revision !== 0) throw softDeleted(stream, BigInt(first.revision), 0n);
      return events;
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
          backoffMs: options.resubscribeBackoffMs,
          maxBackoffMs: options.resubscribeMaxBackoffMs,
          onConnectionChange: (change) => {
            if (change.state === 'dropped') {
              logger?.warn(
                `EventStoreDB: the subscription to $all dropped (attempt ${change.attempt}); resubscribing in ${change.retryInMs} ms: ${change.error}`,
              );
            } else {
              logger?.info(`EventStoreDB: the subscription to $all is live again after ${change.afterAttempts} attempt(s)`);
            }
            subscribeOptions.onConnectionChange?.(change);
          },
          description: redacted,
          confirmWithinMs: options.readTimeoutMs,
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
