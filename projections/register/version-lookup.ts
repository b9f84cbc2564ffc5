import type Database from 'better-sqlite3';
import type { ItemKind } from '../../services/core/decider.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import type { ItemVersion } from './queries.ts';
import { withChanges } from './stored-version.ts';

/*
 * One item's version as of a point: the lookup behind RegisterQueries.item. It is one
 * statement (the version's own row, found on log_by_item) and, for a version stored as the
 * fields changed since its base, the base's whole state. Bases are shared by every version
 * stored against them and a log row never changes once written, so their parsed states are
 * kept (bounded) and most lookups read one row and parse only the fields changed since.
 */

/** Stored length of the bases kept parsed, per database: a few thousand bases, the whole register at a point or two. */
export const DEFAULT_BASE_STATE_BUDGET = 4_000_000;

/**
 * The columns of the version's own row, in this order: raw rows (no object per row), and what
 * only `lastChange` needs as one JSON array, parsed when it is first read (most callers read
 * the view: a meeting's boundary, a movement's fields), its position formatted by SQLite as
 * formatPosition does rather than read as two bigints. The item id is the one asked for.
 */
const columns = `l.kind, l.version, l.seq, l.base_seq, l.state, l.removed,
  json_array(CASE WHEN l.commit_position = l.prepare_position THEN CAST(l.commit_position AS TEXT)
                  ELSE l.commit_position || '/' || l.prepare_position END,
             l.recorded_at, l.effective_at, l.actor, l.event_type)`;

type Row = [kind: ItemKind, version: number, seq: number, baseSeq: number, state: string, removed: string | null, change: string];

type Change = [position: string, recordedAt: string, effectiveAt: string | null, actor: string | null, eventType: string];

type State = Readonly<Record<string, unknown>>;

/**
 * Parsed whole states by their seq, least recently used first, kept while their stored
 * lengths add up to at most `budget`. Every view made from one is a copy of it sharing its
 * values, so those are frozen through and through; the state itself is never handed out (and
 * is left unfrozen: V8 copies an object with writable fields much faster).
 */
export class BaseStates {
  private readonly states = new Map<number, { readonly state: State; readonly length: number }>();
  private held = 0;

  constructor(readonly budget: number) {}

  get size(): number {
    return this.states.size;
  }

  /** Stored length of the states kept. */
  get length(): number {
    return this.held;
  }

  get(seq: number): State | undefined {
    const entry = this.states.get(seq);
    if (entry === undefined) return undefined;
    // The most recently used goes last.
    this.states.delete(seq);
    this.states.set(seq, entry);
    return entry.state;
  }

