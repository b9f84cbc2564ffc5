import { describe, expect, it } from 'vitest';
import { notedEvents } from '../support/noted-events.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import type { Projection } from '../../projections/runner/projection.ts';
import { TimeSlicer } from '../../projections/runner/time-slices.ts';
import type { Logger } from '../../projections/runner/engine.ts';

/**
 * A write's acknowledgement can reach the runner while it is half-way through applying the
 * batch that holds the write (a batch is applied in time slices, the event loop runs between
 * them). The write is then at or before the checkpoint, and it was applied: the runner must
 * know it as its own, not take it for a log that went back and rebuild the read model (under
 * a steady stream of mutations that was a rebuild every few writes).
 */

describe('an acknowledgement that arrives while its batch is being applied', () => {
  it('is recognised as applied: the read model stays trusted and nothing is rebuilt', async () => {
    const store = createSqliteEventStore({ path: ':memory:', synchronous: 'OFF' });
    const warnings: string[] = [];
    const logger: Logger = { info() {}, warn: (message: string) => void warnings.push(message), error() {} };
    let applied = 0;
    const counter: Projection = { name: 'counter', handles: 'all', writes: {}, fold: () => ({ apply: () => void applied++ }) };
    // Ten events per slice, counted, so one batch of 100 is applied in ten slices.
    let onPause: (() => void) | undefined;
    const slicer = new TimeSlicer({
      sliceMs: 10,
      now: () => applied,
      pause: () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            onPause?.();
            resolve();
          }),
        ),
    });
    const readModel = new ReadModel(':memory:');
    const runner = new ProjectionRunner({
      store,
      registry: createRegisterItems(),
      readModel,
      projections: [counter],
      logger,
      maxBatchSize: 2000,
      slicer,
    });
    try {
      runner.start();
      await runner.catchUp(5_000);
      const written = await store.append('note-1', notedEvents(100), 'no_stream');
      const first = (await store.readAll({ maxCount: 1 }))[0]!;
      const acknowledgements: Promise<void>[] = [];
      onPause = () => {
        // The first slice is applied; the batch is not: acknowledge the write it held.
        if (acknowledgements.length > 0 || applied === 0 || applied >= 100) return;
        acknowledgements.push(
          runner.waitForWrite({ itemId: 'note-1', version: 1, position: first.position, lastEventId: first.id }, 5_000),
        );
      };
      await runner.waitFor(written.position, 5_000);
      expect(acknowledgements).toHaveLength(1);
      await acknowledgements[0];
      expect(warnings.filter((w) => /rebuild|went back/.test(w))).toEqual([]);
      expect(runner.state.state).toBe('running');
      expect(applied).toBe(100);
    } finally {
      await runner.stop();
      await store.close();
      readModel.close();
    }
  });
});
