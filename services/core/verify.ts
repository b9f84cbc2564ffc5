import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EventStore, StoredEvent } from './event-store.ts';
import { eventHash } from './hash-chain.ts';
import { formatPosition, type Position } from './position.ts';

export interface BadEvent {
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly problem: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streams: number;
  /** The first event, in log order, that does not check; absent when ok. */
  readonly firstBad?: BadEvent;
  /** Head hash of every stream at the end of the walk (input to meeting digests). */
  readonly heads: ReadonlyMap<string, string>;
}

export interface StreamCursor {
  revision: number;
  hash: string;
}

/**
 * Walks the global log and checks every stream's hash chain: revisions dense from 0, each
 * event's prevHash equal to the previous event's hash, and each hash recomputed from the
 * event. A flipped byte, a deleted event or two swapped events all break one of these.
 */
export async function verifyChains(
  store: EventStore,
  options: { batchSize?: number; until?: Position; onProgress?: (checked: number) => void } = {},
): Promise<ChainVerification> {
  const cursors = new Map<string, StreamCursor>();
  let after: Position | undefined;
  let checked = 0;
  const batchSize = options.batchSize ?? 500;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (options.until && isAfter(event.position, options.until)) {
        return result(true);
      }
      const problem = checkEvent(event, cursors.get(event.stream));
      if (problem) return result(false, describeBadEvent(event, problem));
      cursors.set(event.stream, { revision: event.revision, hash: event.metadata['hash'] as string });
      checked++;
    }
    after = batch[batch.length - 1]!.position;
    options.onProgress?.(checked);
    // One batch at a time: other requests run between batches.
    await yieldToEventLoop();
  }
  return result(true);

  function result(ok: boolean, firstBad?: BadEvent): ChainVerification {
    const heads = new Map([...cursors].map(([stream, c]) => [stream, c.hash]));
    return firstBad
      ? { ok, eventsChecked: checked, streams: cursors.size, firstBad, heads }
      : { ok, eventsChecked: checked, streams: cursors.size, heads };
  }
}

function isAfter(a: Position, b: Position): boolean {
  return a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
}

/** What is wrong with `event` as the successor of `previous` in its stream; undefined when it checks. */
export function checkEvent(event: StoredEvent, previous: StreamCursor | undefined): string | undefined {
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.revision !== expectedRevision) {
    return `revision ${event.revision} where ${expectedRevision} was expected: an event is missing or out of place`;
  }
  const { hash, prevHash } = event.metadata;
  if (typeof hash !== 'string') return 'metadata has no hash';
  const expectedPrev = previous ? previous.hash : null;
  if (prevHash !== expectedPrev) {
    return `prevHash does not match the hash of revision ${expectedRevision - 1}: the chain is broken here`;
  }
  const recomputed = eventHash(event);
  if (recomputed !== hash) return 'hash does not match the event: its content was changed after it was written';
  return undefined;
}

export function describeBadEvent(event: StoredEvent, problem: string): BadEvent {
  return {
    position: formatPosition(event.position),
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    problem,
  };
}
