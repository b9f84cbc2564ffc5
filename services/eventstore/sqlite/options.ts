import { z } from 'zod';
import { DEFAULT_SLICE_MS } from '../../core/chunk-pacer.ts';

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
  /** A read of many events is cut into reads that each take about this long, the event loop handed back between them. */
  readSliceMs: z.number().nonnegative().default(DEFAULT_SLICE_MS),
  /** The clock those reads are timed by (tests count rows with it instead). */
  readClock: z
    .custom<() => number>((value) => typeof value === 'function', 'readClock must be a function returning milliseconds')
    .default(() => () => performance.now()),
});

export type SqliteStoreOptions = z.input<typeof sqliteStoreOptionsSchema>;
export type ResolvedSqliteStoreOptions = z.output<typeof sqliteStoreOptionsSchema>;
