import Database from 'better-sqlite3';
import { MERKLE_DDL } from '../../services/transparency/stored-tree.ts';

export type ReadModelDatabase = Database.Database;

/** Bump when the tables or the states they hold change shape: an older read model is then rebuilt from the log. */
export const READ_MODEL_SCHEMA_VERSION = 6;

const ddl = `
CREATE TABLE IF NOT EXISTS read_model_info (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- One row per projection runner: the last event applied, in the same transaction as its effects,
-- with what binds it to its log: the store's identity, the last event's id and the position
-- before it (so the log can be asked whether it still holds that event where it was).
CREATE TABLE IF NOT EXISTS checkpoints (
  name TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  commit_position INTEGER NOT NULL,
  prepare_position INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  previous_commit_position INTEGER,
  previous_prepare_position INTEGER,
  store_kind TEXT NOT NULL,
  store_id TEXT NOT NULL
);
-- The log index: one row per event, numbered densely (seq) in log order. It refers to the
-- event in the store (position, id, stream, revision) and keeps only what queries select or
-- filter on; the event's metadata stays in the store. An event that changes an item also
-- holds the version it made (version, changed_fields, state, base_seq): the item's versions
-- are its rows in log_by_item, and the versions made between two points are one range of the
-- table's own b-tree.
-- A version's state is stored whole every so often (base_seq = seq) and otherwise as the
-- fields changed since that whole state (state: their values; removed: those no longer
-- there), so any version is two row lookups: itself and its base.
CREATE TABLE IF NOT EXISTS log (
  seq INTEGER PRIMARY KEY,
  commit_position INTEGER NOT NULL,
  prepare_position INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  item_id TEXT,
  kind TEXT,
  event_type TEXT NOT NULL,
  correction INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  effective_at TEXT,
  actor TEXT,
  reason TEXT,
  data TEXT NOT NULL,
  version INTEGER,
  base_seq INTEGER,
  changed_fields TEXT,
  removed TEXT,
  state TEXT
);
CREATE INDEX IF NOT EXISTS log_by_item ON log(item_id, seq);
CREATE INDEX IF NOT EXISTS log_by_position ON log(commit_position, prepare_position);
CREATE INDEX IF NOT EXISTS log_by_time ON log(recorded_at);
-- Every item that ever existed, with the seq at which it appeared and the seq of its latest
-- version: the register "now" is a walk of this small table, not of the log.
CREATE TABLE IF NOT EXISTS items (
  item_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  created_seq INTEGER NOT NULL,
  current_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_by_kind ON items(kind, created_seq);
${MERKLE_DDL}
`;

export interface OpenReadModelOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
}

/**
 * Opens (creating if needed) a read model database. The read model can always be rebuilt
 * from the log, so it trades durability for speed (synchronous=NORMAL in WAL): a crash can
 * lose its last transactions, but each batch and its checkpoint go together.
 */
export function openReadModelDatabase(options: OpenReadModelOptions): { db: ReadModelDatabase; fresh: boolean } {
  const db = new Database(options.path);
  if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 16 MB holds the hot index pages of a catch-up (larger caches were measured no faster) and
  // keeps a rebuild, live model and replacement together, within its memory budget; the OS's
  // page cache serves the rest of the file to queries.
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  // Catching up writes a lot; checkpointing the WAL (and syncing) every 32 MB rather than
  // every 4 MB keeps it from waiting on the disk, and the size limit gives the space back.
  db.pragma('wal_autocheckpoint = 8192');
  db.pragma('journal_size_limit = 67108864');
  const existing = tableExists(db, 'read_model_info')
    ? (db.prepare(`SELECT value FROM read_model_info WHERE key = 'schema_version'`).get() as { value: string } | undefined)
    : undefined;
  let fresh = existing === undefined;
  if (existing && Number(existing.value) !== READ_MODEL_SCHEMA_VERSION) {
    // An older layout: start again; the runner rebuilds it from the log.
    dropEverything(db);
    fresh = true;
  }
  db.exec(ddl);
  // Written only when it changes: opening a read model as it is writes nothing to it.
  if (fresh) {
    db.prepare(`INSERT OR REPLACE INTO read_model_info (key, value) VALUES ('schema_version', ?)`).run(String(READ_MODEL_SCHEMA_VERSION));
  }
  return { db, fresh };
}

/**
 * A read-only connection to a read model another connection of this process writes: for reads
 * at points that can no longer change, which may then share one read transaction (see
 * version-lookup.ts). Its page cache is sized as the writer's: lookups' hot pages.
 */
export function openReadModelReader(path: string): ReadModelDatabase {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -16384');
  return db;
}

function dropEverything(db: ReadModelDatabase): void {
  const objects = db
    .prepare(`SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY type DESC`)
    .all() as { type: string; name: string }[];
  for (const { type, name } of objects) db.exec(`DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${name.replaceAll('"', '""')}"`);
}

function tableExists(db: ReadModelDatabase, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}
