import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { IntegrityError } from '../../services/core/errors.ts';
import { serverBuildDir, serverBuildStaleReason } from '../../services/start/server-build.mjs';
import type { StoreIdentity, StoredEvent } from '../../services/core/event-store.ts';
import { comparePositions, type Position } from '../../services/core/position.ts';
import type { Logger } from './engine.ts';
import type { AppliedChange } from './projection.ts';
import { markReaderExited, readAheadSlots } from './read-ahead.ts';

/** Which item changes a copy of the log tells listeners of: none, or those made by events after a position (undefined: all). */
export type News = { readonly after: Position | undefined } | 'none';

export function isNews(news: News, change: AppliedChange): boolean {
  if (news === 'none') return false;
  return news.after === undefined || comparePositions(change.event.position, news.after) > 0;
}

/** One read model file to bring up to the end of an embedded store's log, in a worker thread. */
export interface BulkJob {
  readonly readModelPath: string;
  /** The embedded store's file, opened read-only by the worker. */
  readonly storeFile: string;
  readonly runnerName: string;
  readonly identity: StoreIdentity;
  /** Events per transaction. */
  readonly batchSize: number;
  /** A replacement being built beside the live model: nobody reads it, so its writes need not wait for the disk. */
  readonly replacement: boolean;
  /** Which item changes the worker sends back for listeners. */
  readonly notify: News;
}

/** What the worker committed: the read model now holds `seq` events, ending with `applied`. */
export interface BulkProgress {
  readonly seq: number;
  readonly applied: readonly Pick<StoredEvent, 'id' | 'position'>[];
  readonly changes: readonly AppliedChange[];
}

/** A bulk catch-up under way: `done` settles when the worker thread has exited, with its failure if any. */
export interface BulkRun {
  readonly done: Promise<void>;
  /** The code the worker runs, for the log. */
  readonly entry: string;
  /** Asks the worker to stop after the batch it is applying (committed, and reported). */
  stop(): void;
}

/** Runs a bulk catch-up; the runner takes whatever does this from its options (the server's runs it in a worker thread). */
export type BulkCatchUp = (job: BulkJob, onProgress: (progress: BulkProgress) => void, logger: Logger) => BulkRun;

/**
 * The heap limit of the thread that folds (the reader, which carries every item's state). Its
 * live heap stays small (a register's item states, a few pieces), but V8 lets a heap whose
 * limit is the machine's default grow to about four times its live size between full
 * collections; under a limit below 1 GB it lets it grow less. On a 1M-event catch-up this took
 * the process's peak from 316-325 MB to 271-282 MB, 2% slower.
 */
export const BULK_WORKER_HEAP_MB = 512;

/**
 * The reader's young generation: what it allocates for an event dies young but for its piece's
 * writes and the states it carries. It is the thread that bounds a catch-up: on a 1M-event
 * catch-up, 16 MB took 25.7-27.0 s against 30.9-32.7 s with 8 MB (alternated runs); V8's
 * default young generation took the process past its memory budget (332 MB).
 */
function readerLimits(heapMb: number) {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: READER_YOUNG_MB };
}
const READER_YOUNG_MB = 16;

/**
 * The writer holds a few pieces at a time and keeps nothing across batches: a small heap, and
 * a young generation of 4 MB (2 MB made it collect noticeably more), keep it small and pay for
 * the reader's larger one (peaks of 295-296 MB on a 1M-event catch-up, as with 8 MB each).
 */
function writerLimits(heapMb: number) {
  return { maxOldGenerationSizeMb: Math.min(heapMb, WRITER_HEAP_MB), maxYoungGenerationSizeMb: WRITER_YOUNG_MB };
}
const WRITER_HEAP_MB = 64;
const WRITER_YOUNG_MB = 4;

/** The worker ran out of its heap: the runner catches up on its own thread from there. */
export class BulkWorkerOutOfMemoryError extends Error {
  override readonly name = 'BulkWorkerOutOfMemoryError';
  constructor(readonly heapMb: number) {
    super(`the bulk catch-up worker ran out of its ${heapMb} MB heap`);
  }
}

/** What each of the two threads of a bulk catch-up is given: the job, its part, and its end of the read-ahead between them. */
export interface BulkWorkerData {
  readonly job: BulkJob;
  readonly role: 'writer' | 'reader';
  readonly readAhead: { readonly port: MessagePort; readonly slots: Int32Array };
}

/** A failure in the worker, as it crossed the thread boundary. */
export interface BulkFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly where?: IntegrityError['where'];
}

export type BulkMessage =
  | ({ readonly kind: 'progress' } & BulkProgress)
  | { readonly kind: 'log'; readonly level: keyof Logger; readonly message: string }
  | { readonly kind: 'failed'; readonly failure: BulkFailure };

export function describeFailure(error: unknown): BulkFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, where } = error as { code?: unknown; where?: BulkFailure['where'] };
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(where ? { where } : {}) };
}

/**
 * The error the runner would have seen applying the batch itself, so that it retries, stops or
 * sets a damaged file aside just the same: a stored event failing its schema stays an
 * IntegrityError, and SQLite's code (SQLITE_FULL, SQLITE_CORRUPT...) is kept.
 */
