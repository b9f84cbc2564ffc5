import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, IdempotencyConflictError, ValidationError } from '../../services/core/errors.ts';
import type { EventStore, NewEvent, StoredEvent } from '../../services/core/event-store.ts';
import { positionOf } from '../../services/core/position.ts';
import { createSqliteEventStore, type SqliteStoreOptions } from '../../services/eventstore/sqlite/sqlite-event-store.ts';

const opened: EventStore[] = [];
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tempFile(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ccag-sqlite-'));
  directories.push(directory);
  return join(directory, 'events.db');
}

function open(options: Partial<SqliteStoreOptions> = {}): EventStore {
  const store = createSqliteEventStore({ path: ':memory:', pollIntervalMs: 20, ...options });
  opened.push(store);
  return store;
}

function newEvent(type: string, data: unknown = {}, metadata: Record<string, unknown> = { actor: 'test' }): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('idempotent re-sends, as EventStoreDB treats them', () => {
  it("accepts a re-send of a stream's first append with 'no_stream' even after the stream moved on", async () => {
    const store = open();
    const first = [newEvent('ChangeProposalRaised'), newEvent('ChangeProposalLinked')];
    const original = await store.append('cp-1', first, 'no_stream');
    await store.append('cp-1', [newEvent('DecisionDateChanged')], 1);
    expect(await store.append('cp-1', first, 'no_stream')).toEqual(original);
    expect(await store.readStream('cp-1')).toHaveLength(3);
  });

  it("accepts a re-send with 'any' wherever the events sit in the stream", async () => {
    const store = open();
    await store.append('cp-1', [newEvent('ChangeProposalRaised')], 'any');
    const second = [newEvent('DecisionDateChanged')];
    const original = await store.append('cp-1', second, 'any');
    await store.append('cp-1', [newEvent('ChangeProposalStatusChanged')], 'any');
    expect(await store.append('cp-1', second, 'any')).toEqual(original);
    expect(await store.readStream('cp-1')).toHaveLength(3);
  });

  it('treats the same content written with another key order as the same event', async () => {
    const store = open();
    const event = newEvent('RiskScoreAssessed', { score: 20, band: 'Medium' }, { actor: 'a', reason: 'r' });
    const original = await store.append('risk-1', [event], 'no_stream');
    const reordered = { ...event, data: { band: 'Medium', score: 20 }, metadata: { reason: 'r', actor: 'a' } };
    expect(await store.append('risk-1', [reordered], 'no_stream')).toEqual(original);
  });

  it.each([
    ['a different type', (e: NewEvent) => ({ ...e, type: 'Other' })],
    ['different metadata', (e: NewEvent) => ({ ...e, metadata: { actor: 'someone else' } })],
  ])('rejects an id re-sent with %s', async (_, alter) => {
    const store = open();
    const event = newEvent('ActionRaised');
    await store.append('action-1', [event], 'no_stream');
    expect(await rejectionOf(store.append('action-1', [alter(event)], 'no_stream'))).toBeInstanceOf(IdempotencyConflictError);
  });

  it('rejects an id that already sits in another stream', async () => {
    const store = open();
    const event = newEvent('ActionRaised');
    await store.append('action-1', [event], 'no_stream');
    const error = await rejectionOf(store.append('action-2', [event], 'no_stream'));
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(error).toMatchObject({ key: event.id });
    expect(await store.readStream('action-2')).toEqual([]);
  });

  it('rejects ids re-sent at another expected revision than they were written with', async () => {
    const store = open();
    const first = newEvent('ActionRaised');
    const second = newEvent('ActionUpdated');
    await store.append('action-1', [first], 'no_stream');
    await store.append('action-1', [second], 0);
    expect(await rejectionOf(store.append('action-1', [second], 'no_stream'))).toBeInstanceOf(IdempotencyConflictError);
    expect(await rejectionOf(store.append('action-1', [first], 0))).toBeInstanceOf(IdempotencyConflictError);
    expect(await store.readStream('action-1')).toHaveLength(2);
  });

  it('rejects a batch that only partly repeats an earlier one, whichever part repeats', async () => {
    const store = open();
    const written = [newEvent('A'), newEvent('B')];
    await store.append('cp-1', written, 'no_stream');
    const headBefore = await store.headPosition();
    const fresh = newEvent('C');
    for (const batch of [
      [written[0]!, fresh],
      [fresh, written[1]!],
    ]) {
      expect(await rejectionOf(store.append('cp-1', batch, 'no_stream'))).toBeInstanceOf(IdempotencyConflictError);
    }
    expect(await store.headPosition()).toEqual(headBefore);
  });

  it('refuses one id twice in the same append', async () => {
    const store = open();
    const event = newEvent('A');
    expect(await rejectionOf(store.append('cp-1', [event, event], 'no_stream'))).toBeInstanceOf(ValidationError);
    expect(await store.headPosition()).toBeUndefined();
  });
});

