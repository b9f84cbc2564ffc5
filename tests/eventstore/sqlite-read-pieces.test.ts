import { describe, expect, it } from 'vitest';
import { notedEvents } from '../support/noted-events.ts';
import { ChunkPacer } from '../../services/core/chunk-pacer.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { positionOf, type Position } from '../../services/core/position.ts';
import { readInPieces } from '../../services/eventstore/sqlite/read-pieces.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';

/**
 * A long read of the embedded store is several short ones, the event loop handed back between
 * them. Proved by counting, not by the wall clock: each row read "costs" one unit of the
 * pacer's clock, so a budget of 50 is 50 rows.
 */

function fakeLog(count: number): StoredEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${i + 1}`,
    stream: `s-${i % 7}`,
    revision: Math.floor(i / 7),
    position: positionOf(BigInt(i + 1)),
    type: 'SomethingNoted',
    data: { n: i },
    metadata: {},
    recordedAt: '2024-11-20T09:00:00.000Z',
  }));
}

describe('reading the log in pieces', () => {
  it('keeps every piece within the budget (in rows) once the pace is known, and joins them into the one read', async () => {
    const log = fakeLog(5000);
    let rowsRead = 0;
    const pieces: number[] = [];
    const read = (after: Position | undefined, count: number) => {
      const from = after === undefined ? 0 : Number(after.commit);
      const piece = log.slice(from, from + count);
      rowsRead += piece.length;
      pieces.push(piece.length);
      return piece;
    };
    let pauses = 0;
    const pacer = new ChunkPacer({ sliceMs: 50, now: () => rowsRead });
    const events = await readInPieces(read, positionOf(100n), 4000, pacer, async () => void pauses++);
    expect(events).toEqual(log.slice(100, 4100));
    expect(pieces[0]).toBe(16);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(50);
    expect(pauses).toBe(pieces.length - 1);
    // The end of the log: a short piece ends the read.
    pieces.length = 0;
    expect(await readInPieces(read, positionOf(4990n), 4000, pacer, async () => undefined)).toEqual(log.slice(4990));
    expect(pieces).toEqual([10]);
  });

  it('hands the event loop back between pieces of a store read and of a subscription batch, with the same events as one read', async () => {
    let clockCalls = 0;
    // Budget 0 with a clock that moves on every look: after the 16-row probe, every piece is one row.
    const store = createSqliteEventStore({ path: ':memory:', synchronous: 'OFF', readSliceMs: 0, readClock: () => clockCalls++ });
    const whole = createSqliteEventStore({ path: ':memory:', synchronous: 'OFF', readSliceMs: Number.MAX_SAFE_INTEGER });
    try {
      for (const s of [store, whole]) await s.append('notes', notedEvents(600), 'no_stream');
      let ticks = 0;
      let ticking = true;
      const tick = () => {
        ticks++;
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      const events = await store.readAll({ after: undefined, maxCount: 600 });
      ticking = false;
      const strip = (list: StoredEvent[]) => list.map(({ recordedAt: _, ...rest }) => rest);
      expect(strip(events)).toEqual(strip(await whole.readAll({ after: undefined, maxCount: 600 })));
      // One piece per turn of the event loop: at least one tick between every two pieces.
      expect(ticks).toBeGreaterThanOrEqual(600 - 16 - 1);

      ticks = 0;
      ticking = true;
      setImmediate(tick);
      const batches: number[] = [];
      let ticksAtFirstBatch = 0;
      const subscription = store.subscribeAll({ after: undefined, maxBatchSize: 600 }, (batch) => {
        if (batches.length === 0) ticksAtFirstBatch = ticks;
        batches.push(batch.length);
      });
      await expect.poll(() => batches.reduce((a, b) => a + b, 0)).toBe(600);
      ticking = false;
      await subscription.close();
      expect(batches).toEqual([600]);
      expect(ticksAtFirstBatch).toBeGreaterThanOrEqual(600 - 16 - 1);
    } finally {
      await store.close();
      await whole.close();
    }
  });
});
