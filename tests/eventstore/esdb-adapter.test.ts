import { randomBytes, randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, IdempotencyConflictError, UnavailableError, ValidationError } from '../../services/core/errors.ts';
import type { EventStore, NewEvent, StoredEvent, Subscription } from '../../services/core/event-store.ts';
import type { Position } from '../../services/core/position.ts';
import { createEsdbEventStore } from '../../services/eventstore/esdb/esdb-event-store.ts';
import { startEsdbTestServer } from '../support/esdb-server.ts';
import { startEsdbStandin, type EsdbStandin } from '../support/esdb-standin/server.ts';

const server = await startEsdbTestServer();
const standin = server.standin;
if (!standin) {
  console.log(
    `esdb-adapter: the fault-injection tests (dropped subscriptions, failed appends) run on stand-ins of their own; the rest on ${server.description}`,
  );
}

/** Faults cannot be injected into a real server: these tests always get a stand-in of their own. */
async function faultyServer(): Promise<EsdbStandin> {
  const own = await startEsdbStandin();
  extraStandins.push(own);
  return own;
}

const opened: EventStore[] = [];
const subscriptions: Subscription[] = [];
const extraStandins: EsdbStandin[] = [];
const clients: EventStoreDBClient[] = [];

afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((s) => s.close()));
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await Promise.all(extraStandins.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await server.stop();
});

const prefix = () => `t${randomBytes(6).toString('hex')}-`;

function open(options: { streamPrefix?: string | undefined; connectionString?: string; retryBudgetMs?: number } = {}) {
  const store = createEsdbEventStore({
    connectionString: server.connectionString,
    streamPrefix: 'streamPrefix' in options ? options.streamPrefix : prefix(),
    appendRetryBackoffMs: 5,
    resubscribeBackoffMs: 10,
    ...options,
  });
  opened.push(store);
  return store;
}

function rawClient(connectionString = server.connectionString) {
  const client = EventStoreDBClient.connectionString(connectionString);
  clients.push(client);
  return client;
}

