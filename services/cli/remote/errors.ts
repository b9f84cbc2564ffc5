import {
  ConcurrencyError,
  ForbiddenError,
  IdempotencyConflictError,
  InvalidTransitionError,
  RegisterError,
  UnauthenticatedError,
  ValidationError,
  type ErrorCode,
} from '../../core/errors.ts';

/** A register error the server reported, kept with its code and extensions so the CLI exits as it would on the store. */
export class ServerRefusal extends RegisterError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ServerRefusal';
  }
  override details() {
    return this.extensions;
  }
}

/** The server failed in a way that is not a refusal of what was sent (an internal error, a limit, a rate limit). */
export class RemoteFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RemoteFailure';
  }
}

const registerCodes: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TIMEOUT',
  'UNAVAILABLE',
  'STORED_NOT_VISIBLE',
  'INTEGRITY',
]);

/**
 * The error a GraphQL answer's `extensions.code` stands for, as the register's own class
 * where the CLI treats it apart (field paths, conflicts, access), so exit codes and import
 * messages are the same as on the store.
 */
export function errorFromServer(code: unknown, message: string, extensions: Record<string, unknown>): Error {
  switch (code) {
    case 'BAD_USER_INPUT': {
      const fields = Array.isArray(extensions['fields']) ? (extensions['fields'] as { path?: unknown; message?: unknown }[]) : [];
      if (fields.length === 0) return new ServerRefusal('BAD_USER_INPUT', message, extensions);
      return new ValidationError(
        fields.map((f) => ({
          path: typeof f.path === 'string' && f.path !== '' ? f.path.split('.') : [],
          message: String(f.message),
        })),
      );
    }
    case 'CONFLICT':
      if (typeof extensions['idempotencyKey'] === 'string') return new IdempotencyConflictError(extensions['idempotencyKey'], message);
      if (typeof extensions['stream'] === 'string') {
        return new ConcurrencyError(extensions['stream'], String(extensions['expectedVersion']), String(extensions['actualVersion']));
      }
      return new ServerRefusal('CONFLICT', message, extensions);
    case 'FORBIDDEN':
      return new ForbiddenError(message);
    case 'UNAUTHENTICATED':
      return new UnauthenticatedError(message);
    case 'INVALID_TRANSITION':
      return new InvalidTransitionError(message);
    default:
      if (typeof code === 'string' && registerCodes.has(code)) return new ServerRefusal(code as ErrorCode, message, extensions);
      return new RemoteFailure(message, typeof code === 'string' ? code : 'UNKNOWN');
  }
}
