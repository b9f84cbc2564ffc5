import { ValidationError } from '../../services/core/errors.ts';
import { formatPosition, parsePosition, positionOf } from '../../services/core/position.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { statement } from '../read-model/statements.ts';

/** One event as auditors and exports see it. */
export interface LogEntry {
  readonly seq: number;
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly itemId: string | null;
  readonly kind: string | null;
  readonly type: string;
  readonly correction: boolean;
  readonly recordedAt: string;
  readonly effectiveAt: string | null;
  readonly actor: string | null;
  readonly reason: string | null;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

interface LogRow {
  seq: bigint;
  commit_position: bigint;
  prepare_position: bigint;
  event_id: string;
  stream: string;
  revision: bigint;
  item_id: string | null;
  kind: string | null;
  event_type: string;
  correction: bigint;
  recorded_at: string;
  effective_at: string | null;
  actor: string | null;
  reason: string | null;
  data: string;
  metadata: string;
}

function toEntry(row: LogRow): LogEntry {
  return {
    seq: Number(row.seq),
    position: formatPosition(positionOf(row.commit_position, row.prepare_position)),
    eventId: row.event_id,
    stream: row.stream,
    revision: Number(row.revision),
    itemId: row.item_id,
    kind: row.kind,
    type: row.event_type,
    correction: row.correction === 1n,
    recordedAt: row.recorded_at,
    effectiveAt: row.effective_at,
    actor: row.actor,
    reason: row.reason,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

export class LogQueries {
  constructor(private readonly database: () => ReadModelDatabase) {}

  /**
   * The events of one item, oldest first: every one, or a page of up to `first` strictly after
   * the log position `after` (the last position of the previous page).
   */
  history(itemId: string, page: { after?: string | undefined; first?: number | undefined } = {}): LogEntry[] {
    const afterSeq = page.after === undefined ? 0 : this.seqAtOrBefore(page.after);
    const rows = statement(this.database(), `SELECT * FROM log WHERE item_id = ? AND seq > ? ORDER BY seq LIMIT ?`, true).all(
      itemId,
      afterSeq,
      page.first ?? -1,
    ) as LogRow[];
    return rows.map(toEntry);
  }

  /** The global log, paged by position: up to `first` events strictly after `after`. */
  page(after: string | undefined, first: number): { entries: LogEntry[]; hasMore: boolean } {
    const afterSeq = after === undefined ? 0 : this.seqAtOrBefore(after);
    const rows = statement(this.database(), `SELECT * FROM log WHERE seq > ? ORDER BY seq LIMIT ?`, true).all(
      afterSeq,
      first + 1,
    ) as LogRow[];
    return { entries: rows.slice(0, first).map(toEntry), hasMore: rows.length > first };
  }

  /** The seq of the last event at or before a log position given as `after`. */
  private seqAtOrBefore(after: string): number {
    const position = parsePosition(after);
    if (!position) throw new ValidationError([{ path: ['after'], message: `${after} is not a log position` }]);
    const row = statement(
      this.database(),
      `SELECT seq FROM log WHERE (commit_position, prepare_position) <= (?, ?)
       ORDER BY commit_position DESC, prepare_position DESC LIMIT 1`,
    ).get(position.commit, position.prepare) as { seq: number } | undefined;
    return Number(row?.seq ?? 0);
  }

  /** Events in (fromSeq, toSeq], for movement. */
  between(fromSeq: number, toSeq: number): LogEntry[] {
    const rows = statement(this.database(), `SELECT * FROM log WHERE seq > ? AND seq <= ? ORDER BY seq`, true).all(
      fromSeq,
      toSeq,
    ) as LogRow[];
    return rows.map(toEntry);
  }
}
