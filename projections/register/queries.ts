import type { ItemKind } from '../../services/core/decider.ts';
import { NotFoundError, ValidationError } from '../../services/core/errors.ts';
import { formatPosition, parsePosition, positionOf } from '../../services/core/position.ts';
import { meetingId } from '../../schema/ids.ts';
import { isoDateTime } from '../../schema/metadata.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { statement } from '../read-model/statements.ts';
import { baseJoin, versionState, viewOf, type StoredVersion } from './stored-version.ts';
import { VersionLookups } from './version-lookup.ts';

/** A point in the register's history, as callers name it. Omitted: now. */
export type Point = { meeting: number } | { time: string } | { position: string };

/** A point resolved to the read model's own sequence: the register after event `seq`. */
export interface ResolvedPoint {
  readonly seq: number;
  /** Position of the last event at or before the point; null before the first event. */
  readonly position: string | null;
  readonly recordedAt: string | null;
  readonly meeting?: number;
}

export interface ItemVersion<View = Record<string, unknown>> {
  readonly id: string;
  readonly kind: ItemKind;
  readonly version: number;
  readonly view: View;
  readonly lastChange: {
    readonly seq: number;
    readonly position: string;
    readonly recordedAt: string;
    readonly effectiveAt: string | null;
    readonly actor: string | null;
    readonly eventType: string;
  };
}

/** The log row of an item event with the version it made (`versionColumns` from `versionsFrom`). */
export interface VersionRow extends StoredVersion {
  item_id: string;
  kind: string;
  version: number;
  begin_seq: number;
  commit_position: bigint;
  prepare_position: bigint;
  recorded_at: string;
  effective_at: string | null;
  actor: string | null;
  event_type: string;
}

export const versionColumns = `l.item_id, l.kind, l.version, ${versionState}, l.seq AS begin_seq, l.commit_position,
  l.prepare_position, l.recorded_at, l.effective_at, l.actor, l.event_type`;

/** A version and its base: `FROM ${versionsFrom}` gives `versionColumns`. */
export const versionsFrom = `log l ${baseJoin}`;

/**
 * The item version of a row. With `lazyView` the state is parsed on first use of `view`:
 * callers listing many versions of which they read few views (movement's unchanged items)
 * skip the parsing they do not need.
 */
export function toItemVersion(row: VersionRow, lazyView = false): ItemVersion {
  let view: Record<string, unknown> | undefined = lazyView ? undefined : viewOf(row);
  return {
    id: row.item_id,
    kind: row.kind,
    version: Number(row.version),
    get view() {
      return (view ??= viewOf(row));
    },
    lastChange: {
      seq: Number(row.begin_seq),
      position: formatPosition(positionOf(row.commit_position, row.prepare_position)),
      recordedAt: row.recorded_at,
      effectiveAt: row.effective_at,
      actor: row.actor,
      eventType: row.event_type,
    },
  };
}

/** Read-side queries over current state and versions. Every call uses the current database handle. */
export class RegisterQueries {
  private readonly versions: VersionLookups;

  private readonly pastReader: (() => ReadModelDatabase | undefined) | undefined;

  /**
   * `baseStateBudget`: stored length of the base states kept parsed per database
   * (version-lookup.ts). `pastReader`: a read-only connection to the current database
   * (ReadModel.pastReader), on which lookups at past points share a read transaction.
   */
  constructor(
    private readonly database: () => ReadModelDatabase,
    options: {
      readonly baseStateBudget?: number | undefined;
      readonly pastReader?: () => ReadModelDatabase | undefined;
    } = {},
  ) {
    this.versions = new VersionLookups(options.baseStateBudget);
    this.pastReader = options.pastReader;
  }

  private sql(text: string, safeIntegers = false) {
    return statement(this.database(), text, safeIntegers);
  }

  /** The seq the read model has reached (the register "now"). */
  headSeq(): number {
    const row = this.sql(`SELECT MAX(seq) AS seq FROM log`).get() as { seq: number | null };
    return Number(row.seq ?? 0);
  }

