import type {
  EventStore,
  StoreIdentity,
  StoredEvent,
  Subscription,
  SubscriptionConnectionChange,
} from '../../services/core/event-store.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { comparePositions, formatPosition, type Position } from '../../services/core/position.ts';
import { CheckpointNotInLogError, StoredNotVisibleError, TimeoutError } from '../../services/core/errors.ts';
import type { ReadModel, Replacement } from '../read-model/read-model.ts';
import { bindingProblem, sameStore } from './binding.ts';
import { RecentEvents } from './recent-events.ts';
import { PositionWaiters } from './waiters.ts';
import { ProjectionEngine, type Logger } from './engine.ts';
import type { AppliedChange, Projection } from './projection.ts';
import { TimeSlicer } from './time-slices.ts';
import {
  BulkWorkerOutOfMemoryError,
  isNews,
  type BulkCatchUp,
  type BulkJob,
  type BulkProgress,
  type BulkRun,
  type News,
} from './bulk-catch-up.ts';
import { DEFAULT_RETRY_POLICY, isCorruption, isPermanentFailure, retryDelayMs, type RetryPolicy } from './recovery.ts';

export interface RunnerOptions {
  readonly store: EventStore;
  readonly registry: ItemRegistry;
  readonly readModel: ReadModel;
  readonly projections: readonly Projection[];
  readonly logger: Logger;
  readonly name?: string;
  readonly maxBatchSize?: number;
  /** How transient failures are retried (for ever). */
  readonly retry?: RetryPolicy;
  /** Applying a batch holds the event loop at most about this long at a time (catch-up, rebuild). */
  readonly slicer?: TimeSlicer;
  /**
   * Catches a file read model up with an embedded store's log off the event loop (a worker
   * thread) when it is at least `bulkThreshold` events behind: at start, and in a rebuild.
   * Without it, or for another store, every batch is applied here, in time slices.
   */
  readonly bulk?: BulkCatchUp;
  /** Events behind at which `bulk` takes over (default BULK_THRESHOLD). */
  readonly bulkThreshold?: number;
}

/** What the runner is doing, for readModelStatus, /ready and logs. */
export type RunnerState =
  /** Not started, or stopped on request. */
  | { readonly state: 'idle' }
  /** Checking that the read model belongs to the log before following it. */
  | { readonly state: 'starting' }
  | { readonly state: 'running' }
  /** A transient failure: the next attempt is `attempt`, at `retryAt`. */
  | { readonly state: 'retrying'; readonly attempt: number; readonly lastError: string; readonly retryAt: string }
  /** Building a new read model beside the live one, for `reason`. */
  | { readonly state: 'rebuilding'; readonly reason: string }
  /** A failure retrying cannot mend (a stored event that fails its schema). */
  | { readonly state: 'stopped'; readonly lastError: string };

export type RunnerReport = Lag & {
  readonly state: RunnerState['state'];
  readonly attempt: number | null;
  readonly lastError: string | null;
  readonly rebuildReason: string | null;
};

/** What a write returned, as far as read-your-writes needs it. */
export interface WriteAcknowledgement {
  readonly itemId: string;
  readonly version: number;
  readonly position: Position | undefined;
  /** The id of the last event written now; undefined for a replayed or no-op command (its position is an earlier write's). */
  readonly lastEventId: string | undefined;
}

export interface Lag {
  readonly checkpoint: string | null;
  readonly head: string | null;
  /** Events between the checkpoint and the head: exact on the embedded store (from positions), else counted up to `LAG_COUNT_LIMIT`. */
  readonly eventsBehind: number;
  readonly caughtUp: boolean;
}

const LAG_COUNT_LIMIT = 10_000;
/**
 * Events read, held and committed at once during a catch-up or rebuild (live batches are a few
 * events). A batch is applied in time slices and committed once (applyInOneCommit): every commit
 * rewrites the pages it touched into the WAL, so committing 5,000 events at a time writes about a
 * quarter of what committing every 10 ms slice did (174 MB against 640 MB for 100,000 events),
 * and the WAL is checkpointed that much less often. Larger batches wrote little less (152 MB at
 * 10,000) and keep more parsed events alive across young-generation collections.
 */
export const DEFAULT_BATCH_SIZE = 5000;
/** Below this many events behind, starting a worker thread costs more than the catch-up it would take over. */
export const BULK_THRESHOLD = 2 * DEFAULT_BATCH_SIZE;

