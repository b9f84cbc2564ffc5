import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRegisterError } from '../../services/core/errors.ts';
import { itemKinds } from '../../services/items.ts';
import { comparePositions, formatPosition, parsePosition, positionOf } from '../../services/core/position.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import { computeMovement } from '../../projections/movement/movement.ts';
import { changedFields } from '../../projections/register/fields.ts';
import type { ItemVersion } from '../../projections/register/queries.ts';
import { registerCommands } from '../support/projection-commands.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { foldSteps, readWholeLog, registerAt, type FoldedItem, type FoldStep } from '../support/projection-fold.ts';
import {
  openProjectionHarness,
  registerProjections,
  silentLogger,
  type ProjectionHarness,
  type RegisterCommand,
} from '../support/projection-harness.ts';

/** Runs commands as the register would, skipping those the deciders or schemas refuse. */
async function runAll(
  harness: ProjectionHarness,
  commands: readonly RegisterCommand[],
  settleAfter: readonly boolean[] = [],
): Promise<void> {
  for (const [i, command] of commands.entries()) {
    try {
      await harness.execute(command);
    } catch (error) {
      if (!isRegisterError(error)) throw error;
    }
    if (settleAfter[i]) await harness.settle();
  }
  await harness.settle();
}

async function foldedLog(harness: ProjectionHarness): Promise<{ log: StoredEvent[]; steps: FoldStep[] }> {
  const log = await readWholeLog(harness.store);
  return { log, steps: foldSteps(log, harness.items) };
}

