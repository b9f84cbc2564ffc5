import { describe, expect, it, vi } from 'vitest';
import { IntegrityError } from '../../services/core/errors.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { formatPosition } from '../../services/core/position.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionEngine } from '../../projections/runner/engine.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import { RegisterQueries } from '../../projections/register/queries.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { handWritten } from '../support/hand-written.ts';
import { readWholeLog } from '../support/projection-fold.ts';
import { openProjectionHarness, registerProjections, silentLogger, type RegisterCommand } from '../support/projection-harness.ts';

const raise = (riskId: string, score = 20): RegisterCommand => ({
  kind: 'risk',
  type: 'RaiseRisk',
  input: { riskId, description: `Risk ${riskId}`, score, mitigationPlan: [], raisedOn: '2024-06-01' },
});
const assess = (riskId: string, score: number): RegisterCommand => ({ kind: 'risk', type: 'AssessRiskScore', input: { riskId, score } });

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('the projection runner', () => {
  it('skips an event type it does not know, with a warning, and carries on', async () => {
    const log = logger();
    const harness = openProjectionHarness({ logger: log, maxBatchSize: 2 });
    try {
      await harness.execute(raise('R1'));
      // A newer version of the register wrote these.
      await harness.store.append('risk:R9', [handWritten(1, 'RiskArchived', { riskId: 'R9' })], 'no_stream');
      await harness.store.append('risk:R9', [handWritten(2, 'RiskArchived', { riskId: 'R9' })], 0);
      const last = await harness.execute(assess('R1', 10));
      await harness.runner.waitFor(last.position, 5_000);

      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn.mock.calls[0]![0]).toMatch(/RiskArchived.*risk:R9@0/);
      expect(harness.runner.error).toBeUndefined();
      expect(harness.queries.item('risk:R9')).toBeUndefined();
      expect(harness.queries.item('risk:R1')).toMatchObject({ version: 2, view: { score: 10 } });
      // The log index still lists it: auditors see everything the log holds.
      expect((await harness.log.page(undefined, 10)).entries.map((e) => [e.type, e.itemId])).toEqual([
        ['RiskRaised', 'risk:R1'],
        ['RiskArchived', null],
        ['RiskArchived', null],
        ['RiskScoreAssessed', 'risk:R1'],
      ]);
    } finally {
      await harness.close();
    }
  });

  it('stops at a known event that fails its schema, naming it, and applies nothing of its batch', async () => {
    const log = logger();
    const harness = openProjectionHarness({ logger: log, maxBatchSize: 2, follow: false });
    try {
      await harness.execute(raise('R1'));
      await harness.execute(raise('R2'));
      await harness.execute(assess('R1', 10));
      await harness.store.append('risk:R2', [handWritten(3, 'RiskScoreAssessed', { from: 20, to: 99 })], 0);
      await harness.execute(raise('R3'));
      const head = await harness.store.headPosition();

      harness.runner.start();
      const stopped = harness.runner.waitFor(head, 5_000);
      await expect(stopped).rejects.toThrow(IntegrityError);
      await expect(stopped).rejects.toThrow(/RiskScoreAssessed at risk:R2@1 \(position 4\) fails its schema/);
      expect(harness.runner.error?.message).toMatch(/risk:R2@1 \(position 4\)/);
      expect(harness.runner.running).toBe(false);
      expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/risk:R2@1/));

      // The batch [R1 assessed, bad event] left nothing: the checkpoint is the batch before it.
      expect(formatPosition(harness.runner.checkpoint!)).toBe('2');
      expect(harness.queries.item('risk:R1')).toMatchObject({ version: 1, view: { score: 20 } });
      expect((await harness.log.page(undefined, 10)).entries).toHaveLength(2);
      // A waiter arriving later is told at once, not left to time out.
      await expect(harness.runner.waitFor(head, 60_000)).rejects.toBe(harness.runner.error);
    } finally {
      await harness.close();
    }
  });

  it('forgets a failed batch entirely, so applying its good events again gives the right versions', async () => {
    const harness = openProjectionHarness({ follow: false });
    const readModel = new ReadModel(':memory:');
    try {
      await harness.execute(raise('R1'));
      await harness.execute(assess('R1', 10));
      await harness.store.append('risk:R1', [handWritten(4, 'RiskScoreAssessed', { from: 10, to: 0 })], 1);
      const [raised, assessed, bad] = await readWholeLog(harness.store);
      const engine = new ProjectionEngine(
        readModel.db,
        'main',
        registerProjections,
        createRegisterItems(),
        silentLogger,
        await harness.store.identity(),
      );

      engine.apply([raised!]);
      expect(() => engine.apply([assessed!, bad!])).toThrow(/risk:R1@2/);
      engine.apply([assessed!]);

      const versions = dumpReadModel(readModel.db).versions as { version: bigint; seq: bigint }[];
      expect(versions.map((v) => [v.version, v.seq])).toEqual([
        [1n, 1n],
        [2n, 2n],
      ]);
      expect(engine.checkpoint).toMatchObject({ seq: 2, position: assessed!.position });
    } finally {
      readModel.close();
      await harness.close();
    }
  });

  it('applies an event delivered again only once', async () => {
    const harness = openProjectionHarness({ follow: false });
    const readModel = new ReadModel(':memory:');
    try {
      for (const riskId of ['R1', 'R2', 'R3']) await harness.execute(raise(riskId));
      await harness.execute(assess('R1', 5));
      const events: StoredEvent[] = await readWholeLog(harness.store);
      const engine = new ProjectionEngine(
        readModel.db,
        'main',
        registerProjections,
        createRegisterItems(),
        silentLogger,
        await harness.store.identity(),
      );

      engine.apply(events.slice(0, 2));
      expect(engine.apply(events.slice(0, 2))).toEqual([]);
      const changes = engine.apply(events.slice(1));
      expect(changes.map((c) => c.seq)).toEqual([3, 4]);

      const fresh = new ReadModel(':memory:');
      new ProjectionEngine(
        fresh.db,
        'main',
        registerProjections,
        createRegisterItems(),
        silentLogger,
        await harness.store.identity(),
      ).apply(events);
      expect(dumpReadModel(readModel.db)).toEqual(dumpReadModel(fresh.db));
      fresh.close();
    } finally {
      readModel.close();
      await harness.close();
    }
  });

  it('catches up from its stored checkpoint, reports lag, then stays live', async () => {
    const store = createSqliteEventStore({ path: ':memory:', pollIntervalMs: 20 });
    const readModel = new ReadModel(':memory:');
    const writer = openProjectionHarness({ store, follow: false });
    try {
      for (let n = 1; n <= 12; n++) await writer.execute(raise(`R${n}`));
      // A model built part of the way, then left: the runner must resume from its checkpoint.
      const partial = new ProjectionEngine(
        readModel.db,
        'main',
        registerProjections,
        writer.items,
        silentLogger,
        await writer.store.identity(),
      );
      partial.apply((await readWholeLog(store)).slice(0, 7));

      const subscribe = vi.spyOn(store, 'subscribeAll');
      const runner = new ProjectionRunner({
        store,
        registry: writer.items,
        readModel,
        projections: registerProjections,
        logger: silentLogger,
        maxBatchSize: 4,
      });
      expect(await runner.lag()).toEqual({ checkpoint: '7', head: '12', eventsBehind: 5, caughtUp: false });

      runner.start();
      await runner.catchUp(5_000);
      expect(subscribe.mock.calls[0]![0].after).toEqual(partial.checkpoint.position);
      expect(await runner.lag()).toEqual({ checkpoint: '12', head: '12', eventsBehind: 0, caughtUp: true });

      const live = await writer.execute(assess('R3', 25));
      await runner.waitFor(live.position, 5_000);
      expect(new RegisterQueries(() => readModel.db).item('risk:R3')).toMatchObject({ version: 2, view: { score: 25 } });
      expect(dumpReadModel(readModel.db).log).toHaveLength(13);
      await runner.stop();
    } finally {
      await writer.close();
      readModel.close();
      await store.close();
    }
  });
});