export function failureFromWorker(failure: BulkFailure): Error {
  if (failure.name === 'IntegrityError') return new IntegrityError(failure.message, failure.where);
  const error = new Error(failure.message) as Error & { code?: string };
  error.name = failure.name;
  if (failure.code !== undefined) error.code = failure.code;
  return error;
}

const workerEntry = new URL('./bulk-worker.ts', import.meta.url).href;
/** Defined (true) by the server's build (services/start/build-server.mjs), which compiles the worker's entry beside the server. */
declare const CCAG_BUNDLED: boolean | undefined;
const repositoryDir = fileURLToPath(new URL('../../', import.meta.url));
const compiledWorkerEntry = pathToFileURL(join(serverBuildDir(repositoryDir), 'bulk-worker.mjs'));

/** The worker's code: the compiled entry (dist/bulk-worker.mjs), or the TypeScript through tsx. */
export type BulkWorkerCode = 'compiled' | 'typescript';

/**
 * The compiled entry when this runs in the compiled server, and in a source run (tsx, vitest) of
 * the checkout at `repository` when its build is up to date with the sources, as `npm start`
 * keeps it; else the TypeScript, which costs the worker a loader of its own (some 25 MB, and a
 * second to start).
 */
export function currentBulkWorkerCode(repository = repositoryDir): BulkWorkerCode {
  if (typeof CCAG_BUNDLED !== 'undefined' && CCAG_BUNDLED) return 'compiled';
  return serverBuildStaleReason(repository) === undefined ? 'compiled' : 'typescript';
}

/**
 * A short script registers tsx's loader (a dependency, resolved from here whatever the working
 * directory) in the worker, then imports the entry. Node 20 does not apply loaders given as a
 * worker's --import to its entry module.
 */
function workerScript(): string {
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerEntry)}); });`;
}

/**
 * Catches a read model file up in worker threads that own their own connections to the read
 * model and to the log: reading, folding and committing thousands of events (a commit of one
 * batch alone writes megabytes to the WAL) then never holds the server's event loop, which only
 * hears of each commit. One thread reads and folds the log, the other runs the folds' writes
 * (read-ahead.ts): on two cores the two halves run at once.
 */
export const bulkCatchUpInWorker: BulkCatchUp = (job, onProgress, logger) =>
  bulkCatchUpRunning(currentBulkWorkerCode())(job, onProgress, logger);

/** As bulkCatchUpInWorker, with the workers' code (and heap limit) chosen. */
export const bulkCatchUpRunning =
  (workerCode: BulkWorkerCode, heapMb = BULK_WORKER_HEAP_MB): BulkCatchUp =>
  (job, onProgress, logger) => {
    const compiled = workerCode === 'compiled';
    const slots = readAheadSlots();
    const { port1, port2 } = new MessageChannel();
    const start = (role: BulkWorkerData['role'], port: MessagePort) => {
      const workerData: BulkWorkerData = { job, role, readAhead: { port, slots } };
      const resourceLimits = role === 'reader' ? readerLimits(heapMb) : writerLimits(heapMb);
      const options = { workerData, transferList: [port], resourceLimits };
      return compiled ? new Worker(compiledWorkerEntry, options) : new Worker(workerScript(), { ...options, eval: true });
    };
    const reader = start('reader', port1);
    const writer = start('writer', port2);
    const failures: { reader?: Error; writer?: Error } = {};
    const failed = (role: keyof typeof failures, error: unknown) => {
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') failures[role] ??= new BulkWorkerOutOfMemoryError(heapMb);
      failures[role] ??= error instanceof Error ? error : new Error(String(error));
    };
    const readerExited = new Promise<void>((resolve) => {
      reader.on('error', (error: unknown) => failed('reader', error));
      reader.on('exit', () => {
        markReaderExited(slots);
        resolve();
      });
    });
    const writerExited = new Promise<number>((resolve) => {
      writer.on('message', (message: BulkMessage) => {
        switch (message.kind) {
          case 'progress':
            onProgress(message);
            return;
          case 'log':
            logger[message.level](message.message);
            return;
          case 'failed':
            failed('writer', failureFromWorker(message.failure));
            return;
          default: {
            const unknown: never = message;
            throw new Error(`unknown message from the bulk catch-up worker: ${JSON.stringify(unknown)}`);
          }
        }
      });
      writer.on('error', (error: unknown) => failed('writer', error));
      writer.on('exit', resolve);
    });
    const done = (async () => {
      const code = await writerExited;
      // The writer tells the reader to stop when it ends; a reader still waiting is ended here.
      void reader.terminate();
      await readerExited;
      // When the reader failed first, the writer only saw it stop: the reader's failure is the cause.
      const failure = failures.reader ?? failures.writer;
      if (failure) throw failure;
      if (code !== 0) throw new Error(`the bulk catch-up worker exited with code ${code}`);
    })();
    return {
      done,
      entry: compiled ? 'compiled: dist/bulk-worker.mjs' : 'TypeScript through tsx: projections/runner/bulk-worker.ts',
      stop() {
        writer.postMessage('stop');
      },
    };
  };
