import type { Position } from './position.ts';

/**
 * The event store port. Two adapters implement it: the embedded SQLite store
 * (services/eventstore/sqlite) and EventStoreDB (services/eventstore/esdb). Both pass the
 * one contract suite in tests/contract.
 */

/** Revision of the last event in a stream, 0-based, as EventStoreDB counts. */
export type StreamRevision = number;

export type ExpectedRevision =
  /** The stream must not exist yet. */
  | 'no_stream'
  /** Append whatever the stream holds (no concurrency check). */
  | 'any'
  /** The stream's last event must be at exactly this revision. */
  | StreamRevision;

export interface NewEvent {
  /**
   * A UUID. Appending the same id again at the same exact expected revision (or 'no_stream')
   * is a no-op (idempotency), on every store and for ever. With 'any', EventStoreDB remembers
   * ids only in a bounded per-node cache that a restart or failover loses, so a re-send at
   * 'any' may be written twice: the command handler always appends at an exact revision.
   */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export interface StoredEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: StreamRevision;
  readonly position: Position;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  /**
   * Set by the store when the event was written. ISO-8601, UTC. The embedded store's never goes
   * backwards; EventStoreDB's comes from the leader's clock and can step back after a failover.
   */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: StreamRevision;
  /** Position of the last event written (of the original write, for an idempotent re-send). */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  readonly after?: Position | undefined;
  readonly maxCount: number;
}

/** Receives events in log order, in batches; the next batch waits for the returned promise. */
export type SubscriptionHandler = (events: readonly StoredEvent[]) => Promise<void> | void;

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. */
  close(): Promise<void>;
  /** Settles when the subscription ends: resolves after close(), rejects on a fatal error. */
  readonly done: Promise<void>;
}

export interface SubscribeAllOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Omitted: from the start. */
  readonly after?: Position | undefined;
  /** Largest batch handed to the handler. */
  readonly maxBatchSize?: number;
  /** Told when a subscription to a server drops and when it is live again (for logs and status). */
  readonly onConnectionChange?: (change: SubscriptionConnectionChange) => void;
}

/**
 * A subscription to a server resubscribes for ever after a drop, waiting a capped, jittered,
 * growing time between attempts; `attempt` counts the failures since it was last live.
 */
export type SubscriptionConnectionChange =
  | { readonly state: 'dropped'; readonly attempt: number; readonly retryInMs: number; readonly error: string }
  | { readonly state: 'live'; readonly afterAttempts: number };

/**
 * Which log this is. A read model records the identity of the store it was built from with
 * its checkpoint; a store of another identity (a new file, a recreated server volume, another
 * kind of store) means the checkpoint says nothing about this log, and the read model is rebuilt.
 */
export interface StoreIdentity {
  readonly kind: 'sqlite' | 'eventstoredb';
  /** Created once with the log and never changed; differs between any two logs. */
  readonly id: string;
}

export interface EventStore {
  /** Which server this is, for logs and test output ("embedded SQLite", "EventStoreDB at ..."). */
  readonly description: string;
  /**
   * The file the log is in, when it is one this process can open itself (the embedded store's):
   * a worker thread then reads it read-only to catch a read model up off the event loop.
   */
  readonly file?: string;
  /** The identity of the log this store holds (stable across restarts of the same log). */
  identity(): Promise<StoreIdentity>;
  /**
   * Appends atomically. Throws ConcurrencyError when the stream is not at `expectedRevision`,
   * IdempotencyConflictError when an event id is re-used for different content.
   */
  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** The global log in order, without system events. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catches up from the checkpoint, then stays live. */
  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription;
  /** Position of the newest event in the global log, or undefined when it is empty. */
  headPosition(): Promise<Position | undefined>;
  /**
   * How many events follow `after` (the whole log when undefined), told from positions alone,
   * without reading events. Only a store whose positions count events has it (the embedded
   * store's are dense); EventStoreDB's are offsets into its files, so it leaves it out.
   */
  eventsAfter?(after: Position | undefined): Promise<number>;
  close(): Promise<void>;
}