const newEvent = (type: string, data: unknown = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: 'esdb-adapter-test' },
});
const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);
const isSystem = (e: StoredEvent) => e.stream.startsWith('$') || e.type.startsWith('$');

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function readAllAfter(store: EventStore, after: Position | undefined): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let checkpoint = after;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, maxCount: 200 });
    events.push(...page);
    if (page.length < 200) return events;
    checkpoint = page.at(-1)!.position;
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe(`EventStoreDB adapter on ${server.description}`, () => {
  describe('connection strings', () => {
    it('rejects a string that is not esdb:// or esdb+discover://, naming the bad value', () => {
      const error = (() => {
        try {
          createEsdbEventStore({ connectionString: 'http://localhost:2113' });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toContain('"http://localhost:2113"');
      expect((error as ValidationError).issues[0]!.path).toEqual(['options', 'connectionString']);
    });

    it('rejects a malformed esdb:// string with the parser reason, without echoing the password', () => {
      const attempt = () => createEsdbEventStore({ connectionString: 'esdb://admin:s3cret@localhost:notaport?tls=false' });
      expect(attempt).toThrow(ValidationError);
      expect(attempt).toThrow(/esdb:\/\/admin:\*\*\*@localhost:notaport\?tls=false/);
      expect(attempt).toThrow(/port/);
      expect(attempt).not.toThrow(/s3cret/);
    });

    it('describes itself with the credentials redacted', async () => {
      const store = createEsdbEventStore({ connectionString: 'esdb://admin:changeit@db.example:2113?tls=false' });
      opened.push(store);
      expect(store.description).toBe('EventStoreDB (esdb://admin:***@db.example:2113?tls=false)');
    });

    it('accepts kurrentdb:// as esdb://', async () => {
      const store = open({ connectionString: server.connectionString.replace(/^esdb:/, 'kurrentdb:') });
      const stream = `cp-${randomUUID()}`;
      await store.append(stream, [newEvent('ChangeProposalRaised')], 'no_stream');
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('rejects a stream prefix that would make system streams', () => {
      expect(() => createEsdbEventStore({ connectionString: server.connectionString, streamPrefix: '$x-' })).toThrow(ValidationError);
    });
  });

  describe('system events', () => {
    it('never returns system events from readAll or subscribeAll, with or without a stream prefix', async () => {
      const streamPrefix = prefix();
      const scoped = open({ streamPrefix });
      const unscoped = open({ streamPrefix: undefined });
      const baseline = await unscoped.headPosition();
      const client = rawClient();
      const stream = `${streamPrefix}cp-${randomUUID()}`;

      // What the server and its tools write next to user data: a $-typed event in a user
      // stream, stream metadata ($metadata in $$stream) and an event in a $-stream.
      await client.appendToStream(stream, jsonEvent({ type: '$custom-system-type', data: {} }));
      await client.setStreamMetadata(stream, { maxCount: 100 });
      await client.appendToStream(`$${streamPrefix}system`, jsonEvent({ type: 'LooksOrdinary', data: {} }));
      const ordinary = newEvent('ChangeProposalRaised', { ref: 'R0209' });
      await scoped.append(`cp-${randomUUID()}`, [ordinary], 'no_stream');

      const scopedLog = await readAllAfter(scoped, undefined);
      expect(ids(scopedLog)).toEqual([ordinary.id]);
      const unscopedLog = await readAllAfter(unscoped, baseline);
      expect(ids(unscopedLog)).toContain(ordinary.id);
      expect(unscopedLog.filter(isSystem)).toEqual([]);
      // The stand-in writes a $settings event at startup, so the whole log has one to skip.
      if (standin) expect((await readAllAfter(unscoped, undefined)).filter(isSystem)).toEqual([]);

      for (const [store, from] of [
        [scoped, undefined],
        [unscoped, baseline],
      ] as const) {
        const received: StoredEvent[] = [];
        subscriptions.push(store.subscribeAll({ after: from }, (batch) => void received.push(...batch)));
        await waitUntil(() => ids(received).includes(ordinary.id), 'the ordinary event');
        expect(received.filter(isSystem)).toEqual([]);
      }
      expect(await scoped.headPosition()).toEqual(scopedLog[0]!.position);
    });
  });

  describe('store identity', () => {
    it('writes a store id once, the same for every store on the log, hidden from readAll, headPosition and subscriptions', async () => {
      const streamPrefix = prefix();
      const [a, b] = [open({ streamPrefix }), open({ streamPrefix })];
      // Two nodes starting together: one writes the id, the other reads it.
      const [first, second] = await Promise.all([a.identity(), b.identity()]);
      expect(first).toEqual(second);
      expect(first).toMatchObject({ kind: 'eventstoredb', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(await open({ streamPrefix }).identity()).toEqual(first);
      expect((await open().identity()).id).not.toBe(first.id);

      expect(await a.headPosition()).toBeUndefined();
      expect(await readAllAfter(a, undefined)).toEqual([]);
      const raised = newEvent('ChangeProposalRaised');
      await a.append(`cp-${randomUUID()}`, [raised], 'no_stream');
      const received: StoredEvent[] = [];
      subscriptions.push(a.subscribeAll({}, (batch) => void received.push(...batch)));
      await waitUntil(() => received.length >= 1, 'the event');
      expect(ids(received)).toEqual([raised.id]);
      expect(ids(await readAllAfter(a, undefined))).toEqual([raised.id]);
      expect(await rejectionOf(a.append('ccag.store-identity', [newEvent('X')], 'any'))).toBeInstanceOf(ValidationError);
    });

    it('a recreated server (a new volume) has another id', async () => {
      const [one, two] = [await startEsdbStandin(), await startEsdbStandin()];
      extraStandins.push(one, two);
      const streamPrefix = prefix();
      const onOne = await open({ connectionString: one.connectionString, streamPrefix }).identity();
      const onTwo = await open({ connectionString: two.connectionString, streamPrefix }).identity();
      expect(onOne.id).not.toBe(onTwo.id);
    });
  });

  describe('idempotent appends', () => {
    it('treats a re-send of the same events as a no-op and a re-used id with new content as a conflict', async () => {
      const store = open();
      const stream = `cp-${randomUUID()}`;
      const raised = newEvent('ChangeProposalRaised', { title: 'Original' });
      const first = await store.append(stream, [raised], 'no_stream');
      // At an exact revision only: a re-send at 'any' relies on a per-node cache a failover loses.
      expect(await store.append(stream, [raised], 'no_stream')).toEqual(first);
      expect(await rejectionOf(store.append(stream, [{ ...raised, data: { title: 'Altered' } }], 'no_stream'))).toBeInstanceOf(
        IdempotencyConflictError,
      );
      // A partial re-send (first id in place, second new) is refused by the server; the adapter says why.
      expect(await rejectionOf(store.append(stream, [raised, newEvent('Other')], 'no_stream'))).toBeInstanceOf(IdempotencyConflictError);
      expect(await rejectionOf(store.append(stream, [newEvent('Other')], 'no_stream'))).toBeInstanceOf(ConcurrencyError);
      expect(ids(await store.readStream(stream))).toEqual([raised.id]);
    });
  });

  describe('dropped subscriptions', () => {
    it('resumes from the last event the handler finished: nothing lost, nothing twice', async () => {
      const faulty = await faultyServer();
      const store = open({ connectionString: faulty.connectionString });
      const stream = `risk-${randomUUID()}`;
      const written: NewEvent[] = [];
      let revision: number | 'no_stream' = 'no_stream';
      const write = async (count: number) => {
        const events = Array.from({ length: count }, (_, n) => newEvent('RiskScoreAssessed', { n: written.length + n }));
        const result = await store.append(stream, events, revision);
        revision = result.nextExpectedRevision;
        written.push(...events);
      };
      await write(6);

      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const received: StoredEvent[] = [];
      let calls = 0;
      const subscription = store.subscribeAll({ maxBatchSize: 2 }, async (batch) => {
        calls += 1;
        if (calls === 1) await gate;
        received.push(...batch);
      });
      subscriptions.push(subscription);

      // Dropped while the handler holds the first batch and the rest wait in the buffer.
      await waitUntil(() => calls === 1, 'the first batch');
      expect(faulty.dropSubscriptions()).toBe(1);
      await write(3);
      release();
      await waitUntil(() => received.length >= 9, 'the events written before and during the drop');

      // Dropped again while idle, live.
      await waitUntil(() => faulty.liveSubscriptions === 1, 'the resubscription');
      expect(faulty.dropSubscriptions()).toBe(1);
      await write(2);
      await waitUntil(() => received.length >= 11, 'the events written after the second drop');
      await waitUntil(() => faulty.liveSubscriptions === 1, 'the second resubscription');
      await write(1);
      await waitUntil(() => received.length >= 12, 'a live event after both drops');

      expect(ids(received)).toEqual(ids(written));
    });
  });

  describe('transient append failures', () => {
    it('retries an append that failed before writing, and writes it once', async () => {
      const faulty = await faultyServer();
      const store = open({ connectionString: faulty.connectionString });
      const stream = `action-${randomUUID()}`;
      const before = faulty.appendAttempts;
      faulty.failNextAppends(2);
      const event = newEvent('ActionRaised', { ref: 'CCAG35-01' });
      const result = await store.append(stream, [event], 'no_stream');
      expect(faulty.appendAttempts - before).toBe(3);
      expect(result.nextExpectedRevision).toBe(0);
      expect(ids(await store.readStream(stream))).toEqual([event.id]);
    });

    it('retries an append whose reply was lost after the write, and the event is there once', async () => {
      const faulty = await faultyServer();
      const store = open({ connectionString: faulty.connectionString });
      const stream = `action-${randomUUID()}`;
      faulty.failNextAppends(1, { afterWrite: true });
      const event = newEvent('ActionRaised', { ref: 'CCAG35-02' });
      const result = await store.append(stream, [event], 'no_stream');
      const stored = await store.readStream(stream);
      expect(ids(stored)).toEqual([event.id]);
      expect(result).toEqual({ nextExpectedRevision: 0, position: stored[0]!.position });
      expect(ids(await readAllAfter(store, undefined))).toEqual([event.id]);
    });

    it('gives up after its retry budget with UNAVAILABLE naming the cause, having written nothing', async () => {
      const own = await startEsdbStandin();
      extraStandins.push(own);
      const store = open({ connectionString: own.connectionString, retryBudgetMs: 200 });
      const stream = `action-${randomUUID()}`;
      own.failNextAppends(1_000);
      const error = await rejectionOf(store.append(stream, [newEvent('ActionRaised')], 'no_stream'));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/within 200 ms .*UnavailableError/) });
      own.faults.appendFaults.length = 0;
      expect(await store.readStream(stream)).toEqual([]);
    });
  });

  describe('other ways in (against their own stand-ins)', () => {
    it('works over the Append RPC when the server does not offer BatchAppend', async () => {
      const own = await startEsdbStandin({ batchAppend: false });
      extraStandins.push(own);
      const store = open({ connectionString: own.connectionString });
      const stream = `cp-${randomUUID()}`;
      const raised = newEvent('ChangeProposalRaised');
      const first = await store.append(stream, [raised], 'no_stream');
      expect(await store.append(stream, [raised], 'no_stream')).toEqual(first);
      expect(await rejectionOf(store.append(stream, [newEvent('Other')], 'no_stream'))).toMatchObject({
        name: 'ConcurrencyError',
        expected: 'no_stream',
        actual: '0',
      });
      expect(await rejectionOf(store.append(stream, [{ ...raised, data: { changed: true } }], 'no_stream'))).toBeInstanceOf(
        IdempotencyConflictError,
      );
    });

    it('finds the node through gossip with esdb+discover://', async () => {
      const own = await startEsdbStandin();
      extraStandins.push(own);
      const store = open({ connectionString: `esdb+discover://127.0.0.1:${own.port}?tls=false` });
      const stream = `cp-${randomUUID()}`;
      const raised = newEvent('ChangeProposalRaised');
      await store.append(stream, [raised], 'no_stream');
      expect(ids(await store.readStream(stream))).toEqual([raised.id]);
    });
  });
});
