import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../core/event-store.ts';
import type { Position } from '../../core/position.ts';
import { MAX_SQLITE_POSITION } from './options.ts';

/**
 * A row of `events` as read with safe integers on, in raw (array) mode: catch-up reads
 * are the hot path, and arrays skip building a keyed object per row.
 */
export type EventRow = [
  position: bigint,
  stream: string,
  revision: bigint,
  id: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

export function toStoredEvent(row: EventRow): StoredEvent {
  const [position, stream, revision, id, type, data, metadata, recordedAt] = row;
  return {
    id,
    stream,
    revision: Number(revision),
    position: { commit: position, prepare: position },
    type,
    data: JSON.parse(data) as unknown,
    metadata: JSON.parse(metadata) as Record<string, unknown>,
    recordedAt,
  };
}

/** One synchronous read: up to `count` events strictly after `after`, in log order. */
export type ReadRows = (after: Position | undefined, count: number) => StoredEvent[];

/** As ReadRows, the rows as stored (their JSON not parsed): what crosses to another thread as one copy of its text. */
export type ReadRawRows = (after: Position | undefined, count: number) => EventRow[];

/**
 * Reads the global log from one connection to an embedded store's file: the store's own, or a
 * read-only one a worker thread opens to catch a read model up without the event loop.
 */
export function logRowReader(db: Database.Database): ReadRows {
  const readRaw = rawLogRowReader(db);
  return (from, count) => readRaw(from, count).map(toStoredEvent);
}

export function rawLogRowReader(db: Database.Database): ReadRawRows {
  const fromStart = db.prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position LIMIT ?`).raw();
  const after = db
    .prepare<[bigint, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
    .raw();
  return (from, count) => {
    if (count <= 0) return [];
    if (from === undefined) return fromStart.all(count);
    // A position past SQLite's range (one of EventStoreDB's) has nothing after it here.
    if (from.commit >= MAX_SQLITE_POSITION) return [];
    return after.all(from.commit, count);
  };
}
