import { UnavailableError } from '../../core/errors.ts';
import { CallTimedOut, describeFailure, isDeadlineRefusal, isRetryable } from './failures.ts';

/** Most a retry waits, however many came before. */
const MAX_RETRY_WAIT_MS = 2_000;
/**
 * A deadline refusal this early means the server thought the deadline had passed on arrival:
 * a genuine commit timeout takes the server's write timeout (2 s by default).
 */
const EARLY_REFUSAL_MS = 500;

/**
 * The deadline BatchAppend sends is an absolute time on the client's clock, which the server
 * compares with its own: a client clock behind the server's by more than this makes the server
 * refuse every append as already late. The server bounds its own wait anyway (its write
 * timeout, 2 s by default), and `within` bounds ours, so a long one costs nothing.
 */
export const SERVER_APPEND_DEADLINE_MS = 300_000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with "full jitter": a random wait up to the capped exponential step. */
export function jitteredBackoff(baseMs: number, attempt: number, capMs: number, random: () => number = Math.random): number {
  const step = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + (random() * step) / 2);
}

/** `work` within `ms`, else CallTimedOut (after `onTimeout`, which should cancel the call). */
export async function within<T>(what: string, ms: number, work: Promise<T>, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new CallTimedOut(what, ms));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A read stream of the client: async-iterable and cancellable. */
interface CancellableReads<T> extends AsyncIterable<T> {
  cancel(): Promise<void>;
}

/**
 * Every event of a read, within `ms`. The client gives reads no deadline of their own (it
 * passes Infinity to gRPC), so a read from a node that stops answering would hang for ever.
 */
export function collectWithin<T>(what: string, ms: number, reads: CancellableReads<T>): Promise<T[]> {
  const collect = async () => {
    const out: T[] = [];
    for await (const item of reads) out.push(item);
    return out;
  };
  return within(what, ms, collect(), () => void reads.cancel().catch(() => undefined));
}

export interface RetryPolicy {
  readonly budgetMs: number;
  readonly backoffMs: number;
  /** Called before each retry, for logs. */
  readonly onRetry?: (what: string, attempt: number, error: unknown) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not transient, or the budget
 * is spent; then a transient failure becomes UnavailableError (UNAVAILABLE), naming the last
 * cause. The caller makes every attempt identical (same event ids, same expected revision),
 * so an attempt whose outcome was lost is settled by the next.
 */
export async function withRetries<T>(what: string, policy: RetryPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
  const started = Date.now();
  let earlyDeadlineRefusals = 0;
  for (let n = 0; ; n++) {
    const attemptStarted = Date.now();
    try {
      return await attempt(n);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (isDeadlineRefusal(error) && Date.now() - attemptStarted < EARLY_REFUSAL_MS) earlyDeadlineRefusals++;
      const wait = jitteredBackoff(policy.backoffMs, n, MAX_RETRY_WAIT_MS);
      if (Date.now() - started + wait > policy.budgetMs) {
        const clockHint =
          earlyDeadlineRefusals > 0 && earlyDeadlineRefusals === n + 1
            ? " The server refused every attempt at once as past its deadline: this host's clock is probably behind the server's; synchronise the clocks (NTP)."
            : '';
        throw new UnavailableError(
          `EventStoreDB did not complete ${what} within ${policy.budgetMs} ms (${n + 1} attempts; last: ${describeFailure(error)}). Nothing new is acknowledged; sending the same request again is safe.${clockHint}`,
          { cause: error },
        );
      }
      policy.onRetry?.(what, n + 1, error);
      await sleep(wait);
    }
  }
}
