import { randomUUID } from 'node:crypto';
import { DeadlineExceededError, EventStoreDBClient, jsonEvent, MaxAppendSizeExceededError, FORWARDS, START } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointNotInLogError, IntegrityError, UnavailableError, ValidationError } from '../../services/core/errors.ts';
import type { EventStore, SubscriptionConnectionChange } from '../../services/core/event-store.ts';
import { createEsdbEventStore } from '../../services/eventstore/esdb/esdb-event-store.ts';
import { startEsdbStandin, type EsdbStandin } from '../support/esdb-standin/server.ts';
import {
  expectEveryAcknowledgedWriteOnce,
  expectReadModelEqualsRebuild,
  openFaultRig,
  quickStoreOptions,
  rejectionOf,
  waitUntil,
  type FaultRig,
} from './esdb-fault-kit.ts';

/*
 * Real-server behaviours the stand-in switches on one at a time (tests/support/esdb-standin/
 * faults.ts). Faults cannot be injected into a real server, so these always run on stand-ins
 * of their own, also when ESDB_CONNECTION_STRING names one; the adapter's and the contract's
 * suites run on that server.
 */
console.log('EventStoreDB fault modes: stand-ins of their own (tests/support/esdb-standin), one per test');

const rigs: FaultRig[] = [];
const others: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
  await Promise.all(others.splice(0).map((other) => other.close()));
});

async function rig(...args: Parameters<typeof openFaultRig>): Promise<FaultRig> {
  const opened = await openFaultRig(...args);
  rigs.push(opened);
  return opened;
}

async function standin(): Promise<EsdbStandin> {
  const started = await startEsdbStandin();
  others.push({ close: () => started.stop() });
  return started;
}

function storeOn(server: EsdbStandin, options: Partial<Parameters<typeof createEsdbEventStore>[0]> = {}): EventStore {
  const store = createEsdbEventStore({
    connectionString: server.connectionString,
    streamPrefix: `s${randomUUID().slice(0, 8)}-`,
    ...quickStoreOptions,
    ...options,
  });
  others.push(store);
  return store;
}

function rawClient(server: EsdbStandin): EventStoreDBClient {
  const client = EventStoreDBClient.connectionString(server.connectionString);
  others.push({ close: () => client.dispose() });
  return client;
}

const event = (data: unknown = {}) => ({ id: randomUUID(), type: 'RiskRaised', data, metadata: { actor: 'fault-test' } });