describe('recordedAt', () => {
  it('follows the clock to the millisecond but never goes back when the clock does', async () => {
    let now = new Date('2024-11-27T10:00:00.123Z');
    const store = open({ clock: () => now });
    await store.append('cp-1', [newEvent('A')], 'any');
    now = new Date('2024-11-27T09:00:00.000Z');
    await store.append('cp-1', [newEvent('B'), newEvent('C')], 'any');
    now = new Date('2024-11-27T11:30:00.456Z');
    await store.append('cp-1', [newEvent('D')], 'any');
    const recorded = (await store.readStream('cp-1')).map((e) => e.recordedAt);
    expect(recorded).toEqual([
      '2024-11-27T10:00:00.123Z',
      '2024-11-27T10:00:00.123Z',
      '2024-11-27T10:00:00.123Z',
      '2024-11-27T11:30:00.456Z',
    ]);
  });
});

describe('positions at the top of the 64-bit range', () => {
  it('fills the log up to 2^63 - 1 and then refuses appends without writing any part of them', async () => {
    const top = 2n ** 63n - 1n;
    const store = open({ firstPosition: top - 2n });
    const result = await store.append('cp-1', [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
    expect(result.position).toEqual(positionOf(top));
    expect(await rejectionOf(store.append('cp-2', [newEvent('D')], 'no_stream'))).toBeInstanceOf(RangeError);
    expect(await store.readStream('cp-2')).toEqual([]);
    expect(await store.headPosition()).toEqual(positionOf(top));
  });

  it('reads nothing after a position beyond what SQLite can hold', async () => {
    const store = open();
    await store.append('cp-1', [newEvent('A')], 'no_stream');
    expect(await store.readAll({ after: positionOf(2n ** 64n - 1n), maxCount: 10 })).toEqual([]);
  });
});

describe('the database file', () => {
  it('keeps events, positions and where the log starts across close and reopen', async () => {
    const path = tempFile();
    const first = createSqliteEventStore({ path, firstPosition: 1_000n });
    await first.close();
    const store = open({ path, firstPosition: 5n });
    const appended = await store.append('cp-1', [newEvent('A', { ref: 'R0209' })], 'no_stream');
    expect(appended.position).toEqual(positionOf(1_000n));
    await store.close();

    const reopened = open({ path });
    expect(await reopened.readStream('cp-1')).toMatchObject([{ data: { ref: 'R0209' }, revision: 0, position: positionOf(1_000n) }]);
    expect(await reopened.append('cp-1', [newEvent('B')], 0)).toEqual({ nextExpectedRevision: 1, position: positionOf(1_001n) });
  });

  it('is in WAL mode and describes itself by its path', async () => {
    const path = tempFile();
    const store = open({ path });
    expect(store.description).toBe(`embedded SQLite (${path})`);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('refuses a file written by a newer schema rather than misreading it', async () => {
    const path = tempFile();
    await createSqliteEventStore({ path }).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => createSqliteEventStore({ path })).toThrow(/schema version 99/);
  });

  it('rejects options it cannot honour', () => {
    expect(() => createSqliteEventStore({ path: ':memory:', synchronous: 'SOMETIMES' as 'FULL' })).toThrow(ValidationError);
    expect(() => createSqliteEventStore({ path: ':memory:', firstPosition: 0n })).toThrow(ValidationError);
    expect(() => createSqliteEventStore({ path: '' })).toThrow(ValidationError);
  });
});

describe('live subscriptions', () => {
  it('are woken by an append through the same instance without waiting for the poll', async () => {
    const store = open({ pollIntervalMs: 600_000 });
    const received: StoredEvent[] = [];
    const subscription = store.subscribeAll({}, (batch) => {
      received.push(...batch);
    });
    await store.append('cp-1', [newEvent('A')], 'no_stream');
    await waitUntil(() => received.length >= 1, 'the in-process wake-up');
    await store.append('cp-1', [newEvent('B')], 0);
    await waitUntil(() => received.length >= 2, 'the second wake-up');
    expect(received.map((e) => e.type)).toEqual(['A', 'B']);
    await subscription.close();
  });
});

describe('two store instances on one file (two processes sharing the register)', () => {
  it('shows a live subscriber the appends made through the other instance', async () => {
    const path = tempFile();
    const reader = open({ path });
    const writer = open({ path });
    const received: StoredEvent[] = [];
    const subscription = reader.subscribeAll({}, (batch) => {
      received.push(...batch);
    });
    const event = newEvent('ChangeProposalRaised');
    await writer.append('cp-1', [event], 'no_stream');
    await waitUntil(() => received.length >= 1, 'the other instance’s append');
    expect(received.map((e) => e.id)).toEqual([event.id]);
    await subscription.close();
  });

  it('lets only one of them write at a given revision', async () => {
    const path = tempFile();
    const one = open({ path });
    const other = open({ path });
    await one.append('cp-1', [newEvent('A')], 'no_stream');
    await one.append('cp-1', [newEvent('B')], 0);
    const error = await rejectionOf(other.append('cp-1', [newEvent('C')], 0));
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: '0', actual: '1' });
  });
});

describe('group commit', () => {
  /** Frames in the write-ahead log: every commit writes each page it changed once more. */
  const walFrames = (path: string) => {
    const db = new Database(path);
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      return result!.log;
    } finally {
      db.close();
    }
  };
  const streams = Array.from({ length: 20 }, (_, i) => `risk-R${900 + i}`);

  it('commits appends made together in one transaction, so they share one fsync', async () => {
    const together = tempFile();
    const grouped = open({ path: together });
    await Promise.all(streams.map((stream) => grouped.append(stream, [newEvent('RiskRaised')], 'no_stream')));
    const oneByOne = tempFile();
    const single = open({ path: oneByOne });
    for (const stream of streams) await single.append(stream, [newEvent('RiskRaised')], 'no_stream');

    // One commit writes a handful of pages; twenty commits write them twenty times over.
    expect(walFrames(together)).toBeLessThan(streams.length);
    expect(walFrames(oneByOne)).toBeGreaterThanOrEqual(streams.length);
    expect(await grouped.readAll({ maxCount: 100 })).toHaveLength(streams.length);
  });

  it('commits the appends it accepted before closing the file', async () => {
    const path = tempFile();
    const store = createSqliteEventStore({ path });
    const appends = streams.map((stream) => store.append(stream, [newEvent('RiskRaised')], 'no_stream'));
    await store.close();
    const results = await Promise.all(appends);
    const reopened = open({ path });
    const log = await reopened.readAll({ maxCount: 100 });
    expect(log.map((event) => event.stream)).toEqual(streams);
    expect(results.map((result) => result.position)).toEqual(log.map((event) => event.position));
  });

  it('refuses in a group only what is refused alone: a bad event id or a reused one', async () => {
    const store = open();
    const reused = newEvent('RiskRaised');
    await store.append('risk-R1', [reused], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('risk-R2', [newEvent('RiskRaised')], 'no_stream'),
      store.append('risk-R3', [{ ...reused, data: { other: true } }], 'no_stream'),
      store.append('risk-R4', [{ ...newEvent('RiskRaised'), id: '' }], 'no_stream'),
      store.append('risk-R5', [newEvent('RiskRaised')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    expect((await store.readAll({ maxCount: 10 })).map((event) => event.stream)).toEqual(['risk-R1', 'risk-R2', 'risk-R5']);
  });
});

describe('counting from positions', () => {
  it('tells how many events follow a position without reading them, wherever the log starts', async () => {
    const store = open({ firstPosition: 1_000n });
    expect(await store.eventsAfter!(undefined)).toBe(0);
    await store.append('cp-1', [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
    await store.append('cp-2', [newEvent('D')], 'no_stream');
    expect(await store.eventsAfter!(undefined)).toBe(4);
    expect(await store.eventsAfter!(positionOf(1_000n))).toBe(3);
    expect(await store.eventsAfter!(positionOf(1_003n))).toBe(0);
    expect(await store.eventsAfter!(positionOf(5_000n))).toBe(0);
  });
});

describe('closing the store', () => {
  it('ends its live subscriptions and refuses further use', async () => {
    const store = createSqliteEventStore({ path: ':memory:' });
    const subscription = store.subscribeAll({}, () => undefined);
    await store.close();
    await expect(subscription.done).resolves.toBeUndefined();
    await expect(store.readAll({ maxCount: 1 })).rejects.toThrow(/closed/);
  });
});
