/** How long one synchronous stretch of projecting may hold the event loop, by default. */
export const DEFAULT_SLICE_MS = 20;

/** The first chunk of a run whose cost per event is not known yet: small enough for any event. */
const PROBE_SIZE = 16;
/** A chunk far faster than its budget (events skipped, a warm cache) grows the next one at most this much. */
const MAX_GROWTH = 4;

export interface TimeSlicerOptions {
  /** The longest one chunk should run; the next chunk is sized from the last one's pace to fit. */
  readonly sliceMs?: number;
  readonly now?: () => number;
  /** Hands the event loop back between chunks (default: setImmediate, after timers and I/O). */
  readonly pause?: () => Promise<void>;
}

/**
 * Cuts synchronous work over a list into chunks that each fit a time budget, handing the
 * event loop back between chunks, so a catch-up or rebuild of a large log never keeps a
 * server's other requests waiting longer than about one budget. The pace (time per item) is
 * learned as it goes and kept between runs: after the first chunk, each chunk is as many
 * items as the last pace says fit in the budget.
 */
export class TimeSlicer {
  readonly sliceMs: number;
  private readonly now: () => number;
  private readonly pause: () => Promise<void>;
  /** Milliseconds per item in the last chunk; undefined until one has been timed. */
  private pace: number | undefined;
  private lastSize = PROBE_SIZE;

  constructor(options: TimeSlicerOptions = {}) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.now = options.now ?? (() => performance.now());
    this.pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  }

  /** How many items the next chunk takes. */
  nextChunkSize(remaining: number): number {
    const fits = this.pace === undefined ? PROBE_SIZE : Math.min(this.lastSize * MAX_GROWTH, Math.floor(this.sliceMs / this.pace));
    return Math.max(1, Math.min(remaining, fits));
  }

  /** Runs `work` over `items` chunk by chunk, pausing between chunks; returns the results in order. */
  async run<T, R>(items: readonly T[], work: (chunk: readonly T[]) => readonly R[]): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    while (next < items.length) {
      if (next > 0) await this.pause();
      const size = this.nextChunkSize(items.length - next);
      const chunk = items.slice(next, next + size);
      const started = this.now();
      const produced = work(chunk);
      this.pace = (this.now() - started) / chunk.length;
      this.lastSize = chunk.length;
      for (const result of produced) results.push(result);
      next += size;
    }
    return results;
  }
}
