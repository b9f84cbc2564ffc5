import {
  ConcurrencyError,
  IdempotencyConflictError,
  IntegrityError,
  NotFoundError,
  ValidationError,
  isRegisterError,
} from '../core/errors.ts';

/** Exit statuses scripts can rely on; printed in `ccag --help`. */
export const ExitCode = {
  ok: 0,
  /** A check failed: verify found tampering, an import rejected rows. */
  checkFailed: 1,
  usage: 2,
  configuration: 3,
  /** A write conflicted with another (expectedVersion, a re-used idempotency key). */
  conflict: 4,
  other: 5,
  /** The register refused the token (UNAUTHENTICATED) or what its role may do (FORBIDDEN). */
  refused: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeHelp = `Exit codes:
  0  ok
  1  a check failed (verify found tampering; import rejected rows)
  2  usage error (unknown option, bad argument, a point that does not exist)
  3  configuration error (DATA_DIR, ESDB_CONNECTION_STRING, SQLITE_SYNCHRONOUS, TOKENS_FILE, ...)
  4  a write conflicted (expectedVersion, an idempotency key re-used for another command,
     a workbook row editing an item changed since its export)
  5  any other error (the server failed, UNAVAILABLE: running the same command again is safe)
  6  over --server: the register refused the token (UNAUTHENTICATED) or its role (FORBIDDEN)`;

/** The command was called wrongly. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The environment or a configuration file is wrong; nothing was done. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** A check the user asked for did not pass; the details were already printed. */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}

/** Edits that conflict with changes made since they were read (a workbook's rows); the details were already printed. */
export class WriteConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteConflict';
  }
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof ConfigurationError) return ExitCode.configuration;
  if (error instanceof CheckFailed || error instanceof IntegrityError) return ExitCode.checkFailed;
  if (error instanceof ConcurrencyError || error instanceof IdempotencyConflictError || error instanceof WriteConflict)
    return ExitCode.conflict;
  // Reaching the top, these come from arguments (a bad --at, a meeting never held).
  if (error instanceof ValidationError || error instanceof NotFoundError) return ExitCode.usage;
  // Over the API the same errors arrive as their codes.
  if (isRegisterError(error)) {
    switch (error.code) {
      case 'CONFLICT':
        return ExitCode.conflict;
      case 'INTEGRITY':
        return ExitCode.checkFailed;
      case 'BAD_USER_INPUT':
      case 'NOT_FOUND':
        return ExitCode.usage;
      case 'UNAUTHENTICATED':
      case 'FORBIDDEN':
        return ExitCode.refused;
      default:
        return ExitCode.other;
    }
  }
  return ExitCode.other;
}
