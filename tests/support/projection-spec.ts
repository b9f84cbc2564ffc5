import { expect } from 'vitest';
import type { ItemModule } from '../../services/core/decider.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { formatPosition } from '../../services/core/position.ts';
import { computeMovement, type CorrectionEntry, type ItemMovement } from '../../projections/movement/movement.ts';
import type { ItemVersion, ResolvedPoint } from '../../projections/register/queries.ts';
import type { LogEntry } from '../../projections/log-index/queries.ts';
import { openProjectionHarness, type ProjectionHarness } from './projection-harness.ts';
import { foldSteps, readWholeLog } from './projection-fold.ts';

/**
 * An event as a spec gives it: the fact and its stream. It is validated by the event
 * catalogue, given the command handler's metadata and chained like any written event.
 */
export interface SpecEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly actor?: string;
  readonly reason?: string;
}

/** What the read model shows after the `when` events, for the item of the last of them. */
export interface Then {
  /** The `when` events as written to the log. */
  readonly events: readonly StoredEvent[];
  /** The item now. */
  readonly item: ItemVersion;
  /** The item as it stood just before the `when` events (undefined: it did not exist). */
  readonly itemBefore: ItemVersion | undefined;
  /** Every version of the item, oldest first. */
  readonly versions: readonly ItemVersion[];
  readonly history: readonly LogEntry[];
  /** The item's movement from just before the `when` events to just after them. */
  readonly movement: ItemMovement | undefined;
  /** Every item's movement over the same span (untouched items are UNCHANGED). */
  readonly movements: readonly ItemMovement[];
  /** Corrections listed between the two points. */
  readonly corrections: readonly CorrectionEntry[];
  readonly before: ResolvedPoint;
  readonly after: ResolvedPoint;
}

/** Records which event types a spec file exercised, so it can check it left none out. */
export class EventTypeCoverage {
  private readonly seen = new Set<string>();
  constructor(private readonly module: ItemModule) {}

  saw(type: string): void {
    this.seen.add(type);
  }

  expectEveryTypeSeen(): void {
    const missing = this.module.events.map((d) => d.type).filter((type) => !this.seen.has(type));
    expect(missing, `${this.module.kind} event types with no projection spec`).toEqual([]);
  }
}

/**
 * Given/when/then for projections, in the style of Emmett's projection specs: given events
 * already in the log, when further events arrive, then the read model shows this. No
 * decider runs, so a spec breaks only when the projection's own rules change:
 *   const then = await given(raised).when(event('RiskScoreAssessed', { from: 20, to: 10 }));
 *   expect(then.item.view.score).toBe(10);
 * The events go through an in-memory SQLite store and a live runner; every `then` is also
 * checked against an independent fold of the log (current view, version, history and last
 * change), so each spec checks the bookkeeping as well.
 */
export function projectionSpec(coverage?: EventTypeCoverage) {
  return {
    given(...history: SpecEvent[]) {
      return {
        async when(...events: SpecEvent[]): Promise<Then> {
          const last = events.at(-1);
          if (!last) throw new Error('when() needs at least one event');
          const harness = openProjectionHarness({ maxBatchSize: 3 });
          try {
            for (const event of history) await harness.append(event);
            await harness.settle();
            const before = harness.queries.resolve(undefined);
            const written: StoredEvent[] = [];
            for (const event of events) written.push(await harness.append(event));
            await harness.settle();
            const after = harness.queries.resolve(undefined);
            for (const event of events) coverage?.saw(event.type);
            const then = await describeItem(harness, itemOf(harness, written.at(-1)!), written, before, after);
            await expectAgreesWithFold(harness, then);
            return then;
          } finally {
            await harness.close();
          }
        },
      };
    },
  };
}

function itemOf(harness: ProjectionHarness, event: StoredEvent): string {
  const module = harness.items.moduleForEventType(event.type);
  if (!module) throw new Error(`no item kind writes ${event.type}`);
  return module.itemIdOf(event.stream, { type: event.type, data: event.data });
}

async function describeItem(
  harness: ProjectionHarness,
  itemId: string,
  events: readonly StoredEvent[],
  before: ResolvedPoint,
  after: ResolvedPoint,
): Promise<Then> {
  const item = harness.queries.item(itemId);
  expect(item, `${itemId} in the read model`).toBeDefined();
  const history = await harness.log.history(itemId);
  const versions = history.map((entry) => harness.queries.item(itemId, entry.seq)!);
  const movement = computeMovement(harness.readModel.db, harness.queries, harness.items, before, after);
  return {
    events,
    item: item!,
    itemBefore: harness.queries.item(itemId, before.seq),
    versions,
    history,
    movement: movement.items.find((m) => m.id === itemId),
    movements: movement.items,
    corrections: movement.corrections,
    before,
    after,
  };
}

async function expectAgreesWithFold(harness: ProjectionHarness, then: Then): Promise<void> {
  const steps = foldSteps(await readWholeLog(harness.store), harness.items).filter((s) => s.itemId === then.item.id);
  const last = steps.at(-1)!;
  expect(then.item.view, "current view = fold of the item's events").toEqual(last.after);
  expect(then.item.version).toBe(steps.length);
  expect(then.versions.map((v) => v.view)).toEqual(steps.map((s) => s.after));
  expect(then.versions.map((v) => v.version)).toEqual(steps.map((_, i) => i + 1));
  expect(then.history.map((h) => [h.type, h.seq, h.correction])).toEqual(steps.map((s) => [s.event.type, s.seq, s.correction]));
  expect(then.item.lastChange).toEqual({
    seq: last.seq,
    position: formatPosition(last.event.position),
    recordedAt: last.event.recordedAt,
    effectiveAt: last.event.metadata['effectiveAt'],
    actor: last.event.metadata['actor'],
    eventType: last.event.type,
  });
}
