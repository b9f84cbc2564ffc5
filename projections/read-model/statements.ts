import type Database from 'better-sqlite3';
import type { ReadModelDatabase } from './database.ts';

const byDatabase = new WeakMap<ReadModelDatabase, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on `db`, prepared once per database. Keyed by the handle,
 * so a rebuild's swapped-in database gets statements of its own. Integers come back as
 * numbers unless `safeIntegers` is set (positions need bigints).
 */
export function statement(db: ReadModelDatabase, sql: string, safeIntegers = false): Database.Statement {
  let cache = byDatabase.get(db);
  if (!cache) {
    cache = new Map();
    byDatabase.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared.safeIntegers(safeIntegers);
}