/**
 * Keeps the read model following the global log: checks that the read model belongs to the
 * log (else rebuilds it), subscribes from the stored checkpoint, applies batches, and tells
 * waiters (read-your-writes) and listeners (live subscriptions). Transient failures are
 * retried for ever with capped backoff; a damaged read model is set aside and rebuilt.
 */
export class ProjectionRunner {
  private engine: ProjectionEngine;
  private subscription: Subscription | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly listeners = new Set<(changes: readonly AppliedChange[]) => void>();
  private failure: Error | undefined;
  private rebuilding: Promise<void> | undefined;
  private readonly name: string;
  private readonly retry: RetryPolicy;
  private loop: Promise<void> | undefined;
  private stopRequested = false;
  private wakePause: (() => void) | undefined;
  /** The checkpoint has been checked against this log (and nothing since said otherwise). */
  private trusted = false;
  /** Why the read model must be rebuilt before it is followed again. */
  private distrust: string | undefined;
  /** The read model failed as a database: keep it aside for inspection when replacing it. */
  private damaged = false;
  private identity: StoreIdentity | undefined;
  private attempt = 0;
  private stateValue: RunnerState = { state: 'idle' };
  private readonly recent = new RecentEvents();
  private readonly slicer: TimeSlicer;
  /** The bulk catch-up of the live model under way, which stopping or distrusting the runner stops. */
  private liveBulk: BulkRun | undefined;
  /** Set once a worker ran out of its heap: from then on this runner catches up on its own thread. */
  private bulkOutOfMemory = false;
  /** A bulk catch-up failed: the live engine must take up the file's checkpoint before it applies anything. */
  private liveEngineStale = false;

  constructor(private readonly options: RunnerOptions) {
    this.name = options.name ?? 'main';
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.slicer = options.slicer ?? new TimeSlicer();
    this.engine = this.newEngine(options.readModel.db);
  }

  /** The failure that stopped the runner for good, if any (transient ones are retried). */
  get error(): Error | undefined {
    return this.failure;
  }

  get checkpoint(): Position | undefined {
    return this.engine.checkpoint.position;
  }

  /** True while a live subscription delivers the log to the read model. */
  get running(): boolean {
    return this.subscription !== undefined;
  }

  get state(): RunnerState {
    return this.stateValue;
  }

  start(): void {
    if (this.loop) return;
    this.failure = undefined;
    this.stopRequested = false;
    const loop = this.run().finally(() => {
      if (this.loop === loop) this.loop = undefined;
    });
    this.loop = loop;
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wakePause?.();
    this.liveBulk?.stop();
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    await this.loop;
    if (!this.failure) this.setState({ state: 'idle' });
  }

