import type { EventStore, StoredEvent } from '../../services/core/event-store.ts';
import type { ItemKind } from '../../services/core/decider.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { changedFields } from '../../projections/register/fields.ts';

/** The whole global log, oldest first. */
export async function readWholeLog(store: EventStore, pageSize = 500): Promise<StoredEvent[]> {
  const log: StoredEvent[] = [];
  for (let page = await store.readAll({ maxCount: pageSize }); page.length > 0;) {
    log.push(...page);
    page = await store.readAll({ after: page.at(-1)!.position, maxCount: pageSize });
  }
  return log;
}

/** What one event did to its item, found by folding the log with each module's evolveView. */
export interface FoldStep {
  /** 1-based place in the log: the read model's seq. */
  readonly seq: number;
  readonly event: StoredEvent;
  readonly itemId: string;
  readonly kind: ItemKind;
  readonly correction: boolean;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown>;
  /** Top-level fields whose value the event changed. */
  readonly fields: readonly string[];
}

export interface FoldedItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly view: Record<string, unknown>;
  /** Events of the item so far. */
  readonly version: number;
  /** Seq of its latest event. */
  readonly lastSeq: number;
}

/**
 * The read model's oracle: folds the log independently of the projections. Events the
 * register does not know are passed over, as the runner does.
 */
export function foldSteps(log: readonly StoredEvent[], registry: ItemRegistry): FoldStep[] {
  const views = new Map<string, Record<string, unknown>>();
  const steps: FoldStep[] = [];
  log.forEach((event, index) => {
    const decoded = registry.catalogue.decode(event);
    if (!decoded) return;
    const module = registry.moduleForEventType(event.type)!;
    const domainEvent = { type: decoded.type, data: decoded.data };
    const itemId = module.itemIdOf(event.stream, domainEvent);
    const before = views.get(itemId) ?? null;
    const after = module.evolveView(before, domainEvent);
    views.set(itemId, after);
    steps.push({
      seq: index + 1,
      event,
      itemId,
      kind: module.kind,
      correction: registry.catalogue.isCorrection(event.type),
      before,
      after,
      fields: changedFields(before, after),
    });
  });
  return steps;
}

/** Every item as it stood after the event at `seq` (0: before the first). */
export function registerAt(steps: readonly FoldStep[], seq: number): Map<string, FoldedItem> {
  const items = new Map<string, FoldedItem>();
  for (const step of steps) {
    if (step.seq > seq) break;
    const previous = items.get(step.itemId);
    items.set(step.itemId, {
      id: step.itemId,
      kind: step.kind,
      view: step.after,
      version: (previous?.version ?? 0) + 1,
      lastSeq: step.seq,
    });
  }
  return items;
}
