/** How long one synchronous stretch of long work (projecting, reading the log, verifying) may hold the event loop, by default. */
export const DEFAULT_SLICE_MS = 10;

/** The first chunk of a run whose cost per item is not known yet: small enough for any item. */
const PROBE_SIZE = 16;
/** A chunk far faster than its budget (items skipped, a warm cache) grows the next one at most this much. */
const MAX_GROWTH = 4;

export interface PacerClock {
  /** The longest one chunk should run. */
  readonly sliceMs?: number;
  readonly now?: () => number;
}

/**
 * Sizes chunks of synchronous work to a time budget from the pace (time per item) of the last
 * chunk, so that a chunk fits the budget once the pace is known. The pace is kept between runs.
 * One rule for every long job: the projection runner's batches, the store's reads, the verifier.
 */
export class ChunkPacer {
  readonly sliceMs: number;
  readonly now: () => number;
  /** Milliseconds per item in the last chunk; undefined until one has been timed. */
  private pace: number | undefined;
  private lastSize = PROBE_SIZE;

  constructor(options: PacerClock = {}) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.now = options.now ?? (() => performance.now());
  }

  /** How many items the next chunk takes, of `remaining`. */
  nextSize(remaining: number): number {
    const grown = this.lastSize * MAX_GROWTH;
    // A chunk too quick for the clock to see says only that the next may grow.
    const fits = this.pace === undefined ? PROBE_SIZE : this.pace === 0 ? grown : Math.min(grown, Math.floor(this.sliceMs / this.pace));
    return Math.max(1, Math.min(remaining, fits));
  }

  /** Runs one chunk of `size` items and learns its pace. */
  timed<R>(size: number, work: () => R): R {
    const started = this.now();
    const result = work();
    this.learn(size, this.now() - started);
    return result;
  }

  /** Runs one chunk that yields a list (a read of up to `size` rows) and learns the pace per item it gave. */
  timedList<R>(size: number, work: () => R[]): R[] {
    const started = this.now();
    const result = work();
    this.learn(Math.max(1, Math.min(size, result.length)), this.now() - started);
    return result;
  }

  private learn(size: number, ms: number): void {
    if (size <= 0) return;
    this.pace = ms / size;
    this.lastSize = size;
  }
}

/** Hands the event loop back: after timers and I/O (a server's requests), as setImmediate does. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
