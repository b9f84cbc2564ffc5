/**
 * One error hierarchy for the whole register. Every error carries a stable `code` that
 * the API copies into GraphQL `extensions.code` and the CLI maps to its exit status.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'STORAGE_FULL'
  | 'STORED_NOT_VISIBLE'
  | 'INTEGRITY';

export abstract class RegisterError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, caller-safe details copied into GraphQL `extensions`. */
  details(): Record<string, unknown> {
    return {};
  }
}

export interface FieldIssue {
  /** Path of the bad field, e.g. `["input", "forecastDate"]` or `["rows", 3, "ref"]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export class ValidationError extends RegisterError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`Invalid input: ${issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
  override details() {
    return { fields: this.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  }
}

export class NotFoundError extends RegisterError {
  readonly code = 'NOT_FOUND' as const;
  /** `known`: what the caller could have meant, when the list is short enough to show. */
  constructor(
    readonly what: string,
    readonly id: string,
    readonly known?: readonly string[],
  ) {
    super(`${what} ${id} does not exist${known ? `; known: ${known.join(', ') || 'none'}` : ''}`);
    this.name = 'NotFoundError';
  }
  override details() {
    return this.known ? { id: this.id, known: [...this.known] } : { id: this.id };
  }
}

/** Optimistic concurrency: somebody else wrote to the stream first. */
export class ConcurrencyError extends RegisterError {
  readonly code = 'CONFLICT' as const;
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Conflicting edit on ${stream}: expected version ${expected}, but it is at ${actual}`);
    this.name = 'ConcurrencyError';
  }
  override details() {
    return { stream: this.stream, expectedVersion: this.expected, actualVersion: this.actual };
  }
}

/** The same event id or idempotency key was re-used for different content. */
export class IdempotencyConflictError extends RegisterError {
  readonly code = 'CONFLICT' as const;
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'IdempotencyConflictError';
  }
  override details() {
    return { idempotencyKey: this.key };
  }
}

export class InvalidTransitionError extends RegisterError {
  readonly code = 'INVALID_TRANSITION' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}

export class UnauthenticatedError extends RegisterError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'A valid bearer token is required') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends RegisterError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A bounded wait ran out (e.g. read-your-writes waiting for the projection). */
export class TimeoutError extends RegisterError {
  readonly code = 'TIMEOUT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * The event store could not be reached, or did not confirm a write, within the bounded
 * time the register waits (a failover, a node starting, a busy server). Nothing was
 * acknowledged; sending the same command again is safe, as it carries the same event ids.
 */
export class UnavailableError extends RegisterError {
  readonly code = 'UNAVAILABLE' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}

/** A read found the read model's file damaged: it is being set aside and rebuilt from the log (nothing in the log is lost). */
export class ReadModelRebuildingError extends UnavailableError {
  constructor(cause: unknown) {
    super(
      'the read model is damaged, so it is being set aside and rebuilt from the log (nothing in the log is affected); ' +
        'try again shortly: GET /ready answers 200 once it is back',
      { cause },
    );
    this.name = 'ReadModelRebuildingError';
  }
}

/**
 * The disk holding the log has no room: the append was rolled back and nothing was stored.
 * Once space is freed the same command can be sent again (its idempotency key, if any, is unused).
 */
export class StorageFullError extends RegisterError {
  readonly code = 'STORAGE_FULL' as const;
  constructor(
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(`the disk holding the event log (${where}) is full: nothing was stored; free space there and send the command again`, options);
    this.name = 'StorageFullError';
  }
}

/**
 * The write is in the log (acknowledged, at `position`), but the read model did not show it
 * within the read-your-writes wait. Not a failure of the write: reading again later shows it,
 * and retrying with the same idempotency key returns this write's result without writing again.
 */
export class StoredNotVisibleError extends RegisterError {
  readonly code = 'STORED_NOT_VISIBLE' as const;
  constructor(
    readonly position: string,
    readonly itemId: string,
    readonly version: number,
    why: string,
  ) {
    super(
      `The write was stored at position ${position} (${itemId} version ${version}) but is not visible yet: ${why}. ` +
        'Read again shortly; a retry with the same idempotencyKey returns this result without writing again',
    );
    this.name = 'StoredNotVisibleError';
  }
  override details() {
    return { stored: true, position: this.position, itemId: this.itemId, version: this.version };
  }
}

/** Stored data failed a check: a schema, a hash, a digest. */
export class IntegrityError extends RegisterError {
  readonly code = 'INTEGRITY' as const;
  constructor(
    message: string,
    readonly where?: { stream?: string; revision?: number; position?: string },
  ) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/**
 * The store refused to read from a checkpoint: the position is not in its log, so the read
 * model was built from another store (a data folder reused after switching stores). Only a
 * rebuild from the start helps.
 */
export class CheckpointNotInLogError extends IntegrityError {
  constructor(
    readonly position: string,
    store: string,
  ) {
    super(`${store} refused to read from position ${position}: it is not a position in this log (a read model built from another store?)`, {
      position,
    });
    this.name = 'CheckpointNotInLogError';
  }
}

export const isRegisterError = (e: unknown): e is RegisterError => e instanceof RegisterError;
