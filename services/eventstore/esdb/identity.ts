import { randomUUID } from 'node:crypto';
import {
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { IntegrityError } from '../../core/errors.ts';
import type { StoreIdentity } from '../../core/event-store.ts';
import { collectWithin, SERVER_APPEND_DEADLINE_MS, within, withRetries, type RetryPolicy } from './calls.ts';
import type { StreamNaming } from './events.ts';

export const STORE_IDENTIFIED = 'StoreIdentified';

export interface IdentityOptions {
  readonly client: EventStoreDBClient;
  readonly naming: StreamNaming;
  readonly retry: RetryPolicy;
  readonly readTimeoutMs: number;
  readonly appendTimeoutMs: number;
}

/**
 * The store id of this log: a random id written once, at first start, as the first event of a
 * stream of ours (StreamNaming.identityStream, hidden from readAll, subscriptions, headPosition
 * and so from verification). Two API nodes starting together both try to write it at
 * `no_stream`; the loser reads the winner's. A recreated server volume has no such event, so it
 * gets a new id and every read model built from the old log is rebuilt.
 */
export async function readOrCreateIdentity(options: IdentityOptions): Promise<StoreIdentity> {
  const stream = options.naming.identityStream;
  const readFirst = () =>
    withRetries(`the read of ${stream}`, options.retry, async () => {
      try {
        const [first] = await collectWithin(
          `the read of ${stream}`,
          options.readTimeoutMs,
          options.client.readStream(stream, { fromRevision: START, maxCount: 1, requiresLeader: true }),
        );
        return first?.event;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
    });
  const idOf = (event: NonNullable<Awaited<ReturnType<typeof readFirst>>>): StoreIdentity => {
    const storeId = (event.data as { storeId?: unknown } | undefined)?.storeId;
    if (event.type !== STORE_IDENTIFIED || typeof storeId !== 'string' || storeId.length === 0) {
      throw new IntegrityError(`${stream} does not start with a ${STORE_IDENTIFIED} event carrying a storeId`, { stream, revision: 0 });
    }
    return { kind: 'eventstoredb', id: storeId };
  };

  const existing = await readFirst();
  if (existing) return idOf(existing);
  const event = jsonEvent({
    id: randomUUID(),
    type: STORE_IDENTIFIED,
    data: { storeId: randomUUID() },
    metadata: { actor: 'ccag-register' },
  });
  try {
    await withRetries(`the append to ${stream}`, options.retry, () =>
      within(
        `the append to ${stream}`,
        options.appendTimeoutMs,
        options.client.appendToStream(stream, event, {
          expectedRevision: NO_STREAM,
          deadline: SERVER_APPEND_DEADLINE_MS,
          requiresLeader: true,
        }),
      ),
    );
  } catch (error) {
    // Another node wrote it first: theirs is the id.
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  const written = await readFirst();
  if (!written) throw new IntegrityError(`EventStoreDB acknowledged the store id in ${stream}, but it cannot be read back`, { stream });
  return idOf(written);
}
