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
  /**
   * `decoded.data` as `JSON.stringify` writes it, when that is already known: an event read ahead
   * whose decoding was found to be exactly its stored text brings that text, so a projection
   * storing the data need not write it out again. Otherwise undefined.
   */
  readonly decodedDataJson?: string | undefined;
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

export interface PreparedProjection {
  /**
   * Runs inside the runner's batch transaction, together with the checkpoint. `precomputed` is
   * what the projection's `precompute` gave for this event (undefined if it has none).
   */
  apply(event: ProjectedEvent, precomputed: Uint8Array | undefined): ItemChange | void;
  /** Runs once after the batch's last event, still inside its transaction (writes kept back per batch). */
  flush?(): void;
}

/** A projection is data: a name, the event types it handles, and its apply step. */
export interface Projection {
  readonly name: string;
  /** Event types handled, or 'all'. */
  readonly handles: readonly string[] | 'all';
  /** Prepares the apply step against one database (statements, caches). */
  prepare(db: ReadModelDatabase): PreparedProjection;
  /**
   * What the projection needs from one event alone (no state, no database, no other event). A
   * bulk catch-up works it out on the thread that reads the log, ahead of the batch that applies
   * the event; it is bytes, so it crosses between threads as one copy.
   */
  precompute?(event: StoredEvent): Uint8Array;
}

/** An item change together with the event that caused it, after its batch committed. */
export interface AppliedChange extends ItemChange {
  readonly seq: number;
  readonly event: StoredEvent;
}
