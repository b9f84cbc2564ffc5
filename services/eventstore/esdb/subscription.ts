import { AsyncLocalStorage } from 'node:async_hooks';
import {
  excludeSystemEvents,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { CheckpointNotInLogError, IntegrityError } from '../../core/errors.ts';
import type { StoredEvent, Subscription, SubscriptionConnectionChange, SubscriptionHandler } from '../../core/event-store.ts';
import { comparePositions, formatPosition, type Position } from '../../core/position.ts';
import { jitteredBackoff } from './calls.ts';
import { toStoredEvent, type StreamNaming } from './events.ts';
import { describeFailure, isInvalidPosition } from './failures.ts';

export interface ResubscribingOptions {
  readonly client: EventStoreDBClient;
  readonly naming: StreamNaming;
  /** Exclusive checkpoint. */
  readonly after: Position | undefined;
  readonly maxBatchSize: number;
  /** First wait after a drop; grows exponentially (with jitter) up to maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly onConnectionChange?: ((change: SubscriptionConnectionChange) => void) | undefined;
  /** The server, for errors. */
  readonly description: string;
  /** A subscription the server has not confirmed within this long counts as dropped. */
  readonly confirmWithinMs: number;
  /** For tests of the backoff: a number in [0, 1). */
  readonly random?: () => number;
}

/** Above this many buffered events the gRPC stream is paused until the handler catches up. */
const PAUSE_AT = 5_000;
const RESUME_AT = 1_000;

/** Marks code running inside a handler call, so close() called from a handler does not wait for itself. */
const insideHandler = new AsyncLocalStorage<object>();

interface Ended {
  readonly error: unknown;
  /** An error that a new subscription would meet again (bad data), so retrying is pointless. */
  readonly fatal: boolean;
}

/**
 * A catch-up subscription to $all that survives drops. Events are buffered while the handler
 * runs and handed over in batches, one call at a time. After a drop (an error or end the
 * caller did not ask for) it resubscribes from the position of the last event the handler
 * *finished*: never from a server checkpoint, which may lie past events still unprocessed,
 * and never from the last event received, which may not have been handled. Events at or
 * before that position are skipped, so none is delivered twice.
 *
 * It never gives up on a server that is away: a short outage must not stop the read model for
 * good. It waits a capped, jittered, growing time between attempts and reports each drop and
 * each return through `onConnectionChange`. Only errors a new subscription would meet again end
 * it: bad data (IntegrityError) and a start position the server says is not in its log
 * (CheckpointNotInLogError, for a rebuild), besides the handler's own errors.
 */
export function startResubscribingSubscription(options: ResubscribingOptions, handler: SubscriptionHandler): Subscription {
  const token = {};
  let lastProcessed = options.after;
  let closed = false;
  let current: AllStreamSubscription | undefined;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const open = (): AllStreamSubscription =>
    options.client.subscribeToAll({
      fromPosition: lastProcessed ?? START,
      // Server-side filtering keeps other stores' and the server's own events off the wire;
      // toStoredEvent checks again, as a prefix filter lets $-typed events through.
      filter: options.naming.prefix ? streamNameFilter({ prefixes: [options.naming.prefix] }) : excludeSystemEvents(),
    });

  /** Delivers one subscription's events until it ends or the caller closes; returns how it ended. */
  const consume = async (subscription: AllStreamSubscription): Promise<{ ended: Ended | undefined; confirmed: boolean }> => {
    const queue: StoredEvent[] = [];
    let ended: Ended | undefined;
    let confirmed = false;
    let lastQueued = lastProcessed;
    // A finished subscription's late events (its own 'close') must not wake its successor.
    let active = true;
    const end = (error: unknown, fatal = false) => {
      if (!active) return;
      ended ??= { error, fatal };
      wakeUp();
    };
    // The client gives subscriptions no deadline: one a hung node never confirms would wait for ever.
    const unconfirmed = setTimeout(
      () => end(new Error(`The server did not confirm the subscription within ${options.confirmWithinMs} ms`)),
      options.confirmWithinMs,
    );
    subscription.on('confirmation', () => {
      clearTimeout(unconfirmed);
      confirmed = true;
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (ended || closed || !active) return;
      let event: StoredEvent | undefined;
      try {
        event = toStoredEvent(resolved, options.naming);
      } catch (error) {
        end(error, error instanceof IntegrityError);
        return;
      }
      if (event === undefined) return;
      if (lastQueued !== undefined && comparePositions(event.position, lastQueued) <= 0) return;
      lastQueued = event.position;
      queue.push(event);
      if (queue.length >= PAUSE_AT) subscription.pause();
      wakeUp();
    });
    subscription.on('error', (error) => {
      if (isInvalidPosition(error) && lastProcessed !== undefined) {
        end(new CheckpointNotInLogError(formatPosition(lastProcessed), `EventStoreDB (${options.description})`), true);
      } else end(error);
    });
    subscription.on('end', () => end(new Error('The server ended the subscription')));
    subscription.on('close', () => end(new Error('The subscription stream closed')));

    try {
      for (;;) {
        if (closed) return { ended, confirmed };
        const batch = queue.splice(0, options.maxBatchSize);
        if (batch.length > 0) {
          if (queue.length <= RESUME_AT && subscription.isPaused()) subscription.resume();
          await insideHandler.run(token, () => handler(batch));
          lastProcessed = batch[batch.length - 1]!.position;
          confirmed = true;
          continue;
        }
        if (ended) return { ended, confirmed };
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      clearTimeout(unconfirmed);
      active = false;
    }
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      wake = done;
    });

  const tell = (change: SubscriptionConnectionChange) => {
    try {
      options.onConnectionChange?.(change);
    } catch {
      // A listener's failure must not stop the subscription.
    }
  };

  const run = async () => {
    let failures = 0;
    while (!closed) {
      const subscription = open();
      current = subscription;
      if (failures > 0) {
        const attempts = failures;
        subscription.once('confirmation', () => tell({ state: 'live', afterAttempts: attempts }));
      }
      let outcome: Awaited<ReturnType<typeof consume>>;
      try {
        outcome = await consume(subscription);
      } finally {
        current = undefined;
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (closed || outcome.ended === undefined) return;
      if (outcome.ended.fatal) throw outcome.ended.error;
      failures = outcome.confirmed ? 1 : failures + 1;
      const wait = jitteredBackoff(options.backoffMs, failures - 1, options.maxBackoffMs, options.random);
      tell({ state: 'dropped', attempt: failures, retryInMs: wait, error: describeFailure(outcome.ended.error) });
      await pause(wait);
    }
  };

  const done = run();
  // A caller that never awaits `done` must not crash the process on a failure.
  done.catch(() => undefined);

  return {
    done,
    async close() {
      if (closed) return done.catch(() => undefined);
      closed = true;
      wakeUp();
      await current?.unsubscribe().catch(() => undefined);
      // From inside a handler, waiting for the running handler would wait for ourselves.
      if (insideHandler.getStore() === token) return;
      await done.catch(() => undefined);
    },
  };
}
