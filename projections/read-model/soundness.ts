import { existsSync, renameSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Why the file at `path` cannot be used as a read model, or undefined when it can (or does not
 * exist yet). Reads every page once (SQLite's quick_check), so damage anywhere is found at
 * start rather than by the query that happens to touch it.
 */
export function readModelFileProblem(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  // SQLite makes a zero-length file a new database; a read model is never left empty, so
  // something cut it short.
  if (statSync(path).size === 0) return 'the file is empty';
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('quick_check(5)') as { quick_check: string }[];
    const problems = result.map((row) => row.quick_check.replaceAll(/\s+/g, ' ').trim()).filter((text) => text !== 'ok');
    if (problems.length > 0) return `SQLite's check failed: ${problems.join('; ')}`;
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
