import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler, type CommandHandler } from '../../services/core/command-handler.ts';
import { ConcurrencyError, IdempotencyConflictError, InvalidTransitionError } from '../../services/core/errors.ts';
import type { EventStore } from '../../services/core/event-store.ts';
import { parseInput } from '../../services/core/validate.ts';
import { verifyChains } from '../../services/core/verify.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { riskCommandSchemas, riskModule, type RiskCommand } from '../../services/risk/index.ts';
import { meetingModule, type MeetingCommand } from '../../services/meeting/index.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';
import { canonicalHash, eventHash } from '../../services/core/hash-chain.ts';
import type { EventMetadata } from '../../schema/metadata.ts';

const items = createRegisterItems();
const now = new Date('2024-11-27T10:00:00.000Z');
let ids = 0;
let store: EventStore;
let handler: CommandHandler;

const raiseR920: RiskCommand = {
  type: 'RaiseRisk',
  data: parseInput(riskCommandSchemas.RaiseRisk(defaultRegisterRules), {
    riskId: 'R920',
    description: 'Code drafting does not reflect the intended MHHS design',
    score: 20,
    mitigationPlan: ['Keep documents aligned'],
    raisedOn: '2024-09-01',
  }),
};
const assess = (score: number): RiskCommand => ({ type: 'AssessRiskScore', data: { riskId: 'R920', score } });
const secretariat = { actor: 'secretariat@ccag' };

