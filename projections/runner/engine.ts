import type { StoreIdentity, StoredEvent } from '../../services/core/event-store.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { comparePositions, positionOf, type Position } from '../../services/core/position.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import type { AppliedChange, PreparedProjection, Projection } from './projection.ts';
import { prepareEvent, type PreparedEvent } from './prepared-event.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Checkpoint {
  /** Events applied so far: the seq of the last one. */
  readonly seq: number;
  readonly position: Position | undefined;
  /** What ties the checkpoint to its log; absent before the first event is applied. */
  readonly binding?: CheckpointBinding;
}

export interface CheckpointBinding {
  readonly store: StoreIdentity;
  /** The id of the event at `position`. */
  readonly eventId: string;
  /** The position of the event before it; undefined when it was the log's first. */
  readonly previous: Position | undefined;
}

interface CheckpointRow {
  seq: bigint;
  commit_position: bigint;
  prepare_position: bigint;
  event_id: string;
  previous_commit_position: bigint | null;
  previous_prepare_position: bigint | null;
  store_kind: string;
  store_id: string;
}

const CHECKPOINT_QUERY = `SELECT seq, commit_position, prepare_position, event_id, previous_commit_position,
  previous_prepare_position, store_kind, store_id FROM checkpoints WHERE name = ?`;

/** The checkpoint a read model database holds for one runner (read-only: for checks from outside). */
export function readCheckpoint(db: ReadModelDatabase, runnerName = 'main'): Checkpoint {
  return checkpointFromRow(db.prepare(CHECKPOINT_QUERY).safeIntegers(true).get(runnerName) as CheckpointRow | undefined);
}

