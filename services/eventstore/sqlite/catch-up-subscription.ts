import { yieldToEventLoop } from '../../core/chunk-pacer.ts';
import type { Position } from '../../core/position.ts';
import type { StoredEvent, Subscription, SubscriptionHandler } from '../../core/event-store.ts';

export interface CatchUpSource {
  /** Up to `maxCount` events strictly after `after`, in log order (read in pieces, the event loop free between them). */
  readBatch(after: Position | undefined, maxCount: number): Promise<StoredEvent[]>;
  /** Calls `wake` after every append through this store; returns the unsubscribe. */
  onAppend(wake: () => void): () => void;
  /** Appends by other processes raise no in-process signal, so the subscription also polls. */
  readonly pollIntervalMs: number;
}

/**
 * Reads the log in batches from the checkpoint, hands each batch to the handler and
 * waits for it, and when the log is exhausted sleeps until an append or the next poll.
 * An append made while a read is under way (between its pieces) is remembered, and an
 * empty read is one synchronous step, so no append can slip between reading and sleeping.
 */
export function startCatchUpSubscription(
  source: CatchUpSource,
  from: Position | undefined,
  maxBatchSize: number,
  handler: SubscriptionHandler,
): Subscription {
  let checkpoint = from;
  let closed = false;
  let appendedSinceRead = false;
  let wakeSleeper: (() => void) | undefined;

  const wake = () => {
    appendedSinceRead = true;
    wakeSleeper?.();
  };
  const stopListening = source.onAppend(wake);

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, source.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        resolve();
      }
      wakeSleeper = done;
    });

  const run = async () => {
    try {
      while (!closed) {
        appendedSinceRead = false;
        const batch = await source.readBatch(checkpoint, maxBatchSize);
        const last = batch.at(-1);
        if (last === undefined) {
          if (!appendedSinceRead) await sleep();
          continue;
        }
        await handler(batch);
        checkpoint = last.position;
        // A long catch-up is many batches: let timers and I/O (a server's requests) run between them.
        await yieldToEventLoop();
      }
    } finally {
      stopListening();
    }
  };

  const done = run();
  return {
    done,
    async close() {
      closed = true;
      wakeSleeper?.();
      await done.catch(() => undefined);
    },
  };
}
