import type { StoreIdentity, StoredEvent } from '../../services/core/event-store.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { comparePositions, positionOf, type Position } from '../../services/core/position.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { writeChannels, type AppliedChange, type Projection } from './projection.ts';
import { EventFolder, PreparedFolder, immediateWrites } from './event-folder.ts';
import type { FoldedPiece } from './folded-piece.ts';

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

/**
 * Applies batches of events to one read model database: every projection's effects and the
 * checkpoint in a single transaction, so a crash never applies an event twice or loses one.
 */
export class ProjectionEngine {
  /**
   * The folds, made when first needed: those that fold whole events here, and those that fold
   * what a bulk catch-up's reader prepared. Each carries state the other does not see, so
   * using one drops the other, to be made again from the database.
   */
  private folderValue: EventFolder | undefined;
  private preparedFolder: PreparedFolder | undefined;
  /** Every projection's write statements, as a bulk catch-up numbers them (writeChannels). */
  private channels: readonly { run(params: readonly unknown[]): unknown }[] | undefined;
  private readonly readCheckpoint;
  private readonly writeCheckpoint;
  /** The last event applied, committed or in the open batch. */
  private checkpointValue: Checkpoint;
  private committed: Checkpoint;
  private readonly applyInTransaction: (events: readonly StoredEvent[]) => AppliedChange[];
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
    this.readCheckpoint = db.prepare(CHECKPOINT_QUERY).safeIntegers(true);
    this.writeCheckpoint = db.prepare(
      `INSERT OR REPLACE INTO checkpoints
       (name, seq, commit_position, prepare_position, event_id, previous_commit_position, previous_prepare_position, store_kind, store_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.checkpointValue = this.loadCheckpoint();
    this.committed = this.checkpointValue;
    this.applyInTransaction = db.transaction((events: readonly StoredEvent[]) => this.applyAll(events));
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
    this.dropFolds();
  }

  /** Undoes an open batch after a failure: the read model, the checkpoint and the projections' caches go back to the last commit. */
  rollbackBatch(): void {
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.checkpointValue = this.committed;
    this.dropFolds();
  }

  /**
   * Applies a batch atomically and returns the item changes it made. Events at or before the
   * checkpoint are skipped: subscriptions may deliver an event again (a reconnect, a retried
   * batch), and applying it twice would give its item a phantom version.
   */
  apply(events: readonly StoredEvent[]): AppliedChange[] {
    const skipped = this.alreadyApplied(events);
    if (skipped === events.length) return [];
    const unapplied = skipped === 0 ? events : events.slice(skipped);
    let changes: AppliedChange[];
    try {
      changes = this.applyInTransaction(unapplied);
    } catch (error) {
      // The transaction rolled back, but projections' caches saw the batch: start them afresh.
      this.dropFolds();
      throw error;
    }
    this.advance(unapplied.length, this.bindingAfterEvents(unapplied));
    return changes;
  }

  /**
   * Runs, inside the open batch, the writes another thread's folds made for the events after
   * the checkpoint (a bulk catch-up's reader, read-ahead.ts), folds what it prepared for the
   * preparing projections, and moves the checkpoint past them. The engine's own whole-event
   * folds did not see these events: they are dropped, to be made again from the database.
   */
  applyFolded(piece: FoldedPiece): void {
    if (!this.db.inTransaction) throw new Error(`projection runner ${this.runnerName}: folded writes go into an open batch`);
    if (piece.firstSeq !== this.checkpointValue.seq + 1) {
      throw new Error(
        `projection runner ${this.runnerName}: folded events begin at seq ${piece.firstSeq}, not ${this.checkpointValue.seq + 1}`,
      );
    }
    this.channels ??= writeChannels(this.projections).map(({ sql }) => this.db.prepare(sql));
    piece.writes.forEach((rows, channel) => {
      const statement = this.channels![channel]!;
      for (const params of rows) statement.run(params);
    });
    this.folderValue = undefined;
    this.preparedFolder ??= new PreparedFolder(this.db, this.projections, (index) => immediateWrites(this.db, this.projections[index]!));
    const count = piece.ids.length;
    this.preparedFolder.apply(piece.firstSeq, count, piece.prepared);
    if (piece.endsBatch) this.preparedFolder.flush();
    if (count === 0) return;
    const binding = this.bindingAfter(
      count,
      (index) => piece.ids[index]!,
      (index) => piece.positions[index]!,
    );
    this.writeCheckpointRow(this.checkpointValue.seq + count, binding);
    this.advance(count, binding);
  }

  private advance(count: number, { position, binding }: { position: Position; binding: CheckpointBinding }): void {
    this.checkpointValue = { seq: this.checkpointValue.seq + count, position, binding };
    if (!this.db.inTransaction) this.committed = this.checkpointValue;
  }

  /** How many of `events`, from the first, are at or before the checkpoint. */
  private alreadyApplied(events: readonly StoredEvent[]): number {
    const after = this.checkpointValue.position;
    if (after === undefined) return 0;
    let first = 0;
    while (first < events.length && comparePositions(events[first]!.position, after) <= 0) first++;
    return first;
  }

  private applyAll(events: readonly StoredEvent[]): AppliedChange[] {
    const changes: AppliedChange[] = [];
    let seq = this.checkpointValue.seq;
    // A known event failing its schema throws here: the transaction rolls back, the runner stops.
    const folder = this.folder();
    for (const event of events) folder.apply(++seq, event, changes);
    folder.flush();
    this.writeCheckpointRow(seq, this.bindingAfterEvents(events));
    return changes;
  }

  private writeCheckpointRow(seq: number, { position, binding }: { position: Position; binding: CheckpointBinding }): void {
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
  }

  private bindingAfterEvents(events: readonly StoredEvent[]): { position: Position; binding: CheckpointBinding } {
    return this.bindingAfter(
      events.length,
      (index) => events[index]!.id,
      (index) => events[index]!.position,
    );
  }

  /** The checkpoint after `count` events past the current one, the event at `index` having `idAt(index)` and `positionAt(index)`. */
  private bindingAfter(
    count: number,
    idAt: (index: number) => string,
    positionAt: (index: number) => Position,
  ): { position: Position; binding: CheckpointBinding } {
    const store = this.storeIdentity;
    if (!store) throw new Error(`projection runner ${this.runnerName}: the store's identity must be known before applying events`);
    const previous = count > 1 ? positionAt(count - 2) : this.checkpointValue.position;
    return { position: positionAt(count - 1), binding: { store, eventId: idAt(count - 1), previous } };
  }

  private dropFolds(): void {
    this.folderValue = undefined;
    this.preparedFolder = undefined;
  }

  private folder(): EventFolder {
    this.preparedFolder = undefined;
    return (this.folderValue ??= this.newFolder());
  }

  private newFolder(): EventFolder {
    return new EventFolder(
      this.db,
      this.projections,
      (index) => immediateWrites(this.db, this.projections[index]!),
      this.registry,
      (message) => this.logger.warn(message),
    );
  }

  private loadCheckpoint(): Checkpoint {
    return checkpointFromRow(this.readCheckpoint.get(this.runnerName) as CheckpointRow | undefined);
  }
}
