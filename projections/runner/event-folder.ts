import type { StoredEvent } from '../../services/core/event-store.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { unpack, type PackedBytes } from './packed-bytes.ts';
import {
  isPreparing,
  type AppliedChange,
  type EventFold,
  type PreparedFold,
  type PreparingProjection,
  type Projection,
  type Write,
} from './projection.ts';

type Types = Set<string> | undefined;

const typesOf = (projection: Projection): Types => (projection.handles === 'all' ? undefined : new Set(projection.handles));

/**
 * Folds events, one after another, into every projection: decodes each (a known event failing
 * its schema throws IntegrityError), numbers it, finds its item, and hands it to each
 * projection that handles its type. The runner's engine folds every projection, its writes run
 * as they are made. A bulk catch-up's reader folds the projections that need the whole event,
 * its writes kept to be shipped, and only prepares each event for the others (`keepPrepared`),
 * which fold on the thread that writes (PreparedFolder).
 */
export class EventFolder {
  private readonly steps: ({ readonly types: Types } & (
    | { readonly fold: EventFold }
    | { readonly preparing: PreparingProjection; readonly fold: PreparedFold | undefined; readonly index: number }
  ))[];
  private readonly warnedTypes = new Set<string>();

  /**
   * With `keepPrepared`, the preparing projections are not folded here: what each (its number
   * among them) prepared of every event is handed to it, undefined for an event it does not handle.
   */
  constructor(
    db: ReadModelDatabase,
    projections: readonly Projection[],
    writesOf: (projection: number) => Readonly<Record<string, Write>>,
    private readonly registry: ItemRegistry,
    private readonly warn: (message: string) => void,
    private readonly keepPrepared?: (index: number, prepared: Uint8Array | undefined) => void,
  ) {
    let preparingIndex = 0;
    this.steps = projections.map((projection, index) => {
      const types = typesOf(projection);
      if (!isPreparing(projection)) return { types, fold: projection.fold(db, writesOf(index)) };
      const fold = keepPrepared ? undefined : projection.fold(db, writesOf(index));
      return { types, preparing: projection, fold, index: preparingIndex++ };
    });
  }

  /** Folds the event numbered `seq`; the item changes it makes are added to `changes`. */
  apply(seq: number, event: StoredEvent, changes: AppliedChange[]): void {
    const { catalogue } = this.registry;
    const decoded = catalogue.decode(event);
    if (!decoded) this.warnUnknown(event);
    const module = decoded ? this.registry.moduleForEventType(event.type) : undefined;
    const itemId = module && decoded ? module.itemIdOf(event.stream, { type: decoded.type, data: decoded.data }) : undefined;
    const projected = { seq, event, decoded, module, itemId, correction: catalogue.isCorrection(event.type) };
    for (const step of this.steps) {
      const handled = !step.types || step.types.has(event.type);
      if ('preparing' in step) {
        const prepared = handled ? step.preparing.prepare(event) : undefined;
        if (this.keepPrepared) this.keepPrepared(step.index, prepared);
        else if (prepared) step.fold!.apply(seq, prepared);
        continue;
      }
      if (!handled) continue;
      const change = step.fold.apply(projected);
      // Field by field, not spread: a catch-up makes one per item event, and a literal of one shape is several times cheaper.
      if (change) changes.push({ itemId: change.itemId, kind: change.kind, version: change.version, view: change.view, seq, event });
    }
  }

  /** The batch's last event was folded: the writes kept back per batch. */
  flush(): void {
    for (const { fold } of this.steps) fold?.flush?.();
  }

  private warnUnknown(event: StoredEvent): void {
    if (this.warnedTypes.has(event.type)) return;
    this.warnedTypes.add(event.type);
    this.warn(`skipping event type ${event.type} (first at ${event.stream}@${event.revision}): not known to this version`);
  }
}

/** The folds of the preparing projections, from what a bulk catch-up's reader prepared (EventFolder's `keepPrepared`). */
export class PreparedFolder {
  private readonly folds: PreparedFold[];

  constructor(
    db: ReadModelDatabase,
    projections: readonly Projection[],
    writesOf: (projection: number) => Readonly<Record<string, Write>>,
  ) {
    this.folds = projections.flatMap((projection, index) => (isPreparing(projection) ? [projection.fold(db, writesOf(index))] : []));
  }

  /** Folds `count` events from `firstSeq` on; `prepared` holds, by preparing projection, what was prepared of each. */
  apply(firstSeq: number, count: number, prepared: readonly PackedBytes[]): void {
    this.folds.forEach((fold, index) => {
      const packed = prepared[index]!;
      for (let event = 0; event < count; event++) {
        const bytes = unpack(packed, event);
        if (bytes) fold.apply(firstSeq + event, bytes);
      }
    });
  }

  flush(): void {
    for (const fold of this.folds) fold.flush?.();
  }
}

/**
 * Writes run as they are made, on `db` (inside the caller's transaction). Each statement is
 * prepared at its first write, so a fold may create a table of its own when it starts.
 */
export function immediateWrites(db: ReadModelDatabase, projection: Projection): Record<string, Write> {
  return Object.fromEntries(
    Object.entries(projection.writes).map(([name, sql]) => {
      let statement: ReturnType<ReadModelDatabase['prepare']> | undefined;
      const write: Write = (...params) => {
        (statement ??= db.prepare(sql)).run(...params);
      };
      return [name, write];
    }),
  );
}
