import { existsSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * Why the file at `path` cannot be used as a read model, or undefined when it can (or does not
 * exist yet). Reads every page once (SQLite's quick_check), so damage anywhere is found at
 * start rather than by the query that happens to touch it; `pages: false` leaves that to
 * `pageProblem` and checks only that the file opens as a read model.
 */
export function readModelFileProblem(path: string, { pages = true }: { pages?: boolean } = {}): string | undefined {
  if (!existsSync(path)) return undefined;
  // SQLite makes a zero-length file a new database; a read model is never left empty, so
  // something cut it short.
  if (statSync(path).size === 0) return 'the file is empty';
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    if (pages) {
      const result = db.pragma('quick_check(5)') as { quick_check: string }[];
      const problems = result.map((row) => row.quick_check.replaceAll(/\s+/g, ' ').trim()).filter((text) => text !== 'ok');
      if (problems.length > 0) return `SQLite's check failed: ${problems.join('; ')}`;
    }
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    if (tables.length > 0 && !tables.includes('read_model_info')) {
      return `it is a SQLite database of something else (tables ${tables.slice(0, 5).join(', ')})`;
    }
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return `${(error as Error).message}${code ? ` (${code})` : ''}`;
  } finally {
    db?.close();
  }
}

/** quick_check on a connection of its own, in a worker thread: the event loop stays free while every page is read. */
const PAGE_CHECK = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  const rows = db.pragma('quick_check(5)');
  const problems = rows.map((row) => row.quick_check.replace(/\\s+/g, ' ').trim()).filter((text) => text !== 'ok');
  parentPort.postMessage(problems.length > 0 ? "SQLite's check failed: " + problems.join('; ') : null);
} catch (error) {
  parentPort.postMessage(error.message + (error.code ? ' (' + error.code + ')' : ''));
} finally {
  if (db) db.close();
}
`;

/** A running check of every page of the read model at `path`: what it found, and how to stop it. */
export interface PageCheck {
  /** Why the file cannot be used, or undefined when every page reads well. */
  readonly problem: Promise<string | undefined>;
  stop(): Promise<void>;
}

/** Reads every page of the file at `path` (SQLite's quick_check) in a worker thread. */
export function checkPagesInBackground(path: string): PageCheck {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(PAGE_CHECK, { eval: true, workerData: { path, driver } });
  const problem = new Promise<string | undefined>((resolve) => {
    worker.once('message', (message: string | null) => resolve(message ?? undefined));
    worker.once('error', (error: Error) => resolve(`the check of its pages failed: ${error.message}`));
    // Stopped before it answered: nothing was found.
    worker.once('exit', () => resolve(undefined));
  });
  return {
    problem,
    async stop() {
      await worker.terminate();
    },
  };
}

/**
 * Moves a read model's files out of the way, kept for inspection, and returns the new name
 * of the database file: `read-model.db.corrupt-2026-12-01T21-50-00-000Z`.
 */
export function setAside(path: string, now: Date = new Date()): string {
  const aside = `${path}.corrupt-${now.toISOString().replaceAll(':', '-').replace('.', '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}