const asOracle = (item: ItemVersion) => ({
  id: item.id,
  kind: item.kind,
  view: item.view,
  version: item.version,
  lastSeq: item.lastChange.seq,
});
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('the read model over random valid command sequences', () => {
  it('built incrementally (any batch sizes, any interleaving) equals a rebuild from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(
        registerCommands(),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        async (commands, liveBatch, freshBatch, settleAfter) => {
          const harness = openProjectionHarness({ maxBatchSize: liveBatch });
          try {
            await runAll(harness, commands, settleAfter);
            const incremental = dumpReadModel(harness.readModel.db);

            const fresh = new ReadModel(':memory:');
            const second = new ProjectionRunner({
              store: harness.store,
              registry: harness.items,
              readModel: fresh,
              projections: registerProjections,
              logger: silentLogger,
              maxBatchSize: freshBatch,
            });
            second.start();
            await second.catchUp(10_000);
            await second.stop();
            expect(dumpReadModel(fresh.db)).toEqual(incremental);
            fresh.close();

            await harness.runner.rebuild();
            expect(dumpReadModel(harness.readModel.db)).toEqual(incremental);
          } finally {
            await harness.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('as of every position, time and meeting equals folding the log up to that point', async () => {
    await fc.assert(
      fc.asyncProperty(registerCommands(), fc.integer({ min: 1, max: 5 }), async (commands, batch) => {
        const harness = openProjectionHarness({ maxBatchSize: batch });
        try {
          await runAll(harness, commands);
          const { log, steps } = await foldedLog(harness);
          const everId = [...new Set(steps.map((s) => s.itemId))];
          for (let seq = 0; seq <= log.length; seq++) {
            const expected = registerAt(steps, seq);
            for (const kind of itemKinds) {
              const want = [...expected.values()].filter((i) => i.kind === kind).sort(byId);
              expect(harness.queries.items(kind, seq).map(asOracle), `${kind} as of seq ${seq}`).toEqual(want);
            }
            for (const id of everId) {
              const item = harness.queries.item(id, seq);
              expect(item && asOracle(item), `${id} as of seq ${seq}`).toEqual(expected.get(id));
            }
            if (seq > 0) {
              const event = log[seq - 1]!;
              expect(harness.queries.resolve({ position: formatPosition(event.position) }).seq).toBe(seq);
              // Several events of one append share their recorded time: the point is after the last.
              const lastAtTime = log.findLastIndex((e) => e.recordedAt <= event.recordedAt) + 1;
              expect(harness.queries.resolve({ time: event.recordedAt }).seq).toBe(lastAtTime);
            }
          }
          // Now is the end of the log.
          const now = registerAt(steps, log.length);
          for (const kind of itemKinds) {
            const want = [...now.values()].filter((i) => i.kind === kind).sort(byId);
            expect(harness.queries.items(kind).map(asOracle)).toEqual(want);
          }
          // A held meeting names the register as its pack was frozen: everything up to its boundary.
          for (const meeting of harness.queries.items('meeting').filter((m) => m.view['status'] === 'Held')) {
            const boundary = meeting.view['boundaryPosition'] as string;
            const frozen = log.filter((e) => comparePositions(e.position, parsePosition(boundary)!) <= 0).length;
            expect(harness.queries.resolve({ meeting: meeting.view['number'] as number }).seq).toBe(frozen);
          }
        } finally {
          await harness.close();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('movement between two points is the field difference of the folds there, corrections apart', async () => {
    await fc.assert(
      fc.asyncProperty(
        registerCommands({ minLength: 10 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (commands, spans) => {
          const harness = openProjectionHarness({ maxBatchSize: 4 });
          try {
            await runAll(harness, commands);
            const { log, steps } = await foldedLog(harness);
            const points = [
              [0, log.length],
              ...spans.map(([a, b]) => [Math.floor(a * log.length), Math.floor(b * log.length)].sort((x, y) => x - y)),
            ];
            for (const [from, to] of points as [number, number][]) {
              expectMovementMatchesFolds(harness, steps, from, to);
            }
          } finally {
            await harness.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

function expectMovementMatchesFolds(harness: ProjectionHarness, steps: readonly FoldStep[], from: number, to: number): void {
  const movement = computeMovement(
    harness.readModel.db,
    harness.queries,
    harness.items,
    harness.queries.resolve(position(harness, from)),
    harness.queries.resolve(position(harness, to)),
  );
  expect([movement.from.seq, movement.to.seq]).toEqual([from, to]);
  const atFrom = registerAt(steps, from);
  const atTo = registerAt(steps, to);
  const between = steps.filter((s) => s.seq > from && s.seq <= to);

  expect(movement.items.map((m) => m.id).sort()).toEqual([...atTo.keys()].sort());
  for (const moved of movement.items) {
    const span = `${moved.id} from seq ${from} to ${to}`;
    const before: FoldedItem | undefined = atFrom.get(moved.id);
    const after = atTo.get(moved.id)!;
    expect(moved.after.view, span).toEqual(after.view);
    expect(moved.summary.length, `${span} has wording`).toBeGreaterThan(0);
    if (!before) {
      expect(moved.change, span).toBe('NEW');
      continue;
    }
    expect(moved.before?.view, span).toEqual(before.view);
    const diff = changedFields(before.view, after.view);
    const ownSteps = between.filter((s) => s.itemId === moved.id);
    const movedByEvents = new Set(ownSteps.filter((s) => !s.correction).flatMap((s) => s.fields));
    const correctedFields = new Set(ownSteps.filter((s) => s.correction).flatMap((s) => s.fields));
    const expectedFields = diff.filter((f) => movedByEvents.has(f)).sort();
    expect(moved.fields.map((f) => f.field).sort(), span).toEqual(expectedFields);
    for (const field of moved.fields) {
      expect(field, span).toEqual({ field: field.field, from: before.view[field.field] ?? null, to: after.view[field.field] ?? null });
    }
    // Movement and corrections together account for the whole difference.
    for (const field of diff) expect(movedByEvents.has(field) || correctedFields.has(field), `${span}: ${field}`).toBe(true);
    if (expectedFields.length === 0) expect(moved.change, span).toBe('UNCHANGED');
    else expect(['CHANGED', 'CLOSED', 'WITHDRAWN', 'COMPLETED'], span).toContain(moved.change);
  }

  const corrections = between.filter((s) => s.correction);
  expect(movement.corrections.map((c) => ({ id: c.id, seq: c.seq, fields: c.fields }))).toEqual(
    corrections.map((s) => ({
      id: s.itemId,
      seq: s.seq,
      fields: s.fields.map((field) => ({ field, from: s.before?.[field] ?? null, to: s.after[field] ?? null })),
    })),
  );
}

/** The point after the event at `seq`, named by its position as a caller would. */
function position(harness: ProjectionHarness, seq: number): { position: string } {
  if (seq === 0) return { position: '0' };
  const row = harness.readModel.db
    .prepare(`SELECT commit_position, prepare_position FROM log WHERE seq = ?`)
    .safeIntegers(true)
    .get(seq) as {
    commit_position: bigint;
    prepare_position: bigint;
  };
  return { position: formatPosition(positionOf(row.commit_position, row.prepare_position)) };
}
