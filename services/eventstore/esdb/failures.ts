import { CancelledError, DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError, UnknownError } from '@eventstore/db-client';

/**
 * How the server's answers reach us through @eventstore/db-client, read from the KurrentDB
 * source (Streams.BatchAppend.cs, RpcExceptions.cs, Status.cs) and the client's
 * convertToCommandError / unpackToCommandError:
 * - BatchAppend "Server Is Not Ready" / "Server Is Busy" are a per-request status with an
 *   Empty detail: the client cannot name it and raises UnknownError("Could not recognize ...").
 * - A commit timeout is a per-request Timeout status (DeadlineExceededError) on BatchAppend,
 *   gRPC ABORTED (TimeoutError) on Append. Its outcome is unknown: the events may be written.
 * - Node shutdown cancels calls (CancelledError); a node that is gone is UnavailableError.
 * - A follower asked for the leader answers NotFound with not-leader metadata (NotLeaderError);
 *   the client then reconnects to the leader it names, so a retry goes there.
 */
const NOT_READY_OR_BUSY = /Server Is (Not Ready|Busy|Too Busy)/i;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_INVALID_ARGUMENT = 3;

/** Our own bound on a call ran out before the server answered. */
export class CallTimedOut extends Error {
  constructor(
    readonly what: string,
    readonly afterMs: number,
  ) {
    super(`${what} got no answer within ${afterMs} ms`);
    this.name = 'CallTimedOut';
  }
}

/** Worth sending again unchanged (same event ids, same expected revision). */
export function isRetryable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    error instanceof CallTimedOut
  ) {
    return true;
  }
  if (error instanceof UnknownError) return NOT_READY_OR_BUSY.test(error.message);
  // The server-features probe made before the first append rejects with the raw gRPC error.
  const code = (error as { code?: unknown } | null)?.code;
  return (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) && typeof error === 'object' && 'metadata' in error!;
}

/** The server said the deadline had passed: with an absolute client deadline, the sign of a slow client clock. */
export function isDeadlineRefusal(error: unknown): boolean {
  return error instanceof DeadlineExceededError;
}

/** A $all read or subscription from a position that is not a record of this server's log. */
export function isInvalidPosition(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_INVALID_ARGUMENT && error instanceof Error && /invalid position/i.test(error.message);
}

export function describeFailure(error: unknown): string {
  if (error instanceof CallTimedOut) return error.message;
  const name = error instanceof Error ? error.constructor.name : 'error';
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`;
}