  /** Parses a whole state and keeps it if it fits. */
  add(seq: number, stored: string): State {
    const state = JSON.parse(stored) as Record<string, unknown>;
    for (const value of Object.values(state)) deepFreeze(value);
    if (stored.length > this.budget) return state;
    const replaced = this.states.get(seq);
    if (replaced !== undefined) {
      this.states.delete(seq);
      this.held -= replaced.length;
    }
    this.states.set(seq, { state, length: stored.length });
    this.held += stored.length;
    for (const [oldest, entry] of this.states) {
      if (this.held <= this.budget) break;
      this.states.delete(oldest);
      this.held -= entry.length;
    }
    return state;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

/** The statements of one connection. */
class Statements {
  readonly asOf: Database.Statement<[string, number], Row>;
  readonly latest: Database.Statement<[string], Row>;
  readonly baseState: Database.Statement<[number], string>;

  constructor(db: ReadModelDatabase) {
    this.asOf = db.prepare<[string, number], Row>(
      `SELECT ${columns} FROM log l WHERE l.item_id = ? AND l.seq <= ? ORDER BY l.seq DESC LIMIT 1`,
    );
    this.asOf.raw(true);
    // The current version is the latest: one step down the (item_id, seq) key.
    this.latest = db.prepare<[string], Row>(`SELECT ${columns} FROM log l WHERE l.item_id = ? ORDER BY l.seq DESC LIMIT 1`);
    this.latest.raw(true);
    this.baseState = db.prepare<[number], string>(`SELECT state FROM log WHERE seq = ?`);
    this.baseState.pluck(true);
  }
}

/**
 * One read transaction on a read-only connection, begun by the first lookup at a past point
 * and ended at the event loop's next turn. Outside a transaction every statement takes and
 * drops SQLite's WAL read lock (about half a lookup's time); lookups made in one turn (a
 * request's items, a tight loop) share this one. A log row never changes once written, so
 * for any point at or before the snapshot's head it answers exactly as a fresh read would;
 * later points are read on the writer's connection, which also sees its own transaction.
 * Ending it each turn keeps checkpoints of the WAL from waiting on it.
 */
class FrozenSnapshot {
  readonly statements: Statements;
  private readonly begin: Database.Statement<[]>;
  private readonly commit: Database.Statement<[]>;
  private readonly headSeq: Database.Statement<[], number>;
  private head: number | undefined;

  constructor(private readonly reader: ReadModelDatabase) {
    this.statements = new Statements(reader);
    this.begin = reader.prepare('BEGIN');
    this.commit = reader.prepare('COMMIT');
    this.headSeq = reader.prepare<[], number>('SELECT seq FROM log ORDER BY seq DESC LIMIT 1').pluck(true);
  }

  /** Whether the versions as of `seq` can be read from the snapshot (beginning it if need be). */
  covers(seq: number): boolean {
    if (!this.reader.open) return false;
    if (this.head === undefined) {
      try {
        this.begin.run();
        this.head = this.headSeq.get() ?? 0;
      } catch {
        // A snapshot is only a shortcut: without one, the writer's connection answers.
        if (this.reader.inTransaction) this.commit.run();
        return false;
      }
      setImmediate(() => this.end()).unref();
    }
    return seq <= this.head;
  }

  private end(): void {
    this.head = undefined;
    if (this.reader.open && this.reader.inTransaction) this.commit.run();
  }
}

/** The statements and base states of one database. */
class Lookup {
  private readonly own: Statements;
  private readonly frozen: FrozenSnapshot | undefined;
  readonly bases: BaseStates;

  constructor(
    private readonly db: ReadModelDatabase,
    reader: ReadModelDatabase | undefined,
    budget: number,
  ) {
    this.own = new Statements(db);
    this.frozen = reader === undefined ? undefined : new FrozenSnapshot(reader);
    this.bases = new BaseStates(budget);
  }

  item(id: string, seq: number | undefined): ItemVersion | undefined {
    const snapshot = seq !== undefined && this.frozen?.covers(seq) ? this.frozen : undefined;
    const statements = snapshot?.statements ?? this.own;
    const row = seq === undefined ? statements.latest.get(id) : statements.asOf.get(id, seq);
    if (row === undefined) return undefined;
    const ownSeq = row[2];
    const change = row[6];
    let lastChange: ItemVersion['lastChange'] | undefined;
    return {
      id,
      kind: row[0],
      version: row[1],
      view: this.viewOf(ownSeq, row[3], row[4], row[5], snapshot?.statements),
      get lastChange() {
        if (lastChange === undefined) {
          const [position, recordedAt, effectiveAt, actor, eventType] = JSON.parse(change) as Change;
          lastChange = { seq: ownSeq, position, recordedAt, effectiveAt, actor, eventType };
        }
        return lastChange;
      },
    };
  }

  /**
   * As stored-version.ts's viewOf, with the base's parsed state kept: the base with the fields
   * changed since applied. `committed`: the snapshot's statements, whose rows are all committed.
   */
  private viewOf(
    seq: number,
    baseSeq: number,
    state: string,
    removed: string | null,
    committed: Statements | undefined,
  ): Record<string, unknown> {
    const own = JSON.parse(state) as Record<string, unknown>;
    if (baseSeq === seq) return own;
    const base = this.base(baseSeq, committed);
    return base === undefined ? own : withChanges(base, own, removed);
  }

  private base(seq: number, committed: Statements | undefined): State | undefined {
    const kept = this.bases.get(seq);
    if (kept !== undefined) return kept;
    const stored = (committed ?? this.own).baseState.get(seq);
    if (stored === undefined || stored === null) return undefined;
    // Inside the writer's transaction the row may yet be rolled back: used, not kept.
    return committed === undefined && this.db.inTransaction ? (JSON.parse(stored) as State) : this.bases.add(seq, stored);
  }
}

/**
 * Version lookups, each database with statements and base states of its own: a rebuild's
 * swapped-in database starts afresh, and the old one's go with it. `reader`: a read-only
 * connection to the same database (ReadModel.pastReader), for lookups at past points.
 */
export class VersionLookups {
  private readonly byDatabase = new WeakMap<ReadModelDatabase, Lookup>();

  constructor(private readonly budget = DEFAULT_BASE_STATE_BUDGET) {}

  of(db: ReadModelDatabase, reader?: () => ReadModelDatabase | undefined): Lookup {
    let lookup = this.byDatabase.get(db);
    if (lookup === undefined) {
      lookup = new Lookup(db, reader?.(), this.budget);
      this.byDatabase.set(db, lookup);
    }
    return lookup;
  }
}
