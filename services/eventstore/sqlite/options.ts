import { z } from 'zod';

/** SQLite INTEGER is a signed 64-bit number; the log cannot go past it. */
export const MAX_SQLITE_POSITION = (1n << 63n) - 1n;

export const sqliteStoreOptionsSchema = z.object({
  /** A file path, or ':memory:' for a store that lives and dies with the process. */
  path: z.string().min(1),
  /** FULL: an acknowledged append survives power loss. NORMAL/OFF trade that for speed. */
  synchronous: z.enum(['FULL', 'NORMAL', 'OFF']).default('FULL'),
  /** Position of the first event of a new file. Positive so that 0 reads as "before everything". */
  firstPosition: z.bigint().min(1n).max(MAX_SQLITE_POSITION).default(1n),
  /** Source of `recordedAt`. */
  clock: z
    .custom<() => Date>((value) => typeof value === 'function', 'clock must be a function returning a Date')
    .default(() => () => new Date()),
  /** How often a live subscription looks for appends made by other processes on the same file. */
  pollIntervalMs: z.number().int().positive().default(250),
  /** How long an append waits for another process's write lock before failing. */
  busyTimeoutMs: z.number().int().nonnegative().default(5_000),
});

export type SqliteStoreOptions = z.input<typeof sqliteStoreOptionsSchema>;
export type ResolvedSqliteStoreOptions = z.output<typeof sqliteStoreOptionsSchema>;
