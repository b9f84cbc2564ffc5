import { ChunkPacer, DEFAULT_SLICE_MS, yieldToEventLoop } from '../../services/core/chunk-pacer.ts';

export { DEFAULT_SLICE_MS };

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
 * learned as it goes and kept between runs (ChunkPacer).
 */
export class TimeSlicer {
  private readonly pacer: ChunkPacer;
  private readonly pause: () => Promise<void>;

  constructor(options: TimeSlicerOptions = {}) {
    this.pacer = new ChunkPacer(options);
    this.pause = options.pause ?? yieldToEventLoop;
  }

  get sliceMs(): number {
    return this.pacer.sliceMs;
  }

  /** Hands the event loop back once, as between two chunks (before a commit that is a stretch of its own). */
  handBack(): Promise<void> {
    return this.pause();
  }

  /** How many items the next chunk takes. */
  nextChunkSize(remaining: number): number {
    return this.pacer.nextSize(remaining);
  }

  /**
   * Runs `work` over `items` chunk by chunk, pausing before each chunk (what came before it, a
   * read of the batch, had a stretch of its own); returns the results in order.
   */
  async run<T, R>(items: readonly T[], work: (chunk: readonly T[]) => readonly R[]): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    while (next < items.length) {
      await this.pause();
      const chunk = items.slice(next, next + this.pacer.nextSize(items.length - next));
      const produced = this.pacer.timed(chunk.length, () => work(chunk));
      for (const result of produced) results.push(result);
      next += chunk.length;
    }
    return results;
  }
}
