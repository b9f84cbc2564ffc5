import { IntegrityError } from '../../services/core/errors.ts';

export interface RetryPolicy {
  /** Delay before the first retry. */
  readonly initialDelayMs: number;
  /** The delay doubles per failed attempt up to this. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 30_000 };

/**
 * Capped exponential backoff with jitter (the delay is drawn from its upper half), so many
 * nodes failing together on a shared store do not retry in step.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * A known event failing its own schema fails the same way on every retry: the log needs a
 * person, not patience. Everything else (a full disk, a busy or unreadable file, a dropped
 * subscription) may pass, so it is retried.
 */
export const isPermanentFailure = (error: Error): boolean => error instanceof IntegrityError;

/** SQLite's words for a database file that is not (or no longer) a sound database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}