  /** How many items of each kind the register holds now. */
  countsByKind(): Map<string, number> {
    const rows = this.sql(`SELECT kind, COUNT(*) AS n FROM items GROUP BY kind`).all() as { kind: string; n: number }[];
    return new Map(rows.map((row) => [row.kind, row.n]));
  }

  resolve(point: Point | undefined): ResolvedPoint {
    if (!point) return this.pointAt(this.headSeq());
    if ('position' in point) {
      const position = parsePosition(point.position);
      if (!position) {
        throw new ValidationError([{ path: ['position'], message: `${point.position} is not a log position` }]);
      }
      const row = this.sql(
        `SELECT seq FROM log WHERE (commit_position, prepare_position) <= (?, ?)
         ORDER BY commit_position DESC, prepare_position DESC LIMIT 1`,
      ).get(position.commit, position.prepare) as { seq: number } | undefined;
      return this.pointAt(Number(row?.seq ?? 0));
    }
    if ('time' in point) {
      const at = new Date(point.time);
      if (!isoDateTime.safeParse(point.time).success) {
        throw new ValidationError([{ path: ['time'], message: `${point.time} is not an ISO-8601 date-time` }]);
      }
      // The last event recorded at or before the time. Not the latest time at or before it: on an
      // EventStoreDB cluster times come from the leader's clock and can step back after a failover,
      // so the log is not sorted by time. An index-only scan (log_by_time carries seq).
      const row = this.sql(`SELECT MAX(seq) AS seq FROM log WHERE recorded_at <= ?`).get(at.toISOString()) as
        { seq: number | null } | undefined;
      return this.pointAt(Number(row?.seq ?? 0));
    }
    const meeting = this.item(meetingId(point.meeting));
    const boundary = meeting?.view['boundaryPosition'];
    if (!meeting || typeof boundary !== 'string') {
      throw new NotFoundError('Held meeting', `CCAG #${point.meeting}`);
    }
    return { ...this.resolve({ position: boundary }), meeting: point.meeting };
  }

  private pointAt(seq: number): ResolvedPoint {
    if (seq === 0) return { seq: 0, position: null, recordedAt: null };
    const row = this.sql(`SELECT commit_position, prepare_position, recorded_at FROM log WHERE seq = ?`, true).get(seq) as
      { commit_position: bigint; prepare_position: bigint; recorded_at: string } | undefined;
    if (!row) return { seq, position: null, recordedAt: null };
    return { seq, position: formatPosition(positionOf(row.commit_position, row.prepare_position)), recordedAt: row.recorded_at };
  }

  /** One item now (seq omitted) or as of `seq`; undefined when it did not exist then. */
  item(id: string, seq?: number): ItemVersion | undefined {
    return this.versions.of(this.database(), this.pastReader).item(id, seq);
  }

  /** Many items at once (for batched related-item lookups). */
  itemsByIds(ids: readonly string[], seq?: number): Map<string, ItemVersion> {
    const found = new Map<string, ItemVersion>();
    for (const id of new Set(ids)) {
      const item = this.item(id, seq);
      if (item) found.set(id, item);
    }
    return found;
  }

  /**
   * Every item of a kind, now or as of `seq`. As of a past point, each item's version is a
   * point lookup on (item, seq): the cost follows the number of items, not the log.
   */
  items(kind: ItemKind, seq?: number, options: { lazyViews?: boolean } = {}): ItemVersion[] {
    const rows = (
      seq === undefined
        ? this.sql(
            `SELECT ${versionColumns} FROM items i CROSS JOIN log l ON l.seq = i.current_seq ${baseJoin}
                      WHERE i.kind = ? ORDER BY i.item_id`,
            true,
          ).all(kind)
        : this.sql(
            `SELECT ${versionColumns} FROM items i
                      CROSS JOIN log l ON l.seq = (SELECT MAX(seq) FROM log WHERE item_id = i.item_id AND seq <= ?)
                      ${baseJoin}
                      WHERE i.kind = ? AND i.created_seq <= ? ORDER BY i.item_id`,
            true,
          ).all(seq, kind, seq)
    ) as VersionRow[];
    return rows.map((row) => toItemVersion(row, options.lazyViews));
  }
}
