import type { StoredEvent } from '../../services/core/event-store.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { comparePositions, positionOf, type Position } from '../../services/core/position.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import type { AppliedChange, PreparedProjection, Projection } from './projection.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Checkpoint {
  /** Events applied so far: the seq of the last one. */
  readonly seq: number;
  readonly position: Position | undefined;
}

interface PreparedStep {
  readonly step: PreparedProjection;
  readonly types: Set<string> | undefined;
}

/**
 * Applies batches of events to one read model database: every projection's effects and the
 * checkpoint in a single transaction, so a crash never applies an event twice or loses one.
 */
export class ProjectionEngine {
  private prepared: PreparedStep[];
  private readonly readCheckpoint;
  private readonly writeCheckpoint;
  private checkpointValue: Checkpoint;
  private readonly warnedTypes = new Set<string>();
  private readonly applyInTransaction: (events: readonly StoredEvent[]) => AppliedChange[];

  constructor(
    readonly db: ReadModelDatabase,
    private readonly runnerName: string,
    private readonly projections: readonly Projection[],
    private readonly registry: ItemRegistry,
    private readonly logger: Logger,
  ) {
    this.prepared = this.prepareAll();
    this.readCheckpoint = db.prepare(`SELECT seq, commit_position, prepare_position FROM checkpoints WHERE name = ?`).safeIntegers(true);
    this.writeCheckpoint = db.prepare(
      `INSERT INTO checkpoints (name, seq, commit_position, prepare_position) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, commit_position = excluded.commit_position, prepare_position = excluded.prepare_position`,
    );
    this.checkpointValue = this.loadCheckpoint();
    this.applyInTransaction = db.transaction((events: readonly StoredEvent[]) => this.applyAll(events));
  }

  get checkpoint(): Checkpoint {
    return this.checkpointValue;
  }

  /**
   * Applies a batch atomically and returns the item changes it made. Events at or before the
   * checkpoint are skipped: subscriptions may deliver an event again (a reconnect, a retried
   * batch), and applying it twice would give its item a phantom version.
   */
  apply(events: readonly StoredEvent[]): AppliedChange[] {
    const unapplied = this.notYetApplied(events);
    if (unapplied.length === 0) return [];
    let changes: AppliedChange[];
    try {
      changes = this.applyInTransaction(unapplied);
    } catch (error) {
      // The transaction rolled back, but projections' caches saw the batch: start them afresh.
      this.prepared = this.prepareAll();
      throw error;
    }
    this.checkpointValue = { seq: this.checkpointValue.seq + unapplied.length, position: unapplied[unapplied.length - 1]!.position };
    return changes;
  }

  private notYetApplied(events: readonly StoredEvent[]): readonly StoredEvent[] {
    const after = this.checkpointValue.position;
    if (after === undefined) return events;
    let first = 0;
    while (first < events.length && comparePositions(events[first]!.position, after) <= 0) first++;
    return first === 0 ? events : events.slice(first);
  }

  private applyAll(events: readonly StoredEvent[]): AppliedChange[] {
    const { catalogue } = this.registry;
    const changes: AppliedChange[] = [];
    let seq = this.checkpointValue.seq;
    for (const event of events) {
      seq++;
      // A known event failing its schema throws here: the transaction rolls back, the runner stops.
      const decoded = catalogue.decode(event);
      if (!decoded) this.warnUnknown(event);
      const module = decoded ? this.registry.moduleForEventType(event.type) : undefined;
      const itemId = module && decoded ? module.itemIdOf(event.stream, { type: decoded.type, data: decoded.data }) : undefined;
      const projected = { seq, event, decoded, module, itemId, correction: catalogue.isCorrection(event.type) };
      for (const { step, types } of this.prepared) {
        if (types && !types.has(event.type)) continue;
        const change = step.apply(projected);
        if (change) changes.push({ ...change, seq, event });
      }
    }
    const last = events[events.length - 1]!;
    this.writeCheckpoint.run(this.runnerName, seq, last.position.commit, last.position.prepare);
    return changes;
  }

  private prepareAll(): PreparedStep[] {
    return this.projections.map((projection) => ({
      step: projection.prepare(this.db),
      types: projection.handles === 'all' ? undefined : new Set(projection.handles),
    }));
  }

  private warnUnknown(event: StoredEvent): void {
    if (this.warnedTypes.has(event.type)) return;
    this.warnedTypes.add(event.type);
    this.logger.warn(`skipping event type ${event.type} (first at ${event.stream}@${event.revision}): not known to this version`);
  }

  private loadCheckpoint(): Checkpoint {
    const row = this.readCheckpoint.get(this.runnerName) as
      | { seq: bigint; commit_position: bigint; prepare_position: bigint }
      | undefined;
    if (!row) return { seq: 0, position: undefined };
    return { seq: Number(row.seq), position: positionOf(row.commit_position, row.prepare_position) };
  }
}