  /** Subscribes to item changes after each committed batch. Returns an unsubscribe function. */
  onChanges(listener: (changes: readonly AppliedChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Read-your-writes for one acknowledged write: checks the acknowledgement against the read
   * model (a new write at or before the checkpoint means the log went back), then waits for it.
   * A wait that fails says the write is stored (STORED_NOT_VISIBLE), never that it failed.
   */
  async waitForWrite(write: WriteAcknowledgement, timeoutMs: number): Promise<void> {
    if (write.lastEventId && write.position) this.acknowledged(write.position, write.lastEventId);
    try {
      await this.waitFor(write.position, timeoutMs);
    } catch (error) {
      const position = write.position ? formatPosition(write.position) : '(none)';
      const why =
        error instanceof TimeoutError
          ? `the read model did not reach it within ${timeoutMs} ms`
          : `the read model is failing (${(error as Error).message})`;
      throw new StoredNotVisibleError(position, write.itemId, write.version, why);
    }
  }

  /** Resolves once the read model has applied `position`; TimeoutError after `timeoutMs`. */
  waitFor(position: Position | undefined, timeoutMs: number): Promise<void> {
    if (!position || this.reached(position)) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return this.waiters.wait(position, timeoutMs);
  }

  /** Resolves once the read model has reached the store's current head. */
  async catchUp(timeoutMs: number): Promise<void> {
    await this.waitFor(await this.options.store.headPosition(), timeoutMs);
  }

  async lag(): Promise<Lag> {
    const head = await this.options.store.headPosition();
    const checkpoint = this.checkpoint;
    if (checkpoint && (!head || comparePositions(checkpoint, head) > 0)) {
      this.distrustBecause(
        `the log's head went back to ${head ? formatPosition(head) : '(empty log)'}, before the read model's checkpoint ${formatPosition(checkpoint)}`,
      );
    }
    const behind = head && (!checkpoint || comparePositions(checkpoint, head) < 0) ? await this.eventsBehind(checkpoint) : 0;
    return {
      checkpoint: checkpoint ? formatPosition(checkpoint) : null,
      head: head ? formatPosition(head) : null,
      eventsBehind: behind,
      caughtUp: behind === 0 && this.trusted,
    };
  }

  /** From positions where the store can tell (a probe during a long catch-up reads nothing); else counted by reading. */
  private async eventsBehind(checkpoint: Position | undefined): Promise<number> {
    const { store } = this.options;
    if (store.eventsAfter) return store.eventsAfter(checkpoint);
    return (await store.readAll({ after: checkpoint, maxCount: LAG_COUNT_LIMIT })).length;
  }

  /** Lag and state together: what readModelStatus and /ready report. */
  async report(): Promise<RunnerReport> {
    const lag = await this.lag();
    const state = this.stateValue;
    return {
      ...lag,
      state: state.state,
      attempt: state.state === 'retrying' ? state.attempt : null,
      lastError: state.state === 'retrying' || state.state === 'stopped' ? state.lastError : null,
      rebuildReason: state.state === 'rebuilding' ? state.reason : null,
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
      const engine = this.newEngine(replacement.db, await this.storeIdentity());
      await this.copyLog(engine, replacement, onProgress, 'none');
      await this.options.readModel.flushReplacement(replacement);
      wasRunning = this.loop !== undefined;
      await this.stop();
      stopped = true;
      const liveReached = this.trusted ? this.engine.checkpoint.position : undefined;
      // Whatever was appended while the bulk was copied; the live model is paused meanwhile.
      const lastChanges = await this.copyLog(engine, replacement, onProgress, { after: undefined });
      await this.options.readModel.flushReplacement(replacement);
      this.swapIn(replacement);
      // Listeners heard of everything the live model applied; tell them of the rest.
      this.notify(lastChanges.filter((change) => !liveReached || comparePositions(change.event.position, liveReached) > 0));
    } catch (error) {
      this.options.readModel.discardReplacement(replacement);
      throw error;
    } finally {
      if (stopped && wasRunning) this.start();
    }
  }

  /**
   * Rebuilds a read model that must not be followed (another log's, or damaged) while the
   * runner is not following: nothing waits on it, so it is built whole, then swapped in.
   * Listeners hear of what was appended since the rebuild began.
   */
  private async rebuildDistrusted(reason: string): Promise<void> {
    this.setState({ state: 'rebuilding', reason });
    this.options.logger.warn(`projection runner ${this.name}: rebuilding the read model from the log: ${reason}`);
    const headAtStart = await this.options.store.headPosition();
    this.recent.forget();
    const replacement = this.options.readModel.openReplacement();
    try {
      const engine = this.newEngine(replacement.db, await this.storeIdentity());
      // Only what was appended since the rebuild began is news to listeners: the rest is not kept (a whole log's worth would be).
      const changes = await this.copyLog(engine, replacement, undefined, { after: headAtStart });
      await this.options.readModel.flushReplacement(replacement);
      this.swapIn(replacement);
      this.notify(changes);
      this.options.logger.info(`projection runner ${this.name}: read model rebuilt from ${engine.checkpoint.seq} events`);
    } catch (error) {
      this.options.readModel.discardReplacement(replacement);
      throw error;
    }
  }

  private swapIn(replacement: Replacement): void {
    const setAside = this.options.readModel.swapIn(replacement, { keepOld: this.damaged });
    if (setAside) this.options.logger.warn(`projection runner ${this.name}: the damaged read model was kept as ${setAside}`);
    this.damaged = false;
    this.engine = this.newEngine(this.options.readModel.db, this.identity);
    this.trusted = true;
    this.distrust = undefined;
    this.release();
  }

  private async run(): Promise<void> {
    while (!this.stopRequested) {
      try {
        if (!this.trusted && !this.distrust) await this.bind();
        if (this.distrust && !this.stopRequested) await this.joinRebuild(this.distrust);
        if (this.stopRequested) break;
        await this.follow();
      } catch (error) {
        if (this.stopRequested) break;
        const failure = error instanceof Error ? error : new Error(String(error));
        if (failure instanceof CheckpointNotInLogError) {
          // The store itself says the checkpoint is not one of its positions: another log's.
          this.trusted = false;
          this.distrust = failure.message;
          continue;
        }
        if (isPermanentFailure(failure)) {
          this.fail(failure);
          return;
        }
        if (this.damaged && !this.distrust) this.distrust = `the read model is damaged (${failure.message})`;
        await this.pauseBeforeRetry(failure);
      }
    }
  }

  private joinRebuild(reason: string): Promise<void> {
    this.rebuilding ??= this.rebuildDistrusted(reason).finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  /** Checks the read model's checkpoint against the log it is about to follow. */
  private async bind(): Promise<void> {
    this.setState({ state: 'starting' });
    // A read model opened before every page was read is followed only once they have been.
    if (await this.options.readModel.settle()) this.engine = this.newEngine(this.options.readModel.db);
    const identity = await this.storeIdentity();
    const problem = await bindingProblem(this.options.store, this.engine.checkpoint, identity);
    if (problem) {
      this.distrust = problem;
      return;
    }
    this.trusted = true;
    this.release();
  }

  private async follow(): Promise<void> {
    if (this.liveEngineStale) {
      this.engine.reload();
      this.liveEngineStale = false;
    }
    await this.catchUpInBulk();
    if (this.stopRequested || this.distrust) return;
    const subscription = this.options.store.subscribeAll(
      {
        after: this.engine.checkpoint.position,
        maxBatchSize: this.options.maxBatchSize ?? DEFAULT_BATCH_SIZE,
        onConnectionChange: (change) => this.connectionChanged(change),
      },
      (events) => this.applyBatch(events),
    );
    this.subscription = subscription;
    if (this.stateValue.state !== 'retrying') this.setState({ state: 'running' });
    try {
      await subscription.done;
    } finally {
      if (this.subscription === subscription) this.subscription = undefined;
    }
  }

  /** The store logs its own resubscriptions; the runner records them for readModelStatus and /ready. */
  private connectionChanged(change: SubscriptionConnectionChange): void {
    if (change.state === 'live') {
      this.setState({ state: 'running' });
      return;
    }
    const retryAt = new Date(Date.now() + change.retryInMs).toISOString();
    this.setState({ state: 'retrying', attempt: change.attempt, lastError: change.error, retryAt });
  }

  private async pauseBeforeRetry(failure: Error): Promise<void> {
    this.attempt++;
    const delay = retryDelayMs(this.retry, this.attempt);
    const retryAt = new Date(Date.now() + delay).toISOString();
    this.setState({ state: 'retrying', attempt: this.attempt, lastError: failure.message, retryAt });
    this.options.logger.error(
      `projection runner ${this.name} failed (attempt ${this.attempt}), retrying in ${delay} ms: ${failure.message}`,
    );
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakePause = done;
    });
    this.wakePause = undefined;
  }

  private fail(failure: Error): void {
    this.failure = failure;
    this.setState({ state: 'stopped', lastError: failure.message });
    this.options.logger.error(`projection runner ${this.name} stopped: ${failure.message}`);
    // Nobody waiting for read-your-writes should sit out a timeout for a runner that has stopped.
    this.waiters.rejectAll(failure);
  }

  /**
   * A new write at or before the checkpoint that the read model did not apply there: the log
   * went back (or is another), and the read model would skip it. A write the read model
   * applied before its acknowledgement got here is recognised by its event id.
   */
  private acknowledged(position: Position, eventId: string): void {
    const checkpoint = this.engine.checkpoint.position;
    if (this.trusted && checkpoint && comparePositions(position, checkpoint) <= 0) {
      if (this.recent.contradicts(position, eventId)) {
        this.distrustBecause(
          `the log's head went back: a new write was stored at ${formatPosition(position)}, not after the read model's checkpoint ${formatPosition(checkpoint)}`,
        );
        return;
      }
    }
    void this.checkIdentity();
  }

  private async checkIdentity(): Promise<void> {
    if (!this.trusted || !this.identity) return;
    const known = this.identity;
    const now = await this.options.store.identity().catch(() => known);
    if (!sameStore(now, known))
      this.distrustBecause(`the store's identity changed from ${known.kind} ${known.id} to ${now.kind} ${now.id}`);
  }

  /**
   * A reader found the read model's file damaged (SQLITE_CORRUPT, SQLITE_NOTADB): it is set
   * aside and rebuilt from the log while the server runs, as if the runner had found it.
   * Returns whether the error was such damage.
   */
  reportDamage(error: unknown): boolean {
    if (!isCorruption(error)) return false;
    if (this.trusted) {
      this.damaged = true;
      this.options.logger.error(`projection runner ${this.name}: a query found the read model damaged: ${(error as Error).message}`);
      this.distrustBecause(`the read model is damaged (a query failed: ${(error as Error).message})`);
    }
    return true;
  }

  /** Stops trusting the read model: it is rebuilt before it is followed again. */
  private distrustBecause(reason: string): void {
    if (!this.trusted) return;
    this.trusted = false;
    this.identity = undefined;
    this.distrust = reason;
    // The running loop sees the closed subscription (or the bulk catch-up stop), rebuilds, then follows again.
    void this.subscription?.close();
    this.liveBulk?.stop();
  }

  private async storeIdentity(): Promise<StoreIdentity> {
    try {
      this.identity ??= await this.options.store.identity();
    } catch (error) {
      // The store may fail to say who it is for a while (a server still indexing): that passes.
      throw new Error(`cannot learn the store's identity: ${(error as Error).message}`, { cause: error });
    }
    this.engine.storeIdentity = this.identity;
    return this.identity;
  }

  private setState(state: RunnerState): void {
    this.stateValue = state;
  }

  /** Applies the log after the engine's checkpoint to a replacement; returns the changes made that are `news`. */
  private async copyLog(
    engine: ProjectionEngine,
    replacement: Replacement,
    onProgress: ((applied: number) => void) | undefined,
    news: News,
  ): Promise<AppliedChange[]> {
    const batchSize = this.options.maxBatchSize ?? DEFAULT_BATCH_SIZE;
    const changes: AppliedChange[] = [];
    const keep = (change: AppliedChange) => isNews(news, change);
    if (replacement.path !== ':memory:') {
      await this.inBulk(engine, replacement.path, true, news, (progress) => {
        for (const change of progress.changes) changes.push(change);
        onProgress?.(progress.seq);
      });
    }
    for (;;) {
      const batch = await this.options.store.readAll({ after: engine.checkpoint.position, maxCount: batchSize });
      if (batch.length === 0) return changes;
      const applied = await this.applyInOneCommit(engine, batch);
      await this.options.readModel.keepWalShort(replacement);
      for (const change of applied) if (keep(change)) changes.push(change);
      onProgress?.(engine.checkpoint.seq);
      // A rebuild is many batches: the live model keeps answering queries between them.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * At start, a read model far behind the log is caught up by `bulk` before the subscription
   * takes over. Queries meanwhile see each batch the worker commits, and a write waiting for
   * read-your-writes is released by the commit that holds it. Listeners hear of the changes made
   * by what was appended since the catch-up began: what the log held before that is not news.
   */
  private async catchUpInBulk(): Promise<void> {
    const { store, readModel } = this.options;
    if (readModel.inMemory) return;
    const head = await store.headPosition();
    // Following the log, a worker's commits at a time: /ready says "catching up", as for batches applied here.
    if (this.stateValue.state !== 'retrying') this.setState({ state: 'running' });
    const reported = (progress: BulkProgress) => {
      this.recent.remember(progress.applied);
      this.committed(progress.changes);
    };
    await this.inBulk(this.engine, readModel.path, false, { after: head }, reported, (run) => {
      this.liveBulk = run;
    });
    this.liveBulk = undefined;
  }

  /**
   * Runs `bulk` on the file `path` (the one `engine` writes) when the store is a file and the
   * engine is at least the threshold behind; the engine then takes up what the worker committed
   * at every commit. Returns once the worker has stopped, having caught up or been asked to stop.
   */
  private async inBulk(
    engine: ProjectionEngine,
    path: string,
    replacement: boolean,
    notify: News,
    onProgress: (progress: BulkProgress) => void,
    started?: (run: BulkRun) => void,
  ): Promise<void> {
    const { store, bulk } = this.options;
    if (!bulk || this.bulkOutOfMemory || !store.file || !store.eventsAfter || this.stopRequested) return;
    const behind = await store.eventsAfter(engine.checkpoint.position);
    if (behind < (this.options.bulkThreshold ?? BULK_THRESHOLD)) return;
    const job: BulkJob = {
      readModelPath: path,
      storeFile: store.file,
      runnerName: this.name,
      identity: await this.storeIdentity(),
      batchSize: this.options.maxBatchSize ?? DEFAULT_BATCH_SIZE,
      replacement,
      notify,
    };
    const run = bulk(
      job,
      (progress) => {
        engine.reload();
        onProgress(progress);
      },
      this.options.logger,
    );
    started?.(run);
    const target = replacement ? 'a replacement read model' : 'the read model';
    this.options.logger.info(`projection runner ${this.name}: catching ${target} up by ${behind} events in a worker thread (${run.entry})`);
    try {
      await run.done;
      // The worker's last commit may have come after the last report read: take up what the file holds.
      engine.reload();
    } catch (error) {
      if (error instanceof BulkWorkerOutOfMemoryError) {
        // Not the log's fault nor the file's: what the worker committed stays, and the rest is
        // applied here, in time slices, as for a read model fewer events behind.
        this.bulkOutOfMemory = true;
        engine.reload();
        this.options.logger.warn(`projection runner ${this.name}: ${error.message}; catching ${target} up on the main thread from here`);
        return;
      }
      // A replacement's failure is the rebuild's: the live model is neither damaged nor moved by it.
      if (!replacement) {
        if (isCorruption(error)) this.damaged = true;
        // Batches the worker committed before the failure stay applied: following goes on from them.
        this.liveEngineStale = true;
      }
      throw error;
    }
  }

  private async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    // A log's identity may only settle with its first event (EventStoreDB's, until one is stored).
    if (this.engine.checkpoint.position === undefined) {
      this.identity = undefined;
      await this.storeIdentity();
    }
    let changes: AppliedChange[];
    try {
      // A catch-up batch is thousands of events: applied in slices, the server answers meanwhile.
      const engine = this.engine;
      changes = await this.applyInOneCommit(engine, events);
      await this.options.readModel.keepWalShort();
    } catch (error) {
      if (isCorruption(error)) this.damaged = true;
      throw error;
    }
    this.committed(changes);
  }

  /** A batch was committed (here, or by a bulk catch-up's worker): the runner is well again, and says so. */
  private committed(changes: readonly AppliedChange[]): void {
    if (this.attempt > 0) {
      this.options.logger.info(
        `projection runner ${this.name} recovered after ${this.attempt} failed attempt${this.attempt === 1 ? '' : 's'}`,
      );
      this.attempt = 0;
    }
    if (this.stateValue.state !== 'running') this.setState({ state: 'running' });
    this.release();
    this.notify(changes);
  }

  /**
   * Applies a batch in time slices, handing the event loop back between them, and commits it
   * once at the end (a failure rolls the whole batch back). A batch that fits one slice is one
   * transaction anyway.
   */
  private async applyInOneCommit(engine: ProjectionEngine, events: readonly StoredEvent[]): Promise<AppliedChange[]> {
    if (events.length <= this.slicer.nextChunkSize(events.length)) {
      return this.slicer.run(events, (chunk) => this.applyRemembered(engine, chunk));
    }
    engine.openBatch();
    try {
      const changes = await this.slicer.run(events, (chunk) => this.applyRemembered(engine, chunk));
      // Writing the batch's pages to the WAL takes up to tens of milliseconds: not on the back of a slice.
      await this.slicer.handBack();
      engine.commitBatch();
      return changes;
    } catch (error) {
      engine.rollbackBatch();
      throw error;
    }
  }

  /**
   * Applies one slice and remembers its events at once: an acknowledgement can arrive between
   * two slices of a batch, and a write the checkpoint has passed must be known as applied then.
   */
  private applyRemembered(engine: ProjectionEngine, chunk: readonly StoredEvent[]): AppliedChange[] {
    const changes = engine.apply(chunk);
    this.recent.remember(chunk);
    return changes;
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
    return this.trusted && checkpoint !== undefined && comparePositions(checkpoint, position) >= 0;
  }

  private release(): void {
    this.waiters.release((position) => this.reached(position));
  }

  private newEngine(db: ProjectionEngine['db'], identity?: StoreIdentity): ProjectionEngine {
    return new ProjectionEngine(db, this.name, this.options.projections, this.options.registry, this.options.logger, identity);
  }
}
