import { AsyncLocalStorage } from 'node:async_hooks';
import {
  excludeSystemEvents,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { IntegrityError } from '../../core/errors.ts';
import type { StoredEvent, Subscription, SubscriptionHandler } from '../../core/event-store.ts';
import { comparePositions, type Position } from '../../core/position.ts';
import { toStoredEvent, type StreamNaming } from './events.ts';

export interface ResubscribingOptions {
  readonly client: EventStoreDBClient;
  readonly naming: StreamNaming;
  /** Exclusive checkpoint. */
  readonly after: Position | undefined;
  readonly maxBatchSize: number;
  readonly retries: number;
  readonly backoffMs: number;
}

/** Above this many buffered events the gRPC stream is paused until the handler catches up. */
const PAUSE_AT = 5_000;
const RESUME_AT = 1_000;
const MAX_BACKOFF_MS = 5_000;

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
    subscription.on('confirmation', () => {
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
    subscription.on('error', (error) => end(error));
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

  const run = async () => {
    let failures = 0;
    while (!closed) {
      const subscription = open();
      current = subscription;
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
      if (failures > options.retries) throw outcome.ended.error;
      await pause(Math.min(options.backoffMs * 2 ** (failures - 1), MAX_BACKOFF_MS));
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
