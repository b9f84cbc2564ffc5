import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, IdempotencyConflictError } from '../../services/core/errors.ts';
import type { EventStore, NewEvent, StoredEvent, Subscription } from '../../services/core/event-store.ts';
import { comparePositions, formatPosition, parsePosition, type Position } from '../../services/core/position.ts';

export interface EventStoreFactory {
  /** A fresh, empty store for one test. `firstPosition` asks for positions starting near a value where the adapter supports it. */
  create(options?: { firstPosition?: bigint }): Promise<EventStore>;
  /** Whether create() honours firstPosition (EventStoreDB picks its own positions). */
  readonly supportsFirstPosition: boolean;
  /** Printed once so every run says which server it used. */
  readonly description: string;
  /**
   * Whether recordedAt never decreases along the log. The embedded store promises it; an
   * EventStoreDB cluster takes it from the leader's clock, which can step back after a failover.
   */
  readonly recordedAtNeverDecreases: boolean;
}

/*
 * Every test names its streams with a fresh UUID and reads the global log from the head
 * it found when it started, so the suite also holds on a server that keeps other tests'
 * events (an EventStoreDB container shared by the run). Only the empty-store test relies
 * on the factory's promise of a fresh store.
 */

function newEvent(type: string, data: unknown = {}, metadata: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: { actor: 'contract-test', ...metadata } };
}

function streamName(label: string): string {
  return `${label}-${randomUUID()}`;
}

async function readAllAfter(store: EventStore, after: Position | undefined, pageSize = 100): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let checkpoint = after;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, maxCount: pageSize });
    events.push(...page);
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return events;
    checkpoint = last.position;
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
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

const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);

