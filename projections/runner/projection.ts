import type { DecodedEvent } from '../../services/core/catalogue.ts';
import type { ItemModule } from '../../services/core/decider.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';

/** One event as the runner hands it to projections: numbered, decoded, attributed to an item. */
export interface ProjectedEvent {
  /** Dense local sequence number in log order (1, 2, 3, ...). */
  readonly seq: number;
  readonly event: StoredEvent;
  /** Undefined for an event type this version of the register does not know. */
  readonly decoded: DecodedEvent | undefined;
  readonly module: ItemModule | undefined;
  readonly itemId: string | undefined;
  readonly correction: boolean;
}

/** What a projection reports about an item it changed (feeds live subscriptions). */
export interface ItemChange {
  readonly itemId: string;
  readonly kind: string;
  readonly version: number;
  readonly view: Record<string, unknown>;
}

/** A value a statement of a projection binds. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** Runs one of a projection's write statements with its parameters (or keeps it to be run). */
export type Write = (...params: SqlValue[]) => void;

/** A projection's fold at work on one database: the state it carries from event to event. */
export interface EventFold {
  /** Folds one event in; what it writes goes through the `write` functions the fold was given. */
  apply(event: ProjectedEvent): ItemChange | void;
  /** After a batch's last event: writes the fold kept back per batch (one row per item, not per event). */
  flush?(): void;
}

/** The fold of a projection that prepares each event first: it sees the event's seq and what `prepare` gave, nothing else. */
export interface PreparedFold {
  apply(seq: number, prepared: Uint8Array): void;
  flush?(): void;
}

interface ProjectionBase<Statement extends string> {
  readonly name: string;
  /** Event types handled, or 'all'. */
  readonly handles: readonly string[] | 'all';
  /**
   * The SQL of each write statement. A bulk catch-up runs a piece's writes statement by
   * statement in this order (each statement's in the order they were made), so a statement
   * whose rows another's depend on comes first.
   */
  readonly writes: Readonly<Record<Statement, string>>;
}

/**
 * A projection is data: a name, the event types it handles, the statements it writes with,
 * and its fold. The fold reads the database only for state it does not yet carry (committed
 * before it started) and writes only through its statements, so the same fold runs either
 * beside the database, writing as it goes (the runner), or on another thread, its writes
 * shipped to the one that runs them (a bulk catch-up's reader, read-ahead.ts).
 */
export interface EventProjection<Statement extends string = string> extends ProjectionBase<Statement> {
  /** Starts the fold over `db` as committed, writing through `write`. */
  fold(db: ReadModelDatabase, write: Readonly<Record<Statement, Write>>): EventFold;
}

/**
 * A projection whose fold needs of each event only a few bytes worked out from the event alone
 * (no state, no database, no other event). A bulk catch-up prepares them on the thread that
 * reads the log and folds on the thread that writes: bytes cross between the threads, not rows.
 */
export interface PreparingProjection<Statement extends string = string> extends ProjectionBase<Statement> {
  prepare(event: StoredEvent): Uint8Array;
  fold(db: ReadModelDatabase, write: Readonly<Record<Statement, Write>>): PreparedFold;
}

export type Projection<Statement extends string = string> = EventProjection<Statement> | PreparingProjection<Statement>;

export function isPreparing(projection: Projection): projection is PreparingProjection {
  return 'prepare' in projection;
}

/** A projection, its statement names inferred from its `writes`. */
export function defineProjection<Statement extends string>(projection: EventProjection<Statement>): EventProjection<Statement>;
export function defineProjection<Statement extends string>(projection: PreparingProjection<Statement>): PreparingProjection<Statement>;
export function defineProjection<Statement extends string>(projection: Projection<Statement>): Projection<Statement> {
  return projection;
}

/** One write statement of a list of projections: which projection, its name and its SQL. */
export interface WriteChannel {
  readonly projection: number;
  readonly statement: string;
  readonly sql: string;
}

/**
 * The write statements a bulk catch-up's reader makes for the writer to run: those of the
 * projections that fold on the reader (all but the preparing ones), projection by projection,
 * each in its declared order.
 */
export function writeChannels(projections: readonly Projection[]): WriteChannel[] {
  return projections.flatMap((projection, index) =>
    isPreparing(projection) ? [] : Object.entries(projection.writes).map(([statement, sql]) => ({ projection: index, statement, sql })),
  );
}

/** An item change together with the event that caused it, after its batch committed. */
export interface AppliedChange extends ItemChange {
  readonly seq: number;
  readonly event: StoredEvent;
}