function checkpointFromRow(row: CheckpointRow | undefined): Checkpoint {
  if (!row) return { seq: 0, position: undefined };
  const previous =
    row.previous_commit_position === null || row.previous_prepare_position === null
      ? undefined
      : positionOf(row.previous_commit_position, row.previous_prepare_position);
  const store = { kind: row.store_kind, id: row.store_id } as StoreIdentity;
  return {
    seq: Number(row.seq),
    position: positionOf(row.commit_position, row.prepare_position),
    binding: { store, eventId: row.event_id, previous },
  };
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
  /** The last event applied, committed or in the open batch. */
  private checkpointValue: Checkpoint;
  private committed: Checkpoint;
  private readonly warnedTypes = new Set<string>();
  private readonly applyInTransaction: (events: readonly StoredEvent[], prepared: readonly PreparedEvent[] | undefined) => AppliedChange[];
  /** The store the events come from; recorded with every checkpoint. Set before applying. */
  storeIdentity: StoreIdentity | undefined;

  constructor(
    readonly db: ReadModelDatabase,
    private readonly runnerName: string,
    private readonly projections: readonly Projection[],
    private readonly registry: ItemRegistry,
    private readonly logger: Logger,
    storeIdentity?: StoreIdentity,
  ) {
    this.storeIdentity = storeIdentity;
    this.prepared = this.prepareAll();
    this.readCheckpoint = db.prepare(CHECKPOINT_QUERY).safeIntegers(true);
    this.writeCheckpoint = db.prepare(
      `INSERT OR REPLACE INTO checkpoints
       (name, seq, commit_position, prepare_position, event_id, previous_commit_position, previous_prepare_position, store_kind, store_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.checkpointValue = this.loadCheckpoint();
    this.committed = this.checkpointValue;
    this.applyInTransaction = db.transaction((events: readonly StoredEvent[], prepared: readonly PreparedEvent[] | undefined) =>
      this.applyAll(events, prepared),
    );
  }

  /** The last event committed (an open batch's events are not, until `commitBatch`). */
  get checkpoint(): Checkpoint {
    return this.committed;
  }

  /**
   * Opens one transaction for several `apply` calls (a batch applied in time slices, handing the
   * event loop back between them): each commit rewrites every page it touched into the WAL, so
   * one commit per slice wrote several times what one per batch does. Nothing else writes to the
   * read model, and its readers see a prefix of the log either way; the checkpoint moves, and
   * waiters are released, only at `commitBatch`.
   */
  openBatch(): void {
    if (this.db.inTransaction) throw new Error(`projection runner ${this.runnerName}: a batch is already open`);
    this.db.exec('BEGIN');
  }

  commitBatch(): void {
    if (!this.db.inTransaction) return;
    this.db.exec('COMMIT');
    this.committed = this.checkpointValue;
  }

  /**
   * Another connection (a worker thread catching the file up in bulk) committed to this
   * database: takes up its checkpoint, and starts the projections' caches afresh, since they
   * did not see what it wrote.
   */
  reload(): void {
    if (this.db.inTransaction) throw new Error(`projection runner ${this.runnerName}: cannot reload with a batch open`);
    this.checkpointValue = this.loadCheckpoint();
    this.committed = this.checkpointValue;
    this.prepared = this.prepareAll();
  }

  /** Undoes an open batch after a failure: the read model, the checkpoint and the projections' caches go back to the last commit. */
  rollbackBatch(): void {
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.checkpointValue = this.committed;
    this.prepared = this.prepareAll();
  }

  /**
   * Applies a batch atomically and returns the item changes it made. Events at or before the
   * checkpoint are skipped: subscriptions may deliver an event again (a reconnect, a retried
   * batch), and applying it twice would give its item a phantom version.
   */
  apply(events: readonly StoredEvent[]): AppliedChange[] {
    return this.applyFrom(events, undefined);
  }

  /** As `apply`, for events prepared ahead (prepareEvent, with this engine's projections in its order). */
  applyPrepared(prepared: readonly PreparedEvent[]): AppliedChange[] {
    return this.applyFrom(
      prepared.map(({ event }) => event),
      prepared,
    );
  }

  private applyFrom(events: readonly StoredEvent[], prepared: readonly PreparedEvent[] | undefined): AppliedChange[] {
    const skipped = this.alreadyApplied(events);
    if (skipped === events.length) return [];
    const unapplied = skipped === 0 ? events : events.slice(skipped);
    let changes: AppliedChange[];
    try {
      changes = this.applyInTransaction(unapplied, skipped === 0 ? prepared : prepared?.slice(skipped));
    } catch (error) {
      // The transaction rolled back, but projections' caches saw the batch: start them afresh.
      this.prepared = this.prepareAll();
      throw error;
    }
    this.checkpointValue = { seq: this.checkpointValue.seq + unapplied.length, ...this.bindingAfter(unapplied) };
    if (!this.db.inTransaction) this.committed = this.checkpointValue;
    return changes;
  }

  /** How many of `events`, from the first, are at or before the checkpoint. */
  private alreadyApplied(events: readonly StoredEvent[]): number {
    const after = this.checkpointValue.position;
    if (after === undefined) return 0;
    let first = 0;
    while (first < events.length && comparePositions(events[first]!.position, after) <= 0) first++;
    return first;
  }

  private applyAll(events: readonly StoredEvent[], ahead: readonly PreparedEvent[] | undefined): AppliedChange[] {
    const { catalogue } = this.registry;
    const changes: AppliedChange[] = [];
    let seq = this.checkpointValue.seq;
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!;
      seq++;
      // A known event failing its schema throws here: the transaction rolls back, the runner stops.
      const { decoded, decodedDataJson, precomputed } = ahead?.[index] ?? prepareEvent(event, catalogue, this.projections);
      if (!decoded) this.warnUnknown(event);
      const module = decoded ? this.registry.moduleForEventType(event.type) : undefined;
      const itemId = module && decoded ? module.itemIdOf(event.stream, { type: decoded.type, data: decoded.data }) : undefined;
      const projected = { seq, event, decoded, decodedDataJson, module, itemId, correction: catalogue.isCorrection(event.type) };
      for (let p = 0; p < this.prepared.length; p++) {
        const { step, types } = this.prepared[p]!;
        if (types && !types.has(event.type)) continue;
        const change = step.apply(projected, precomputed[p]);
        // Field by field, not spread: a catch-up makes one per item event, and a literal of one shape is several times cheaper.
        if (change) changes.push({ itemId: change.itemId, kind: change.kind, version: change.version, view: change.view, seq, event });
      }
    }
    for (const { step } of this.prepared) step.flush?.();
    const { position, binding } = this.bindingAfter(events);
    const previous = binding.previous;
    this.writeCheckpoint.run(
      this.runnerName,
      seq,
      position.commit,
      position.prepare,
      binding.eventId,
      previous?.commit ?? null,
      previous?.prepare ?? null,
      binding.store.kind,
      binding.store.id,
    );
    return changes;
  }

  private bindingAfter(events: readonly StoredEvent[]): { position: Position; binding: CheckpointBinding } {
    const store = this.storeIdentity;
    if (!store) throw new Error(`projection runner ${this.runnerName}: the store's identity must be known before applying events`);
    const last = events[events.length - 1]!;
    const previous = events.length > 1 ? events[events.length - 2]!.position : this.checkpointValue.position;
    return { position: last.position, binding: { store, eventId: last.id, previous } };
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
    return checkpointFromRow(this.readCheckpoint.get(this.runnerName) as CheckpointRow | undefined);
  }
}
