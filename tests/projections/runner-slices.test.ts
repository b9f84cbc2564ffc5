import { describe, expect, it } from 'vitest';
import { notedEvents } from '../support/noted-events.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import { defineProjection, type Projection } from '../../projections/runner/projection.ts';
import { TimeSlicer } from '../../projections/runner/time-slices.ts';
import { formatPosition } from '../../services/core/position.ts';
import { silentLogger } from '../support/projection-harness.ts';

/**
 * The budget is proved by structure, not by the wall clock: the slicer's clock here is the
 * number of events applied, so each event "costs" 1 ms and a 50 ms budget is 50 events. A
 * ticker on setImmediate stands for every other request the server has waiting; it records
 * how far projecting had got each time it ran. No stretch between two ticks may hold more
 * events than the budget allows.
 */

const budget = 50;

/** Runs `work` while a setImmediate ticker samples `progress`; returns the most progress made between two ticks. */
async function longestStretch(progress: () => number, work: () => Promise<void>): Promise<{ longest: number; ticks: number }> {
  const seen: number[] = [progress()];
  let ticking = true;
  const tick = () => {
    seen.push(progress());
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  ticking = false;
  seen.push(progress());
  const stretches = seen.slice(1).map((n, i) => n - seen[i]!);
  return { longest: Math.max(...stretches), ticks: seen.length };
}

describe('projecting a long log in time slices', () => {
  it('hands the event loop back within the budget during catch-up and rebuild, and applies every event once', async () => {
    const store = createSqliteEventStore({ path: ':memory:', synchronous: 'OFF' });
    for (let stream = 0; stream < 3; stream++) await store.append(`note-${stream}`, notedEvents(1000, stream), 'no_stream');
    const head = await store.headPosition();
    let applied = 0;
    const counter: Projection = {
      name: 'counter',
      handles: 'all',
      writes: {},
      fold: () => ({
        apply: () => {
          applied++;
        },
      }),
    };
    const pauses: number[] = [];
    const slicer = new TimeSlicer({
      sliceMs: budget,
      now: () => applied,
      pause: () => new Promise<void>((resolve) => setImmediate(() => resolve(void pauses.push(applied)))),
    });
    const readModel = new ReadModel(':memory:');
    const runner = new ProjectionRunner({
      store,
      registry: createRegisterItems(),
      readModel,
      projections: [counter],
      logger: silentLogger,
      maxBatchSize: 2000,
      slicer,
    });
    try {
      const catchUp = await longestStretch(
        () => applied,
        async () => {
          runner.start();
          await runner.waitFor(head, 20_000);
        },
      );
      expect(applied).toBe(3000);
      expect(catchUp.longest).toBeLessThanOrEqual(budget);
      // Sliced, not merely batched: far more hand-backs than the two batches the log makes.
      expect(pauses.length).toBeGreaterThanOrEqual(3000 / budget - 2);

      applied = 0;
      const rebuild = await longestStretch(
        () => applied,
        () => runner.rebuild(),
      );
      expect(applied).toBe(3000);
      expect(rebuild.longest).toBeLessThanOrEqual(budget);
    } finally {
      await runner.stop();
      await store.close();
      readModel.close();
    }
  });

  it('commits a batch once, after its last slice: waiters see only whole batches, and a failure in a late slice leaves none of it', async () => {
    const store = createSqliteEventStore({ path: ':memory:', synchronous: 'OFF' });
    for (let stream = 0; stream < 3; stream++) await store.append(`note-${stream}`, notedEvents(1000, stream), 'no_stream');
    const head = await store.headPosition();
    const log = await store.readAll({ maxCount: 3000 });
    const failAt = log[2500]!.id;
    let applied = 0;
    let failed = false;
    const ledger = defineProjection({
      name: 'ledger',
      handles: 'all',
      writes: { entry: 'INSERT INTO ledger (event_id) VALUES (?)' },
      fold: (db, write) => {
        db.exec('CREATE TABLE IF NOT EXISTS ledger (event_id TEXT NOT NULL)');
        return {
          apply: ({ event }) => {
            applied++;
            if (event.id === failAt && !failed) {
              failed = true;
              throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
            }
            write.entry(event.id);
          },
        };
      },
    });
    const checkpointsAtPauses = new Set<string>();
    const slicer = new TimeSlicer({
      sliceMs: budget,
      now: () => applied,
      pause: () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            checkpointsAtPauses.add(runner.checkpoint ? formatPosition(runner.checkpoint) : 'none');
            resolve();
          }),
        ),
    });
    const readModel = new ReadModel(':memory:');
    const runner = new ProjectionRunner({
      store,
      registry: createRegisterItems(),
      readModel,
      projections: [ledger],
      logger: silentLogger,
      maxBatchSize: 2000,
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
      slicer,
    });
    try {
      runner.start();
      await runner.waitFor(head, 20_000);
      expect(failed).toBe(true);
      // Every event once: the failed batch's first 500 events were rolled back with it, then applied again.
      const rows = readModel.db.prepare('SELECT event_id FROM ledger ORDER BY rowid').pluck().all();
      expect(rows).toEqual(log.map((event) => event.id));
      // Dozens of slices, but between them the checkpoint only ever stood where a batch ended.
      expect([...checkpointsAtPauses].sort()).toEqual(['none', formatPosition(log[1999]!.position)].sort());
    } finally {
      await runner.stop();
      await store.close();
      readModel.close();
    }
  });

  it('sizes each chunk from the last one’s pace, so a chunk fits the budget once the pace is known', async () => {
    let clock = 0;
    let cost = 0.1;
    const chunks: { size: number; ms: number }[] = [];
    let pauses = 0;
    const slicer = new TimeSlicer({ sliceMs: 20, now: () => clock, pause: async () => void pauses++ });
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const out = await slicer.run(items, (chunk) => {
      if (chunk[0]! >= 1000) cost = 0.4;
      clock += chunk.length * cost;
      chunks.push({ size: chunk.length, ms: chunk.length * cost });
      return chunk.map((n) => n * 2);
    });
    expect(out).toEqual(items.map((n) => n * 2));
    expect(pauses).toBe(chunks.length);
    expect(chunks[0]!.size).toBe(16);
    // Ramping up from the probe, then full slices of 200 at 0.1 ms an item.
    expect(chunks.slice(0, 4).map((c) => c.size)).toEqual([16, 64, 200, 200]);
    // The item that became four times dearer overshoots once; the chunk after fits again.
    const over = chunks.filter((c) => c.ms > 20);
    expect(over.length).toBeLessThanOrEqual(1);
    const afterChange = chunks.slice(chunks.findIndex((c) => c.ms > 20) + 1);
    expect(afterChange.every((c) => c.ms <= 20)).toBe(true);
  });
});
