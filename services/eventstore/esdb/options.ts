import { z } from 'zod';

/** Passwords never reach logs, error messages or `description`. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/)([^:@/]+):([^@/]*)@/i, '$1$2:***@');
}

const CONNECTION_STRING_SCHEME = /^esdb(\+discover)?:\/\/[^/?#\s]+/;

export const esdbEventStoreOptionsSchema = z.object({
  /**
   * `esdb://host:2113?tls=false` for one node, `esdb://node1:2113,node2:2113,node3:2113?...`
   * for a cluster given by its members, `esdb+discover://cluster.dns:2113` for DNS discovery.
   */
  connectionString: z.string().superRefine((value, ctx) => {
    if (!CONNECTION_STRING_SCHEME.test(value.trim())) {
      ctx.addIssue({
        code: 'custom',
        message: `"${redactConnectionString(value)}" is not an EventStoreDB connection string: expected esdb://host:port or esdb+discover://host:port`,
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
  /** Retries of an append that failed with Unavailable or DeadlineExceeded, same ids and expected revision. */
  appendRetries: z.number().int().min(0).max(10).default(3),
  /** Wait before the first append retry; doubles each time. */
  appendRetryBackoffMs: z.number().int().min(0).max(60_000).default(100),
  /** Consecutive failed resubscriptions after a dropped subscription before `done` rejects. */
  resubscribeRetries: z.number().int().min(0).max(100).default(8),
  /** Wait before the first resubscription; doubles each time, at most 5 s. */
  resubscribeBackoffMs: z.number().int().min(0).max(60_000).default(100),
  /** Events fetched per $all read; readAll with a stream prefix may need several pages. */
  readPageSize: z.number().int().min(1).max(10_000).default(500),
});

export type EsdbEventStoreOptions = z.input<typeof esdbEventStoreOptionsSchema>;
export type ResolvedEsdbEventStoreOptions = z.output<typeof esdbEventStoreOptionsSchema>;
