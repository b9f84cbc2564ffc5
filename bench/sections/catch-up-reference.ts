import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { now } from '../lib/measure.ts';
import { removeDatabase } from '../lib/tmp.ts';

/*
 * The reference for catch-up: the disk's pace for what the read model holds. Every row of
 * a read model that catch-up built is written again, raw, into a fresh file with the same
 * tables and the same indexes (its own DDL, read from sqlite_master, indexes created before
 * the rows as a live read model has them) and the read model's pragmas, as many rows per
 * transaction as a catch-up commits at once (its batch of events, about three rows each), table by table in the read model's own order. Only the insert transactions
 * are timed: reading the rows back is not part of the pace. What is left between the two is
 * the work catch-up does in JavaScript (reading the log, decoding, folding, shaping rows).
 */

export interface ReferenceRun {
  readonly ms: number;
  readonly rows: number;
  readonly tables: number;
  readonly indexes: number;
  readonly rowsPerTransaction: number;
}

interface SchemaEntry {
  readonly type: 'table' | 'index';
  readonly name: string;
  readonly sql: string | null;
}

function openLikeReadModel(path: string): Database.Database {
  removeDatabase(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 8192');
  return db;
}

/**
 * Writes every row of the read model at `builtPath` again, raw, into `scratchPath` (then removed),
 * committing as many rows at once as the catch-up did for `eventsPerCommit` of its `events`.
 */
export function rawInsertsOfReadModel(
  builtPath: string,
  scratchPath: string,
  commits: { eventsPerCommit: number; events: number },
): ReferenceRun {
  const source = new Database(builtPath, { readonly: true });
  const schema = source
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
    .all() as SchemaEntry[];
  const tables = schema.filter((entry) => entry.type === 'table');
  const indexes = schema.filter((entry) => entry.type === 'index' && entry.sql !== null);
  const allRows = tables.reduce((sum, table) => sum + Number(source.prepare(`SELECT count(*) FROM "${table.name}"`).pluck().get()), 0);
  const rowsPerTransaction = Math.max(1, Math.round((commits.eventsPerCommit * allRows) / Math.max(1, commits.events)));
  const target = openLikeReadModel(scratchPath);
  for (const entry of [...tables, ...indexes]) target.exec(entry.sql!);
  let ms = 0;
  let rows = 0;
  for (const table of tables) {
    const columns = (source.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table.name) as string[]).map((c) => `"${c}"`);
    const insert = target.prepare(`INSERT INTO "${table.name}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const write = target.transaction((batch: unknown[][]) => {
      for (const row of batch) insert.run(row);
    });
    let batch: unknown[][] = [];
    const flush = () => {
      const start = now();
      write(batch);
      ms += now() - start;
      rows += batch.length;
      batch = [];
    };
    for (const row of source
      .prepare(`SELECT ${columns.join(', ')} FROM "${table.name}"`)
      .raw()
      .iterate()) {
      batch.push(row as unknown[]);
      if (batch.length === rowsPerTransaction) flush();
    }
    if (batch.length > 0) flush();
  }
  target.close();
  source.close();
  removeDatabase(scratchPath);
  return { ms, rows, tables: tables.length, indexes: indexes.length, rowsPerTransaction };
}

/** Bytes of an SQLite database on disk: the file and its write-ahead log. */
export function databaseBytes(path: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // No write-ahead log: the database was closed cleanly.
    }
  }
  return bytes;
}
