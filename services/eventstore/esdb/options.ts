import { z } from 'zod';

/** Passwords never reach logs, error messages or `description`. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/)([^:@/]+):([^@/]*)@/i, '$1$2:***@');
}

const CONNECTION_STRING_SCHEME = /^(esdb|kurrentdb)(\+discover)?:\/\/[^/?#\s]+/i;

/** KurrentDB's own scheme means the same as esdb://, which is what @eventstore/db-client parses. */
export function toClientConnectionString(connectionString: string): string {
  return connectionString
    .trim()
    .replace(/^kurrentdb(\+discover)?:\/\//i, (_match, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

/** `tls=false` in the query: no TLS, no authentication (the client's default is TLS on). */
export function isInsecureConnectionString(connectionString: string): boolean {
  const query = connectionString.split('?')[1] ?? '';
  return [...new URLSearchParams(query)].some(([key, value]) => key.toLowerCase() === 'tls' && value.toLowerCase() === 'false');
}

/** What EventStoreDB 24.10 refuses by default (MaxAppendSize); 26.0 allows more, but 1 MiB works on both. */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;

export const esdbEventStoreOptionsSchema = z.object({
  /**
   * `esdb://host:2113?tls=false` for one node, `esdb://node1:2113,node2:2113,node3:2113?...`
   * for a cluster given by its members, `esdb+discover://cluster.dns:2113` for DNS discovery;
   * `kurrentdb://` and `kurrentdb+discover://` mean the same.
   */
  connectionString: z.string().superRefine((value, ctx) => {
    if (!CONNECTION_STRING_SCHEME.test(value.trim())) {
      ctx.addIssue({
        code: 'custom',
        message: `"${redactConnectionString(value)}" is not an EventStoreDB connection string: expected esdb://host:port, esdb+discover://host:port, kurrentdb://host:port or kurrentdb+discover://host:port`,
      });
    }
  }),
  /**
   * Prepended to every stream name on write and removed on read; readAll, headPosition and
   * subscribeAll see only streams with the prefix. Lets many stores (tests, tenants) share
   * one server without seeing each other.
   */
  streamPrefix: z
    .string()
    .regex(/^[^$\s][^\s]*$/, 'a stream prefix must not be empty, start with $ or contain spaces')
    .optional(),
  /**
   * Total time an append (or a read) keeps retrying transient failures (Unavailable, Not Ready,
   * Busy, timeouts, shutdown, leader change) with the same event ids before UNAVAILABLE.
   */
  retryBudgetMs: z.number().int().min(0).max(600_000).default(15_000),
  /** Wait before the first retry; doubles each time, with jitter, at most 2 s. */
  appendRetryBackoffMs: z.number().int().min(0).max(60_000).default(100),
  /** One append attempt without an answer for this long counts as a timeout (outcome unknown). */
  appendTimeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  /** One read without its last event for this long counts as a timeout. */
  readTimeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  /**
   * How long an acknowledged append's read-back may miss the events before that is called an
   * integrity failure (a lagging node answering from its own index).
   */
  readBackGraceMs: z.number().int().min(0).max(60_000).default(2_000),
  /** Appends larger than this (data, metadata and type, as the server counts) are refused up front. */
  maxAppendBytes: z.number().int().min(1).default(DEFAULT_MAX_APPEND_BYTES),
  /** Wait before the first resubscription; doubles each time, with jitter, at most `resubscribeMaxBackoffMs`. */
  resubscribeBackoffMs: z.number().int().min(0).max(60_000).default(100),
  /** The cap of the resubscription backoff; resubscribing never gives up. */
  resubscribeMaxBackoffMs: z.number().int().min(1).max(300_000).default(5_000),
  /** Events fetched per $all read; readAll with a stream prefix may need several pages. */
  readPageSize: z.number().int().min(1).max(10_000).default(500),
});

export type EsdbEventStoreOptions = z.input<typeof esdbEventStoreOptionsSchema>;
export type ResolvedEsdbEventStoreOptions = z.output<typeof esdbEventStoreOptionsSchema>;
