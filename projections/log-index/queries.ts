import type { EventStore, StoredEvent } from '../../services/core/event-store.ts';
import { IntegrityError, ValidationError } from '../../services/core/errors.ts';
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
}

const logColumns = `seq, commit_position, prepare_position, event_id, stream, revision, item_id, kind, event_type, correction,
  recorded_at, effective_at, actor, reason, data`;

function toEntry(row: LogRow, event: StoredEvent): LogEntry {
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
    metadata: event.metadata,
  };
}

/**
 * The log as auditors read it: the index says which events and in what order, the store gives
 * each event's metadata (the index keeps references, not copies).
 */
export class LogQueries {
  constructor(
    private readonly database: () => ReadModelDatabase,
    private readonly store: EventStore,
  ) {}

  /**
   * The events of one item, oldest first: every one, or a page of up to `first` strictly after
   * the log position `after` (the last position of the previous page).
   */
  async history(itemId: string, page: { after?: string | undefined; first?: number | undefined } = {}): Promise<LogEntry[]> {
    const afterSeq = page.after === undefined ? 0 : this.seqAtOrBefore(page.after);
    const rows = statement(this.database(), `SELECT ${logColumns} FROM log WHERE item_id = ? AND seq > ? ORDER BY seq LIMIT ?`, true).all(
      itemId,
      afterSeq,
      page.first ?? -1,
    ) as LogRow[];
    return this.entries(rows, await this.fromStreams(rows));
  }

  /** The global log, paged by position: up to `first` events strictly after `after`. */
  async page(after: string | undefined, first: number): Promise<{ entries: LogEntry[]; hasMore: boolean }> {
    const afterSeq = after === undefined ? 0 : this.seqAtOrBefore(after);
    const rows = statement(this.database(), `SELECT ${logColumns} FROM log WHERE seq > ? ORDER BY seq LIMIT ?`, true).all(
      afterSeq,
      first + 1,
    ) as LogRow[];
    const shown = rows.slice(0, first);
    return { entries: this.entries(shown, await this.inOrder(afterSeq, shown)), hasMore: rows.length > first };
  }

  /** When the log's first event was recorded; undefined for an empty log. */
  firstRecordedAt(): string | undefined {
    const row = statement(this.database(), `SELECT recorded_at FROM log WHERE seq = 1`).get() as { recorded_at: string } | undefined;
    return row?.recorded_at;
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

  /** The stored events of consecutive rows starting after `afterSeq`: one read of the global log. */
  private async inOrder(afterSeq: number, rows: readonly LogRow[]): Promise<Map<string, StoredEvent>> {
    if (rows.length === 0) return new Map();
    const before =
      afterSeq === 0
        ? undefined
        : (statement(this.database(), `SELECT commit_position, prepare_position FROM log WHERE seq = ?`, true).get(afterSeq) as
            { commit_position: bigint; prepare_position: bigint } | undefined);
    const events = await this.store.readAll({
      after: before && positionOf(before.commit_position, before.prepare_position),
      maxCount: rows.length,
    });
    const found = new Map(events.map((event) => [event.id, event]));
    // The log and the index agree on the order; a row the read did not return is looked up in its stream.
    const missing = rows.filter((row) => !found.has(row.event_id));
    if (missing.length > 0) for (const [id, event] of await this.fromStreams(missing)) found.set(id, event);
    return found;
  }

  /** The stored events of `rows`, read from their streams (one read per stream, over the revisions the rows span). */
  private async fromStreams(rows: readonly LogRow[]): Promise<Map<string, StoredEvent>> {
    const spans = new Map<string, { from: number; to: number }>();
    for (const row of rows) {
      const revision = Number(row.revision);
      const span = spans.get(row.stream);
      if (!span) spans.set(row.stream, { from: revision, to: revision });
      else spans.set(row.stream, { from: Math.min(span.from, revision), to: Math.max(span.to, revision) });
    }
    const found = new Map<string, StoredEvent>();
    for (const [stream, { from, to }] of spans) {
      for (const event of await this.store.readStream(stream, { fromRevision: from, maxCount: to - from + 1 })) found.set(event.id, event);
    }
    return found;
  }

  private entries(rows: readonly LogRow[], events: ReadonlyMap<string, StoredEvent>): LogEntry[] {
    return rows.map((row) => {
      const event = events.get(row.event_id);
      if (!event) {
        const where = {
          stream: row.stream,
          revision: Number(row.revision),
          position: formatPosition(positionOf(row.commit_position, row.prepare_position)),
        };
        throw new IntegrityError(
          `the log no longer holds event ${row.event_id} (${where.stream}@${where.revision}) that the read model indexed at ${where.position}`,
          where,
        );
      }
      return toEntry(row, event);
    });
  }
}
