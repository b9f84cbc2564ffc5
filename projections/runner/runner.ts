import type { EventStore, Subscription } from '../../services/core/event-store.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { comparePositions, formatPosition, type Position } from '../../services/core/position.ts';
import { TimeoutError } from '../../services/core/errors.ts';
import type { ReadModel } from '../read-model/read-model.ts';
import { ProjectionEngine, type Logger } from './engine.ts';
import type { AppliedChange, Projection } from './projection.ts';

export interface RunnerOptions {
  readonly store: EventStore;
  readonly registry: ItemRegistry;
  readonly readModel: ReadModel;
  readonly projections: readonly Projection[];
  readonly logger: Logger;
  readonly name?: string;
  readonly maxBatchSize?: number;
}

export interface Lag {
  readonly checkpoint: string | null;
  readonly head: string | null;
  /** Events between the checkpoint and the head, counted up to `LAG_COUNT_LIMIT`. */
  readonly eventsBehind: number;
  readonly caughtUp: boolean;
}

const LAG_COUNT_LIMIT = 10_000;

interface Waiter {
  position: Position;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Keeps the read model following the global log: subscribes from the stored checkpoint,
 * applies batches, and tells waiters (read-your-writes) and listeners (live subscriptions).
 */
export class ProjectionRunner {
  private engine: ProjectionEngine;
  private subscription: Subscription | undefined;
  private waiters: Waiter[] = [];
  private readonly listeners = new Set<(changes: readonly AppliedChange[]) => void>();
  private failure: Error | undefined;
  private rebuilding: Promise<void> | undefined;
  private readonly name: string;

  constructor(private readonly options: RunnerOptions) {
    this.name = options.name ?? 'main';
    this.engine = this.newEngine(options.readModel.db);
  }

  /** The fatal error that stopped the runner, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  get checkpoint(): Position | undefined {
    return this.engine.checkpoint.position;
  }

  get running(): boolean {
    return this.subscription !== undefined;
  }

  start(): void {
    if (this.subscription) return;
    this.failure = undefined;
    const subscription = this.options.store.subscribeAll(
      { after: this.engine.checkpoint.position, maxBatchSize: this.options.maxBatchSize ?? 2000 },
      (events) => this.applyBatch(events),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.failure = failure;
      this.options.logger.error(`projection runner ${this.name} stopped: ${failure.message}`);
      if (this.subscription === subscription) this.subscription = undefined;
      // Nobody waiting for read-your-writes should sit out a timeout for a runner that has stopped.
      const waiting = this.waiters;
      this.waiters = [];
      for (const waiter of waiting) waiter.reject(failure);
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
  }

  /** Subscribes to item changes after each committed batch. Returns an unsubscribe function. */
  onChanges(listener: (changes: readonly AppliedChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the read model has applied `position`; TimeoutError after `timeoutMs`. */
  waitFor(position: Position | undefined, timeoutMs: number): Promise<void> {
    if (!position || this.reached(position)) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
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
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new TimeoutError(`the read model did not reach position ${formatPosition(position)} within ${timeoutMs} ms; the write is stored, read again shortly`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves once the read model has reached the store's current head. */
  async catchUp(timeoutMs: number): Promise<void> {
    await this.waitFor(await this.options.store.headPosition(), timeoutMs);
  }

  async lag(): Promise<Lag> {
    const head = await this.options.store.headPosition();
    const checkpoint = this.checkpoint;
    const behind = head && (!checkpoint || comparePositions(checkpoint, head) < 0)
      ? (await this.options.store.readAll({ after: checkpoint, maxCount: LAG_COUNT_LIMIT })).length
      : 0;
    return {
      checkpoint: checkpoint ? formatPosition(checkpoint) : null,
      head: head ? formatPosition(head) : null,
      eventsBehind: behind,
      caughtUp: behind === 0,
    };
  }

  /**
   * Builds a fresh read model beside the live one from the whole log, then swaps it in.
   * The live model keeps serving (and following the log) until the swap. A second call
   * while one runs joins it rather than building another.
   */
  rebuild(onProgress?: (applied: number) => void): Promise<void> {
    this.rebuilding ??= this.buildAndSwap(onProgress).finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  private async buildAndSwap(onProgress?: (applied: number) => void): Promise<void> {
    const replacement = this.options.readModel.openReplacement();
    let wasRunning = false;
    let stopped = false;
    try {
      const engine = this.newEngine(replacement.db);
      await this.copyLog(engine, onProgress);
      wasRunning = this.running;
      await this.stop();
      stopped = true;
      const liveReached = this.engine.checkpoint.position;
      // Whatever was appended while the bulk was copied; the live model is paused meanwhile.
      const lastChanges = await this.copyLog(engine, onProgress, true);
      this.options.readModel.swapIn(replacement);
      this.engine = this.newEngine(this.options.readModel.db);
      this.release();
      // Listeners heard of everything the live model applied; tell them of the rest.
      this.notify(lastChanges.filter((change) => !liveReached || comparePositions(change.event.position, liveReached) > 0));
    } catch (error) {
      this.options.readModel.discardReplacement(replacement);
      throw error;
    } finally {
      if (stopped && wasRunning) this.start();
    }
  }

  /** Applies the log after the engine's checkpoint; returns the changes made when `collect` is set. */
  private async copyLog(engine: ProjectionEngine, onProgress?: (applied: number) => void, collect = false): Promise<AppliedChange[]> {
    const batchSize = this.options.maxBatchSize ?? 2000;
    const changes: AppliedChange[] = [];
    for (;;) {
      const batch = await this.options.store.readAll({ after: engine.checkpoint.position, maxCount: batchSize });
      if (batch.length === 0) return changes;
      const applied = engine.apply(batch);
      if (collect) changes.push(...applied);
      onProgress?.(engine.checkpoint.seq);
      // A rebuild is many batches: the live model keeps answering queries between them.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private applyBatch(events: Parameters<ProjectionEngine['apply']>[0]): void {
    const changes = this.engine.apply(events);
    this.release();
    this.notify(changes);
  }

  private notify(changes: readonly AppliedChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch (error) {
        this.options.logger.error(`change listener failed: ${String(error)}`);
      }
    }
  }

  private reached(position: Position): boolean {
    const checkpoint = this.engine.checkpoint.position;
    return checkpoint !== undefined && comparePositions(checkpoint, position) >= 0;
  }

  private release(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (this.reached(waiter.position)) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private newEngine(db: ProjectionEngine['db']): ProjectionEngine {
    return new ProjectionEngine(db, this.name, this.options.projections, this.options.registry, this.options.logger);
  }
}
