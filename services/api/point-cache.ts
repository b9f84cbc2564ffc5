import { LRUCache } from 'lru-cache';

interface Pending {
  readonly promise: Promise<object>;
  readonly controller: AbortController;
  waiters: number;
}

/**
 * Answers at fixed points, kept: a resolved point names the register after event `seq`, and
 * the read model only appends after the seqs it has reached, so the movement between two such
 * points and a list at one of them never change. They are kept by seq (and the day, where
 * "overdue" depends on it) in a least-recently-used cache bounded in bytes, and forgotten
 * only when a rebuild swaps the read model's database (its seqs are then not the same ones).
 *
 * The bound is lru-cache's (size-bounded LRU, the npm ecosystem's standard one) rather than a
 * hand-written eviction list.
 *
 * Concurrent requests for the same answer share one computation; it stops (its signal fires)
 * only when every request waiting for it has run out of time.
 */
export class PointCache {
  private readonly answers: LRUCache<string, object>;
  private readonly pending = new Map<string, Pending>();
  private generation: number | undefined;

  constructor(
    /** Changes only when a rebuild swaps the read model's database. */
    private readonly currentGeneration: () => number,
    maxBytes: number,
  ) {
    // Sized by the answer's JSON length in UTF-16 code units (2 bytes each): the order of what
    // the shaped objects hold, measured once per answer, when it is stored.
    this.answers = new LRUCache<string, object>({
      maxSize: maxBytes,
      sizeCalculation: (value) => Math.max(1, 2 * JSON.stringify(value).length),
    });
  }

  get size(): { entries: number; bytes: number } {
    this.follow();
    return { entries: this.answers.size, bytes: this.answers.calculatedSize };
  }

  /** The kept answer for `key`, else `compute`'s (stored, if it fits). `signal` is the caller's deadline. */
  async answer<T extends object>(key: string, signal: AbortSignal, compute: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const generation = this.follow();
    const kept = this.answers.get(key);
    if (kept) return kept as T;
    let pending = this.pending.get(key);
    if (!pending) {
      const controller = new AbortController();
      const promise = compute(controller.signal).then((value) => {
        // A rebuild during the computation: the answer is of the old database and is not kept.
        if (this.generation === generation) this.answers.set(key, value);
        return value;
      });
      const created: Pending = { promise, controller, waiters: 0 };
      void promise
        .finally(() => {
          if (this.pending.get(key) === created) this.pending.delete(key);
        })
        .catch(() => {});
      this.pending.set(key, created);
      pending = created;
    }
    return (await this.wait(pending, signal)) as T;
  }

  private wait(pending: Pending, signal: AbortSignal): Promise<object> {
    signal.throwIfAborted();
    pending.waiters++;
    return new Promise<object>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener('abort', onAbort);
        pending.waiters--;
      };
      const onAbort = () => {
        if (left) return;
        leave();
        if (pending.waiters === 0) pending.controller.abort(signal.reason);
        reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Forgets everything when the read model's database is not the one the answers came from. */
  private follow(): number {
    const generation = this.currentGeneration();
    if (generation !== this.generation) {
      this.answers.clear();
      // Computations of the old database finish for their own callers but are neither kept nor shared.
      this.pending.clear();
      this.generation = generation;
    }
    return generation;
  }
}
