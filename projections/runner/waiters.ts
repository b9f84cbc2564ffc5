import { TimeoutError } from '../../services/core/errors.ts';
import { formatPosition, type Position } from '../../services/core/position.ts';

interface Waiter {
  readonly position: Position;
  resolve(): void;
  reject(error: Error): void;
}

/** Callers waiting for the read model to reach a position (read-your-writes, catch-up). */
export class PositionWaiters {
  private waiting: Waiter[] = [];

  /** Resolves when `release` finds `position` reached; TimeoutError after `timeoutMs`. */
  wait(position: Position, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(
          new TimeoutError(
            `the read model did not reach position ${formatPosition(position)} within ${timeoutMs} ms; the write is stored, read again shortly`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiting.push(waiter);
    });
  }

  /** Resolves every waiter whose position `reached` says is applied. */
  release(reached: (position: Position) => boolean): void {
    if (this.waiting.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiting) {
      if (reached(waiter.position)) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  rejectAll(error: Error): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(error);
  }
}