export function describeEventStoreContract(name: string, factory: () => EventStoreFactory | Promise<EventStoreFactory>): void {
  describe(`event store contract: ${name}`, () => {
    let stores: EventStoreFactory;
    let store: EventStore;
    const opened: EventStore[] = [];
    const subscriptions: Subscription[] = [];

    const fresh = async (options?: { firstPosition?: bigint }) => {
      const created = await stores.create(options);
      opened.push(created);
      return created;
    };

    beforeAll(async () => {
      stores = await factory();
      console.log(`event store contract "${name}" runs against: ${stores.description}`);
    });
    beforeEach(async () => {
      store = await fresh();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('append and optimistic concurrency', () => {
      it("appends to a new stream with 'no_stream', starting at revision 0", async () => {
        const stream = streamName('cp');
        const events = [newEvent('ChangeProposalRaised'), newEvent('ChangeProposalStatusChanged')];
        const result = await store.append(stream, events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(1);
        const stored = await store.readStream(stream);
        expect(stored.map((e) => [e.id, e.revision, e.stream])).toEqual([
          [events[0]!.id, 0, stream],
          [events[1]!.id, 1, stream],
        ]);
      });

      it('appends at the exact revision of the last event, and reports the position of the last event written', async () => {
        const stream = streamName('risk');
        await store.append(stream, [newEvent('RiskRaised')], 'no_stream');
        const more = [newEvent('RiskScoreAssessed'), newEvent('RiskMitigationChanged')];
        const result = await store.append(stream, more, 0);
        expect(result.nextExpectedRevision).toBe(2);
        const stored = await store.readStream(stream);
        expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(ids(stored.slice(1))).toEqual(ids(more));
        expect(comparePositions(result.position, stored[2]!.position)).toBe(0);
      });

      it('rejects a wrong expected revision with a ConcurrencyError naming expected and actual, and writes nothing', async () => {
        const stream = streamName('action');
        await store.append(stream, [newEvent('ActionRaised'), newEvent('ActionUpdated')], 'no_stream');
        const error = await rejectionOf(store.append(stream, [newEvent('ActionClosed')], 5));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ stream, expected: '5', actual: '1' });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('rejects an exact revision on a stream that does not exist, reporting it as no_stream', async () => {
        const stream = streamName('milestone');
        const error = await rejectionOf(store.append(stream, [newEvent('MilestoneAdded')], 0));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ stream, expected: '0', actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it("rejects 'no_stream' when the stream already exists", async () => {
        const stream = streamName('cp');
        await store.append(stream, [newEvent('ChangeProposalRaised')], 'no_stream');
        const error = await rejectionOf(store.append(stream, [newEvent('ChangeProposalRaised')], 'no_stream'));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ stream, expected: 'no_stream', actual: '0' });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it("appends with 'any' whether or not the stream exists", async () => {
        const stream = streamName('meeting');
        const first = await store.append(stream, [newEvent('MeetingScheduled')], 'any');
        const second = await store.append(stream, [newEvent('MeetingHeld')], 'any');
        expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([0, 1]);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['MeetingScheduled', 'MeetingHeld']);
      });

      it('lets exactly one of two concurrent appends at the same revision win', async () => {
        const stream = streamName('cp');
        await store.append(stream, [newEvent('ChangeProposalRaised')], 'no_stream');
        const mine = [newEvent('DecisionDateChanged', { by: 'REC' })];
        const theirs = [newEvent('DecisionDateChanged', { by: 'BSC' }), newEvent('ChangeProposalStatusChanged')];
        const outcomes = await Promise.allSettled([store.append(stream, mine, 0), store.append(stream, theirs, 0)]);

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(ConcurrencyError);
        const winner = outcomes[0].status === 'fulfilled' ? mine : theirs;
        expect(ids((await store.readStream(stream)).slice(1))).toEqual(ids(winner));
      });

      it('acknowledges concurrent appends to different streams, each at its own revision, and stores every one', async () => {
        const streams = Array.from({ length: 12 }, () => streamName('risk'));
        await Promise.all(streams.slice(0, 6).map((stream) => store.append(stream, [newEvent('RiskRaised')], 'no_stream')));
        const sent = streams.map((stream, i) => ({
          stream,
          events: Array.from({ length: 1 + (i % 3) }, () => newEvent('RiskScoreAssessed', { i })),
          expected: i < 6 ? 0 : ('no_stream' as const),
        }));
        const results = await Promise.all(sent.map(({ stream, events, expected }) => store.append(stream, events, expected)));

        const positions = new Set<string>();
        for (const [i, { stream, events, expected }] of sent.entries()) {
          const stored = await store.readStream(stream);
          const written = expected === 0 ? stored.slice(1) : stored;
          expect(ids(written)).toEqual(ids(events));
          expect(results[i]!.nextExpectedRevision).toBe(stored.length - 1);
          expect(comparePositions(results[i]!.position, stored.at(-1)!.position)).toBe(0);
          for (const event of written) positions.add(formatPosition(event.position));
        }
        expect(positions.size).toBe(sent.reduce((n, { events }) => n + events.length, 0));
      });

      it('fails only the append at a wrong revision among concurrent ones; the others are stored', async () => {
        const streams = Array.from({ length: 5 }, () => streamName('action'));
        await Promise.all(streams.map((stream) => store.append(stream, [newEvent('ActionRaised')], 'no_stream')));
        const sent = streams.map(() => [newEvent('ActionUpdated'), newEvent('ActionUpdated')]);
        const outcomes = await Promise.allSettled(streams.map((stream, i) => store.append(stream, sent[i]!, i === 2 ? 3 : 0)));

        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        const refused = outcomes[2] as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(ConcurrencyError);
        expect(refused.reason).toMatchObject({ stream: streams[2], expected: '3', actual: '0' });
        for (const [i, stream] of streams.entries()) {
          const stored = await store.readStream(stream);
          expect(ids(stored.slice(1))).toEqual(i === 2 ? [] : ids(sent[i]!));
        }
      });

      it('checks the expected revision of an empty append and writes nothing', async () => {
        const stream = streamName('risk');
        await store.append(stream, [newEvent('RiskRaised')], 'no_stream');
        const head = await store.headPosition();
        expect(await rejectionOf(store.append(stream, [], 3))).toBeInstanceOf(ConcurrencyError);
        const result = await store.append(stream, [], 0);
        expect(result.nextExpectedRevision).toBe(0);
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.headPosition()).toEqual(head);
      });
    });

    // At exact revisions (and 'no_stream') only: the port promises idempotency there on every
    // store; EventStoreDB's 'any' re-send check is a per-node cache a failover loses.
    describe('idempotent re-sends', () => {
      it('returns the original result and writes nothing when the same events are sent again at the same revision', async () => {
        const stream = streamName('cp');
        const baseline = await store.headPosition();
        const created = [newEvent('ChangeProposalRaised', { ref: 'R0209' }), newEvent('ChangeProposalLinked')];
        const createdResult = await store.append(stream, created, 'no_stream');
        const update = [newEvent('ChangeProposalStatusChanged', { status: 'Voting' })];
        const updateResult = await store.append(stream, update, 1);
        const logBefore = await readAllAfter(store, baseline);
        const headBefore = await store.headPosition();

        expect(await store.append(stream, update, 1)).toEqual(updateResult);
        expect(await store.append(stream, created, 'no_stream')).toEqual(createdResult);

        expect(await store.readStream(stream)).toHaveLength(3);
        expect(ids(await readAllAfter(store, baseline))).toEqual(ids(logBefore));
        expect(await store.headPosition()).toEqual(headBefore);
        expect(comparePositions(headBefore!, updateResult.position)).toBe(0);
      });

      it('rejects an event id re-sent with different data with an IdempotencyConflictError', async () => {
        const stream = streamName('cp');
        const raised = newEvent('ChangeProposalRaised', { ref: 'P478', title: 'Original' });
        await store.append(stream, [raised], 'no_stream');
        const altered = { ...raised, data: { ref: 'P478', title: 'Altered' } };
        const error = await rejectionOf(store.append(stream, [altered], 'no_stream'));
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        const stored = await store.readStream(stream);
        expect(stored.map((e) => e.data)).toEqual([{ ref: 'P478', title: 'Original' }]);
      });
    });

    describe('reading a stream', () => {
      const seed = async () => {
        const stream = streamName('milestone');
        const events = [0, 1, 2, 3, 4].map((n) => newEvent('MilestoneForecastChanged', { n }));
        await store.append(stream, events, 'no_stream');
        return stream;
      };
      const ns = (events: StoredEvent[]) => events.map((e) => (e.data as { n: number }).n);

      it('reads forwards and backwards, from an inclusive revision, up to maxCount', async () => {
        const stream = await seed();
        expect(ns(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4]);
        expect(ns(await store.readStream(stream, { direction: 'forwards' }))).toEqual([0, 1, 2, 3, 4]);
        expect(ns(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(ns(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual([2, 1, 0]);
        expect(ns(await store.readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([4, 3]);
        expect(ns(await store.readStream(stream, { fromRevision: 1, maxCount: 3 }))).toEqual([1, 2, 3]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual([3, 2]);
      });

      it('returns every field of the stored event', async () => {
        const stream = streamName('action');
        const event = newEvent('ActionRaised', { ref: 'CCAG35-01' }, { reason: 'raised at CCAG 35' });
        await store.append(stream, [event], 'no_stream');
        const [stored] = await store.readStream(stream);
        expect(stored).toMatchObject({
          id: event.id,
          stream,
          revision: 0,
          type: 'ActionRaised',
          data: { ref: 'CCAG35-01' },
          metadata: { actor: 'contract-test', reason: 'raised at CCAG 35' },
        });
      });

      it('reads a stream that does not exist as empty, in both directions', async () => {
        const stream = streamName('nothing');
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
      });
    });

    describe('the global log', () => {
      it('returns the events of interleaved streams in append order, with strictly increasing positions', async () => {
        const baseline = await store.headPosition();
        const [a, b, c] = [streamName('cp'), streamName('risk'), streamName('action')];
        const appended: NewEvent[] = [];
        const append = async (stream: string, count: number, expected: 'no_stream' | number) => {
          const events = Array.from({ length: count }, () => newEvent('Something'));
          await store.append(stream, events, expected);
          appended.push(...events);
        };
        await append(a, 2, 'no_stream');
        await append(b, 1, 'no_stream');
        await append(a, 1, 1);
        await append(c, 3, 'no_stream');
        await append(b, 2, 0);

        const log = await readAllAfter(store, baseline);
        expect(ids(log)).toEqual(ids(appended));
        log.slice(1).forEach((event, i) => expect(comparePositions(log[i]!.position, event.position)).toBe(-1));
        expect(log.map((e) => [e.stream, e.revision])).toEqual([
          [a, 0],
          [a, 1],
          [b, 0],
          [a, 2],
          [c, 0],
          [c, 1],
          [c, 2],
          [b, 1],
          [b, 2],
        ]);
      });

      it('reads strictly after the given position, and paging by maxCount visits every event once', async () => {
        const baseline = await store.headPosition();
        const stream = streamName('cp');
        const events = Array.from({ length: 7 }, (_, n) => newEvent('Something', { n }));
        await store.append(stream, events.slice(0, 4), 'no_stream');
        await store.append(stream, events.slice(4), 3);
        const log = await readAllAfter(store, baseline);

        const afterFourth = await store.readAll({ after: log[3]!.position, maxCount: 100 });
        expect(ids(afterFourth)).toEqual(ids(events.slice(4)));
        expect(await store.readAll({ after: log[6]!.position, maxCount: 100 })).toEqual([]);

        const firstPage = await store.readAll({ after: baseline, maxCount: 3 });
        expect(ids(firstPage)).toEqual(ids(events.slice(0, 3)));
        expect(ids(await readAllAfter(store, baseline, 2))).toEqual(ids(events));
        expect(ids(await readAllAfter(store, baseline, 1))).toEqual(ids(events));
      });

      it('has no head position while empty, then the position of the last event appended', async () => {
        expect(await store.headPosition()).toBeUndefined();
        expect(await store.readAll({ maxCount: 10 })).toEqual([]);
        await store.append(streamName('cp'), [newEvent('ChangeProposalRaised')], 'no_stream');
        const last = await store.append(streamName('risk'), [newEvent('RiskRaised'), newEvent('RiskScoreAssessed')], 'no_stream');
        const head = await store.headPosition();
        expect(head).toBeDefined();
        expect(comparePositions(head!, last.position)).toBe(0);
        const log = await store.readAll({ maxCount: 10 });
        expect(comparePositions(log.at(-1)!.position, head!)).toBe(0);
      });
    });

    describe('stored content', () => {
      it('round-trips data and metadata JSON exactly', async () => {
        const stream = streamName('cp');
        const data = {
          ref: 'DCP444',
          title: 'Update 20/11 – “MHHS” impact £ é ü 中文 🙂',
          summary: '',
          numbers: [0, 1, -1, 0.1, 1.5e-7, 123456789.125, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21],
          flags: { on: true, off: false, none: null },
          nested: {
            keyDates: [
              { label: 'Consultation', on: '2024-12-05' },
              { label: 'Decision', on: null },
            ],
            deep: { a: { b: { c: [[], {}] } } },
          },
          escapes: 'line\nbreak\ttab "quoted" \\ back\u0001slash',
        };
        const metadata = {
          actor: 'rec-code-manager',
          reason: 'Bulk import ⚡',
          schemaVersion: 3,
          correlationId: randomUUID(),
          nested: { list: [1, 'two', null] },
        };
        const event: NewEvent = { id: randomUUID(), type: 'ChangeProposalRaised', data, metadata };
        const baseline = await store.headPosition();
        await store.append(stream, [event], 'no_stream');
        const [stored] = await store.readStream(stream);
        expect(stored!.data).toEqual(data);
        expect(stored!.metadata).toEqual(metadata);
        const [fromLog] = (await readAllAfter(store, baseline)).filter((e) => e.id === event.id);
        expect(fromLog!.data).toEqual(data);
        expect(fromLog!.metadata).toEqual(metadata);
      });

      it('sets recordedAt itself, as an ISO-8601 UTC time (on the embedded store, one that never decreases along the log)', async () => {
        const baseline = await store.headPosition();
        const claimed = '1999-01-01T00:00:00.000Z';
        for (let i = 0; i < 5; i++) {
          await store.append(streamName('cp'), [newEvent('Something', { recordedAt: claimed }, { recordedAt: claimed })], 'no_stream');
        }
        const log = await readAllAfter(store, baseline);
        expect(log).toHaveLength(5);
        for (const event of log) {
          expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
          expect(event.recordedAt).not.toBe(claimed);
        }
        if (stores.recordedAtNeverDecreases) {
          log.slice(1).forEach((event, i) => expect(event.recordedAt >= log[i]!.recordedAt).toBe(true));
        }
      });
    });

    describe('subscribing to the global log', () => {
      const collect = (from: Position | undefined, maxBatchSize?: number) => {
        const received: StoredEvent[] = [];
        const batches: number[] = [];
        const subscription = store.subscribeAll({ after: from, maxBatchSize }, (batch) => {
          batches.push(batch.length);
          received.push(...batch);
        });
        subscriptions.push(subscription);
        return { received, batches, subscription };
      };

      it('delivers earlier events first (catch-up), then later ones live, in order and each once', async () => {
        const baseline = await store.headPosition();
        const early = [newEvent('Early', { n: 1 }), newEvent('Early', { n: 2 }), newEvent('Early', { n: 3 })];
        await store.append(streamName('cp'), early.slice(0, 2), 'no_stream');
        await store.append(streamName('risk'), early.slice(2), 'no_stream');

        const { received } = collect(baseline, 2);
        await waitUntil(() => received.length >= 3, 'the catch-up events');

        const late = [newEvent('Late', { n: 4 }), newEvent('Late', { n: 5 })];
        const stream = streamName('action');
        await store.append(stream, late.slice(0, 1), 'no_stream');
        await store.append(stream, late.slice(1), 0);
        await waitUntil(() => received.length >= 5, 'the live events');

        expect(ids(received)).toEqual(ids([...early, ...late]));
        received.slice(1).forEach((event, i) => expect(comparePositions(received[i]!.position, event.position)).toBe(-1));
      });

      it('delivers only the events after the checkpoint it starts from', async () => {
        const stream = streamName('cp');
        const events = [newEvent('A'), newEvent('B'), newEvent('C')];
        await store.append(stream, events, 'no_stream');
        const [, second] = await store.readStream(stream);

        const { received } = collect(second!.position);
        const later = newEvent('D');
        await store.append(stream, [later], 2);
        await waitUntil(() => received.length >= 2, 'the events after the checkpoint');
        expect(ids(received)).toEqual([events[2]!.id, later.id]);
      });

      it('stops delivering once closed, and its done promise resolves', async () => {
        const baseline = await store.headPosition();
        const stream = streamName('cp');
        const first = newEvent('First');
        await store.append(stream, [first], 'no_stream');
        const closing = collect(baseline);
        await waitUntil(() => closing.received.length >= 1, 'the first event');
        await closing.subscription.close();
        await expect(closing.subscription.done).resolves.toBeUndefined();

        const second = newEvent('Second');
        await store.append(stream, [second], 0);
        // A second subscription seeing the new event shows it was there to deliver.
        const witness = collect(baseline);
        await waitUntil(() => witness.received.length >= 2, 'the witness to see both events');
        expect(ids(closing.received)).toEqual([first.id]);
      });

      it('hands batches to the handler one at a time, never more than maxBatchSize', async () => {
        const baseline = await store.headPosition();
        const events = Array.from({ length: 6 }, (_, n) => newEvent('Something', { n }));
        await store.append(streamName('cp'), events, 'no_stream');
        let running = 0;
        let overlapped = false;
        const batchSizes: number[] = [];
        const received: StoredEvent[] = [];
        const subscription = store.subscribeAll({ after: baseline, maxBatchSize: 2 }, async (batch) => {
          running += 1;
          if (running > 1) overlapped = true;
          batchSizes.push(batch.length);
          await new Promise((resolve) => setTimeout(resolve, 5));
          received.push(...batch);
          running -= 1;
        });
        subscriptions.push(subscription);
        await waitUntil(() => received.length >= 6, 'all six events');
        expect(overlapped).toBe(false);
        expect(Math.max(...batchSizes)).toBeLessThanOrEqual(2);
        expect(ids(received)).toEqual(ids(events));
      });

      it('rejects done with the error a handler threw, and delivers nothing more', async () => {
        const baseline = await store.headPosition();
        const stream = streamName('cp');
        await store.append(stream, [newEvent('First')], 'no_stream');
        let calls = 0;
        const subscription = store.subscribeAll({ after: baseline }, () => {
          calls += 1;
          throw new Error('projection failed');
        });
        subscriptions.push(subscription);
        await expect(subscription.done).rejects.toThrow('projection failed');
        await store.append(stream, [newEvent('Second')], 0);
        await subscription.close();
        expect(calls).toBe(1);
      });
    });

    describe('positions', () => {
      it('carries a position near 2^63 exactly through append, readAll and its text form', async () => {
        const first = 2n ** 63n - 5n;
        const target = stores.supportsFirstPosition ? await fresh({ firstPosition: first }) : store;
        const baseline = await target.headPosition();
        const stream = streamName('cp');
        await target.append(stream, [newEvent('A'), newEvent('B')], 'no_stream');
        const last = await target.append(streamName('risk'), [newEvent('C')], 'no_stream');

        const log = await readAllAfter(target, baseline);
        expect(log.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        if (stores.supportsFirstPosition) {
          expect(log[0]!.position.commit >= first).toBe(true);
          for (const event of log) expect(event.position.commit > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
        }
        for (const event of log) {
          const text = formatPosition(event.position);
          expect(parsePosition(text)).toEqual(event.position);
        }
        expect(comparePositions(last.position, log[2]!.position)).toBe(0);
        expect(comparePositions((await target.headPosition())!, log[2]!.position)).toBe(0);

        const resumed = parsePosition(formatPosition(log[0]!.position));
        const rest = await target.readAll({ after: resumed, maxCount: 10 });
        expect(rest.map((e) => e.type)).toEqual(['B', 'C']);
        expect(rest.map((e) => e.position)).toEqual([log[1]!.position, log[2]!.position]);
      });
    });
  });
}