beforeEach(() => {
  ids = 0;
  store = createSqliteEventStore({ path: ':memory:' });
  handler = createCommandHandler({
    store,
    catalogue: items.catalogue,
    clock: () => now,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
});
afterEach(async () => store.close());

describe('command handling', () => {
  it('appends what the decider decides, with the metadata a register needs', async () => {
    const result = await handler.handle(riskModule, raiseR920, { ...secretariat, reason: 'from the pack' });
    expect(result).toMatchObject({ itemId: 'risk:R920', version: 1, replayed: false });
    const [event] = await store.readStream('risk:R920');
    expect(event!.type).toBe('RiskRaised');
    expect(event!.metadata).toMatchObject({
      actor: 'secretariat@ccag',
      reason: 'from the pack',
      effectiveAt: now.toISOString(),
      causationId: null,
      schemaVersion: 1,
      prevHash: null,
    });
    expect(event!.metadata['hash']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('chains each event to the previous one of its stream', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    await handler.handle(riskModule, assess(10), secretariat);
    const [first, second] = await store.readStream('risk:R920');
    expect(second!.metadata['prevHash']).toBe(first!.metadata['hash']);
    expect((await verifyChains(store)).ok).toBe(true);
  });

  // The application service judges the effective time (tests/api/errors.test.ts); the handler keeps it.
  it('keeps a back-filled effective time', async () => {
    await handler.handle(riskModule, raiseR920, { ...secretariat, effectiveAt: '2024-10-01T09:00:00+01:00' });
    const [event] = await store.readStream('risk:R920');
    expect(event!.metadata['effectiveAt']).toBe('2024-10-01T08:00:00.000Z');
  });

  it('writes nothing when the command changes nothing', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    const result = await handler.handle(riskModule, assess(20), secretariat);
    expect(result.events).toEqual([]);
    expect(result.version).toBe(1);
    expect(await store.readStream('risk:R920')).toHaveLength(1);
  });

  it('reports a stale expected version as a conflict and writes nothing', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    await handler.handle(riskModule, assess(15), secretariat);
    const attempt = handler.handle(riskModule, assess(10), { ...secretariat, expectedVersion: 1 });
    await expect(attempt).rejects.toThrow(ConcurrencyError);
    await attempt.catch((error: ConcurrencyError) => {
      expect(error.details()).toMatchObject({ expectedVersion: '1', actualVersion: '2' });
    });
    expect(await store.readStream('risk:R920')).toHaveLength(2);
  });

  it('lets exactly one of two concurrent edits at the same version win', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    const results = await Promise.allSettled([
      handler.handle(riskModule, assess(10), { ...secretariat, expectedVersion: 1 }),
      handler.handle(riskModule, assess(12), { ...secretariat, expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream('risk:R920')).toHaveLength(2);
  });

  it('rejects an invalid transition and writes nothing', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    await expect(handler.handle(riskModule, raiseR920, secretariat)).rejects.toThrow(InvalidTransitionError);
    expect(await store.readStream('risk:R920')).toHaveLength(1);
  });

  it('returns the first result for a retried command with the same idempotency key', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    const first = await handler.handle(riskModule, assess(10), { ...secretariat, idempotencyKey: 'pack-36-r920' });
    await handler.handle(riskModule, assess(12), secretariat);
    const retry = await handler.handle(riskModule, assess(10), { ...secretariat, idempotencyKey: 'pack-36-r920' });
    expect(retry).toMatchObject({ replayed: true, version: first.version, position: first.position, events: [] });
    expect(await store.readStream('risk:R920')).toHaveLength(3);
  });

  it('answers a retry sent by another actor with the first result: the key names the command, not who sends it', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    const first = await handler.handle(riskModule, assess(10), { ...secretariat, idempotencyKey: 'import:risks.csv:row-2' });
    const again = await handler.handle(riskModule, assess(10), { actor: 'another@ccag', idempotencyKey: 'import:risks.csv:row-2' });
    expect(again).toMatchObject({ replayed: true, version: first.version, position: first.position, events: [] });
    const stored = await store.readStream('risk:R920');
    expect(stored).toHaveLength(2);
    expect((stored[1]!.metadata as { actor: string }).actor).toBe('secretariat@ccag');
  });

  it('still recognises a retry of an event written while the hash held the actor, from the same actor', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    await handler.handle(riskModule, assess(10), { ...secretariat, idempotencyKey: 'before-the-change' });
    // The same events as an older register wrote them: the command hash covered the actor.
    const legacyStore = createSqliteEventStore({ path: ':memory:' });
    let prevHash: string | null = null;
    for (const event of await store.readStream('risk:R920')) {
      const { hash: _old, ...metadata } = event.metadata as EventMetadata;
      const legacy = {
        ...metadata,
        prevHash,
        commandHash: metadata.idempotencyKey
          ? canonicalHash({ type: 'AssessRiskScore', data: { riskId: 'R920', score: 10 }, actor: secretariat.actor })
          : metadata.commandHash,
      };
      const hash = eventHash({
        stream: 'risk:R920',
        revision: event.revision,
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: legacy,
      });
      await legacyStore.append(
        'risk:R920',
        [{ id: event.id, type: event.type, data: event.data, metadata: { ...legacy, hash } }],
        event.revision === 0 ? 'no_stream' : event.revision - 1,
      );
      prevHash = hash;
    }
    const legacyHandler = createCommandHandler({ store: legacyStore, catalogue: items.catalogue, clock: () => now, newId: () => 'unused' });
    const retry = await legacyHandler.handle(riskModule, assess(10), { ...secretariat, idempotencyKey: 'before-the-change' });
    expect(retry).toMatchObject({ replayed: true, events: [] });
    expect(await legacyStore.readStream('risk:R920')).toHaveLength(2);
  });

  it('refuses an idempotency key re-used for a different command', async () => {
    await handler.handle(riskModule, raiseR920, secretariat);
    await handler.handle(riskModule, assess(10), { ...secretariat, idempotencyKey: 'k1' });
    await expect(handler.handle(riskModule, assess(11), { ...secretariat, idempotencyKey: 'k1' })).rejects.toThrow(
      IdempotencyConflictError,
    );
    expect(await store.readStream('risk:R920')).toHaveLength(2);
  });

  it('counts versions per meeting although meetings share one stream', async () => {
    const schedule = (number: number, date: string): MeetingCommand => ({
      type: 'ScheduleMeeting',
      data: { number, date, agenda: [] },
    });
    await handler.handle(meetingModule, schedule(35, '2024-10-23'), secretariat);
    const second = await handler.handle(meetingModule, schedule(36, '2024-11-27'), secretariat);
    expect(second).toMatchObject({ itemId: 'meeting:36', version: 1 });
    await expect(
      handler.handle(
        meetingModule,
        { type: 'RescheduleMeeting', data: { number: 36, date: '2024-11-28' } },
        { ...secretariat, expectedVersion: 0 },
      ),
    ).rejects.toThrow(ConcurrencyError);
    const moved = await handler.handle(
      meetingModule,
      { type: 'RescheduleMeeting', data: { number: 36, date: '2024-11-28' } },
      { ...secretariat, expectedVersion: 1 },
    );
    expect(moved.version).toBe(2);
  });

  it('decides on what it kept from its own writes without reading the stream, and on the stream read afresh when that was stale', async () => {
    const eventsRead: number[] = [];
    const counted: EventStore = {
      ...store,
      readStream: async (stream, options) => {
        const events = await store.readStream(stream, options);
        eventsRead.push(events.length);
        return events;
      },
    };
    const own = createCommandHandler({
      store: counted,
      catalogue: items.catalogue,
      clock: () => now,
      newId: () => `20000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    });
    await own.handle(riskModule, raiseR920, secretariat);
    const keyed = await own.handle(riskModule, assess(15), { ...secretariat, idempotencyKey: 'k-own' });
    await own.handle(riskModule, assess(16), secretariat);
    // One read, of the stream before its first event; then what it wrote itself is kept.
    expect(eventsRead).toEqual([0]);
    // Its own retry is answered from what it kept; a stale expected version and a "nothing to
    // change" are confirmed on the stream read afresh (nothing new in it) before they are answered.
    expect(await own.handle(riskModule, assess(15), { ...secretariat, idempotencyKey: 'k-own' })).toMatchObject({
      replayed: true,
      version: 2,
      position: keyed.position,
    });
    await expect(own.handle(riskModule, assess(17), { ...secretariat, expectedVersion: 2 })).rejects.toThrow(ConcurrencyError);
    expect(await own.handle(riskModule, assess(16), secretariat)).toMatchObject({ version: 3, events: [] });
    expect(eventsRead).toEqual([0, 0, 0]);

    // Another writer moves the stream on: the kept revision is refused, and the command is
    // decided again on the stream read afresh, with the other writer's event folded in.
    await handler.handle(riskModule, assess(19), secretariat);
    const after = await own.handle(riskModule, assess(20), { ...secretariat, expectedVersion: 4 });
    expect(after.version).toBe(5);
    expect(eventsRead.slice(3)).toEqual([1]);
    // What the other writer set is not taken for "nothing to change" from a kept state that predates it.
    await handler.handle(riskModule, assess(11), secretariat);
    expect(await own.handle(riskModule, assess(20), secretariat)).toMatchObject({ version: 7, events: [{ type: 'RiskScoreAssessed' }] });
    expect((await verifyChains(store)).ok).toBe(true);
  });

  it('sees what another writer appended since its last command (another API node, the CLI)', async () => {
    const other = createCommandHandler({
      store,
      catalogue: items.catalogue,
      clock: () => now,
      newId: () => `10000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    });
    await handler.handle(riskModule, raiseR920, secretariat);
    await other.handle(riskModule, assess(15), secretariat);
    await expect(handler.handle(riskModule, assess(10), { ...secretariat, expectedVersion: 1 })).rejects.toThrow(ConcurrencyError);
    const result = await handler.handle(riskModule, assess(10), { ...secretariat, expectedVersion: 2 });
    expect(result.version).toBe(3);
    expect((await verifyChains(store)).ok).toBe(true);
    // The other writer's retry under a key it used is still answered from the log.
    const keyed = await other.handle(riskModule, assess(12), { ...secretariat, idempotencyKey: 'k-other' });
    const retried = await handler.handle(riskModule, assess(12), { ...secretariat, idempotencyKey: 'k-other' });
    expect(retried).toMatchObject({ replayed: true, version: keyed.version, position: keyed.position });
  });
});