describe('EventStoreDB faults, each as a real server behaves', () => {
  it('a follower lagging on reads: read-backs and command reads go to the leader', async () => {
    const r = await rig();
    r.standin.faults.followerLagMs = 60_000;
    await r.raise('R1');
    await r.assess('R1', 9);
    await r.raise('R2');
    // The fault is real: a read that does not ask for the leader does not see the writes.
    const follower = rawClient(r.standin);
    const seen = [];
    for await (const e of follower.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 100 })) seen.push(e);
    expect(seen.filter((e) => e.event && !e.event.streamId.startsWith('$'))).toEqual([]);
    // The whole-log checks read $all, which a follower may serve: once it has caught up.
    r.standin.faults.followerLagMs = 0;
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);
    expect(r.register.queries.item('risk:R1')).toMatchObject({ version: 2, view: { score: 9 } });
  });

  it('a new leader still indexing: a read-back that misses is read again before it is called an integrity failure', async () => {
    const r = await rig({ readBackGraceMs: 2_000 });
    r.standin.faults.leaderLagMs = 150;
    await r.raise('R1');
    await r.assess('R1', 4);
    r.standin.faults.leaderLagMs = 0;
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);

    // Beyond the grace, the acknowledged-but-absent write is an integrity failure, as documented.
    const server = await standin();
    server.faults.leaderLagMs = 10_000;
    const store = storeOn(server, { readBackGraceMs: 50 });
    expect(await rejectionOf(store.append(`risk-${randomUUID()}`, [event()], 'no_stream'))).toBeInstanceOf(IntegrityError);
  });

  it('a leader change during appends: NotLeader before and after the write, then the new leader', async () => {
    const r = await rig();
    await r.raise('R1');
    r.standin.faults.followerLagMs = 60_000;
    r.standin.failNextAppends(1, { kind: 'not-leader', afterWrite: true });
    await r.assess('R1', 12);
    r.standin.failNextAppends(1, { kind: 'not-leader' });
    r.standin.faults.notLeaderReads = 2;
    await r.raise('R2');
    r.standin.faults.followerLagMs = 0;
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);
    expect(r.register.queries.item('risk:R1')).toMatchObject({ version: 2, view: { score: 12 } });
  });

  it('"Server Is Not Ready" and "Server Is Busy" per-request errors are retried with the same ids', async () => {
    const logged: string[] = [];
    const r = await rig({}, { logger: { info: (line) => logged.push(line), warn: (line) => logged.push(line) } });
    const before = r.standin.appendAttempts;
    r.standin.failNextAppends(2, { kind: 'not-ready' });
    await r.raise('R1');
    r.standin.failNextAppends(2, { kind: 'busy' });
    await r.assess('R1', 3);
    r.standin.failNextAppends(1, { kind: 'shutdown' });
    await r.raise('R2');
    expect(r.standin.appendAttempts - before).toBe(3 + 3 + 2);
    expect(logged.filter((line) => line.includes('retrying the append to'))).toHaveLength(2 + 2 + 1);
    expect(logged.some((line) => /Could not recognize Server Is Not Ready/.test(line))).toBe(true);
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);
  });

  it('a server that stays busy: UNAVAILABLE after the retry budget, nothing acknowledged, nothing written', async () => {
    const r = await rig({ retryBudgetMs: 300 });
    await r.raise('R1');
    r.standin.failNextAppends(1_000, { kind: 'busy' });
    const error = await rejectionOf(r.assess('R1', 2));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect((error as Error).message).toMatch(/Server Is Busy.*sending the same request again is safe/);
    r.standin.faults.appendFaults.length = 0;
    await expectEveryAcknowledgedWriteOnce(r);
    // The user sends it again and it lands once.
    await r.assess('R1', 2);
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);
  });

  it('append timeouts that did commit: the retry with the same ids settles it, written once', async () => {
    const r = await rig();
    r.standin.failNextAppends(1, { kind: 'commit-timeout', afterWrite: true });
    await r.raise('R1');
    r.standin.failNextAppends(2, { kind: 'commit-timeout', afterWrite: true });
    await r.assess('R1', 7);
    r.standin.failNextAppends(1, { kind: 'shutdown', afterWrite: true });
    await r.assess('R1', 8);
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);
    expect(r.register.queries.item('risk:R1')).toMatchObject({ version: 3, view: { score: 8 } });
  });

  it('an append over 1 MiB: refused before it is sent, BAD_USER_INPUT naming the field; the server refuses it too', async () => {
    const server = await standin();
    const store = storeOn(server);
    const stream = `risk-${randomUUID()}`;
    const before = server.appendAttempts;
    const large = event({ riskId: 'R1', description: 'x'.repeat(1_048_576), score: 1 });
    const error = await rejectionOf(store.append(stream, [large], 'no_stream'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((error as ValidationError).issues[0]!.path).toEqual(['events', 0, 'data', 'description']);
    expect(server.appendAttempts).toBe(before);
    // Just under the limit passes.
    const fits = event({ description: 'x'.repeat(1_048_576 - 200) });
    await store.append(stream, [fits], 'no_stream');
    // The stand-in, like the server, refuses what the adapter's check would have caught.
    const client = rawClient(server);
    expect(
      await rejectionOf(client.appendToStream(`raw-${randomUUID()}`, jsonEvent({ type: 'X', data: { big: 'x'.repeat(1_100_000) } }))),
    ).toBeInstanceOf(MaxAppendSizeExceededError);
    // An adapter allowed more than the server: the server's refusal is still BAD_USER_INPUT.
    const generous = storeOn(server, { maxAppendBytes: 4 * 1_048_576 });
    expect(await rejectionOf(generous.append(`risk-${randomUUID()}`, [large], 'no_stream'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await store.readStream(stream)).map((e) => e.id)).toEqual([fits.id]);
  });

  it('invalid $all positions are refused: a checkpoint from another store is named, not retried', async () => {
    const server = await standin();
    const store = storeOn(server);
    await store.append(`risk-${randomUUID()}`, [event()], 'no_stream');
    // A checkpoint from an embedded-SQLite read model: a small position in the middle of a record.
    const foreign = { commit: 7n, prepare: 7n };
    const read = await rejectionOf(store.readAll({ after: foreign, maxCount: 10 }));
    expect(read).toBeInstanceOf(CheckpointNotInLogError);
    expect((read as Error).message).toContain('position 7:');
    const subscription = store.subscribeAll({ after: foreign }, () => undefined);
    others.push({ close: () => subscription.close() });
    await expect(subscription.done).rejects.toBeInstanceOf(CheckpointNotInLogError);
  });

  it('recorded times that step back after a failover: a time maps to the last position recorded at or before it', async () => {
    const r = await rig();
    await r.raise('R1');
    const [first] = await r.register.store.readAll({ maxCount: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await r.raise('R2');
    // The new leader's clock is an hour behind.
    r.standin.faults.clockOffsetMs = -3_600_000;
    await r.raise('R3');
    const log = await expectEveryAcknowledgedWriteOnce(r);
    const times = log.map((e) => e.recordedAt);
    expect(times[2]! < times[1]!).toBe(true);
    // At the first event's time, R3 (recorded "earlier" by the new leader) is already in.
    const point = r.register.queries.resolve({ time: first!.recordedAt });
    expect(point?.seq).toBe(3);
    await expectReadModelEqualsRebuild(r);
  });

  it('a client clock behind the server: appends still succeed; far behind, UNAVAILABLE says to synchronise clocks', async () => {
    const r = await rig({ retryBudgetMs: 500 });
    r.standin.faults.clockOffsetMs = 30_000;
    // The fault is real: the client's own default deadline (10 s) reaches the server already passed.
    const client = rawClient(r.standin);
    expect(await rejectionOf(client.appendToStream(`raw-${randomUUID()}`, jsonEvent({ type: 'X', data: {} })))).toBeInstanceOf(
      DeadlineExceededError,
    );
    await r.raise('R1');
    await r.assess('R1', 5);
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);

    r.standin.faults.clockOffsetMs = 3_600_000;
    const error = await rejectionOf(r.assess('R1', 6));
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect((error as Error).message).toMatch(/clock.*synchronise/);
  });

  it('a subscription that drops for a minute (compressed) keeps resubscribing with capped, jittered backoff, then catches up', async () => {
    // A long outage against a 5 s backoff cap in production; here against 100 ms. The outage
    // lasts until the subscription has been refused more often than the 8 attempts after which
    // the old one gave up for good: counted, not timed, so a loaded machine makes it longer, not
    // fewer attempts; a subscription that gives up never gets there.
    const logged: string[] = [];
    const r = await rig({}, { logger: { info: (line) => logged.push(line), warn: (line) => logged.push(line) } });
    const changes: SubscriptionConnectionChange[] = [];
    const store = r.register.store;
    const received: string[] = [];
    const subscription = store.subscribeAll({ onConnectionChange: (change) => changes.push(change) }, (batch) => {
      received.push(...batch.map((e) => e.id));
    });
    others.push({ close: () => subscription.close() });
    const dropsSoFar = () => changes.filter((c): c is Extract<SubscriptionConnectionChange, { state: 'dropped' }> => c.state === 'dropped');
    await r.raise('R1');
    await waitUntil(() => received.length === 1, 'the first event');

    r.standin.outage(3_600_000);
    // Writes during the outage fail as UNAVAILABLE once the budget is spent (a short one here).
    const during = createEsdbEventStore({ connectionString: r.standin.connectionString, ...quickStoreOptions, retryBudgetMs: 200 });
    others.push(during);
    expect(await rejectionOf(during.append(`risk-${randomUUID()}`, [event()], 'no_stream'))).toMatchObject({ code: 'UNAVAILABLE' });
    await waitUntil(() => dropsSoFar().length > 8, 'more than 8 refused resubscriptions during the outage', 60_000);
    expect(changes.some((c) => c.state === 'live')).toBe(false);
    // The node is back.
    r.standin.faults.outageUntil = 0;

    await waitUntil(() => changes.some((c) => c.state === 'live'), 'the subscription to be live again', 30_000);
    const drops = dropsSoFar();
    // More attempts than the 8 after which the old subscription gave up for good.
    expect(drops.length).toBeGreaterThan(8);
    expect(drops.map((d) => d.attempt)).toEqual(drops.map((_, i) => i + 1));
    for (const drop of drops) {
      const step = Math.min(100, 10 * 2 ** (drop.attempt - 1));
      expect(drop.retryInMs).toBeGreaterThanOrEqual(Math.floor(step / 2));
      expect(drop.retryInMs).toBeLessThanOrEqual(step);
    }
    expect(changes.at(-1)).toEqual({ state: 'live', afterAttempts: drops.length });
    // What an operator sees in the logs (the runner's subscription and this one both report).
    expect(logged.some((line) => /subscription to \$all dropped \(attempt 1\); resubscribing in \d+ ms/.test(line))).toBe(true);
    expect(logged.some((line) => /subscription to \$all is live again after \d+ attempt/.test(line))).toBe(true);

    await r.raise('R2');
    await waitUntil(() => received.length === 2, 'the event written after the outage');
    expect(r.register.runner.error).toBeUndefined();
    await expectEveryAcknowledgedWriteOnce(r);
    await expectReadModelEqualsRebuild(r);
  }, 120_000);

  it('a node that accepts calls and never answers: every read and subscription has a deadline', async () => {
    const server = await standin();
    const store = storeOn(server, { readTimeoutMs: 150 });
    const stream = `risk-${randomUUID()}`;
    const written = event();
    await store.append(stream, [written], 'no_stream');
    server.faults.hungReads = 2;
    expect((await store.readStream(stream)).map((e) => e.id)).toEqual([written.id]);
    expect(server.faults.hungReads).toBe(0);

    const changes: SubscriptionConnectionChange[] = [];
    const received: string[] = [];
    server.faults.hungReads = 1;
    const subscription = store.subscribeAll(
      { onConnectionChange: (c) => changes.push(c) },
      (batch) => void received.push(...batch.map((e) => e.id)),
    );
    others.push({ close: () => subscription.close() });
    await waitUntil(() => received.length === 1, 'the event, after the unconfirmed subscription was given up');
    expect(changes[0]).toMatchObject({
      state: 'dropped',
      attempt: 1,
      error: expect.stringMatching(/did not confirm the subscription within 150 ms/),
    });

    server.faults.hungReads = 1_000;
    expect(await rejectionOf(storeOn(server, { readTimeoutMs: 50, retryBudgetMs: 200 }).readStream(stream))).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/got no answer within 50 ms/),
    });
    server.faults.hungReads = 0;
  });

  it('a soft-deleted stream, whose revisions no longer start at 0, is refused by name', async () => {
    const server = await standin();
    const prefix = `d${randomUUID().slice(0, 8)}-`;
    const store = storeOn(server, { streamPrefix: prefix });
    const stream = `risk-${randomUUID()}`;
    await store.append(stream, [event(), event()], 'no_stream');
    server.softDeleteStream(prefix + stream);
    expect(await store.readStream(stream)).toEqual([]);
    const write = await rejectionOf(store.append(stream, [event()], 'no_stream'));
    expect(write).toBeInstanceOf(IntegrityError);
    expect((write as Error).message).toContain(`Stream ${stream} continues at revision 2`);
    const read = await rejectionOf(store.readStream(stream));
    expect(read).toBeInstanceOf(IntegrityError);
    expect((read as Error).message).toContain(stream);
  });
});
