import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Bumped whenever the layout below changes; a newer file is refused rather than misread. */
export const SCHEMA_VERSION = 1;

/**
 * `events` is the log: its INTEGER PRIMARY KEY (the rowid) is the global position, so
 * reading the log in order is a walk of the table's own b-tree. `streams` keeps each
 * stream's last revision so the expected-revision check is one key lookup. STRICT makes
 * SQLite refuse a value of the wrong type instead of storing it.
 */
const CREATE_SCHEMA = `
CREATE TABLE streams (
  stream   TEXT    PRIMARY KEY,
  revision INTEGER NOT NULL CHECK (revision >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
  position    INTEGER PRIMARY KEY,
  stream      TEXT    NOT NULL REFERENCES streams (stream),
  revision    INTEGER NOT NULL CHECK (revision >= 0),
  id          TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
) STRICT;

CREATE TABLE store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

export interface ConnectionSettings {
  readonly synchronous: 'FULL' | 'NORMAL' | 'OFF';
  readonly busyTimeoutMs: number;
}

/** Per-connection settings; they are not stored in the file, so every open sets them. */
export function configureConnection(db: Database.Database, settings: ConnectionSettings): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${settings.synchronous}`);
  db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  db.pragma('foreign_keys = ON');
  db.defaultSafeIntegers(true);
}

/**
 * Creates the tables in a new file, or checks an existing file's layout. The first
 * position is recorded once, when the file is created, so reopening an empty store
 * with other options does not move where its log starts.
 */
export function migrate(db: Database.Database, firstPosition: bigint): void {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(`The event store file has schema version ${version}; this build understands up to ${SCHEMA_VERSION}`);
    }
    if (version === 0) {
      db.exec(CREATE_SCHEMA);
      db.prepare(`INSERT INTO store_meta (key, value) VALUES ('first_position', ?)`).run(firstPosition.toString());
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    // Files made before stores had an identity get theirs at the next open; never replaced.
    db.prepare(`INSERT OR IGNORE INTO store_meta (key, value) VALUES ('store_id', ?)`).run(randomUUID());
  }).immediate();
}

/** The random id written once into the file: a copy of the file is the same log, a new file another. */
export function storedStoreId(db: Database.Database): string {
  const value = db.prepare(`SELECT value FROM store_meta WHERE key = 'store_id'`).pluck().get();
  if (typeof value !== 'string') throw new Error('The event store file has no store id recorded');
  return value;
}

export function storedFirstPosition(db: Database.Database): bigint {
  const value = db.prepare(`SELECT value FROM store_meta WHERE key = 'first_position'`).pluck().get();
  if (typeof value !== 'string') throw new Error('The event store file has no first position recorded');
  return BigInt(value);
}
