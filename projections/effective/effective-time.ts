import type { ItemKind } from '../../services/core/decider.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { formatPosition, positionOf } from '../../services/core/position.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { statement } from '../read-model/statements.ts';
import type { ItemVersion } from '../register/queries.ts';

/**
 * Effective time, beside recorded time (as XTDB keeps valid time beside system time). Every
 * event carries `effectiveAt`: when the change happened in the world (back-filled history sets
 * it in the past; otherwise it is when it was written). The register "as effective on D, as
 * known at S" folds, item by item and in log order, the events among the first S whose
 * effective time is at or before D. Folding in log order keeps each event's meaning (it was
 * decided against the state before it); an event that cannot apply without one effective
 * later (an assessment dated before its risk was raised) waits until that date.
 */
export interface EffectiveCutoff {
  /** The instant, in epoch milliseconds: events effective at or before it count. */
  readonly atOrBefore: number;
  /** As the caller gave it, normalised: `2024-11-01` or an ISO instant. */
  readonly label: string;
}

interface EffectiveRow {
  seq: bigint;
  commit_position: bigint;
  prepare_position: bigint;
  item_id: string;
  kind: string;
  event_type: string;
  recorded_at: string;
  effective_at: string | null;
  actor: string | null;
  data: string;
}

/** Parses `2024-11-01` (the end of that day, UTC) or an ISO-8601 date-time with offset. */
export function parseEffective(text: string): EffectiveCutoff | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (new Date(start).toISOString().slice(0, 10) !== text) return undefined;
    return { atOrBefore: start + 86_400_000 - 1, label: text };
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : { atOrBefore: at, label: new Date(at).toISOString() };
}

const effectiveMs = (row: EffectiveRow) => Date.parse(row.effective_at ?? row.recorded_at);

/** Every item of `kinds` effective at `cutoff` as known after event `knownSeq`. */
export function itemsEffectiveAt(
  db: ReadModelDatabase,
  registry: ItemRegistry,
  kinds: readonly ItemKind[],
  knownSeq: number,
  cutoff: EffectiveCutoff,
): Map<string, ItemVersion> {
  const wanted = new Set(kinds);
  const rows = statement(
    db,
    `SELECT seq, commit_position, prepare_position, item_id, kind, event_type, recorded_at, effective_at, actor, data
       FROM log WHERE seq <= ? AND item_id IS NOT NULL ORDER BY seq`,
    true,
  ).all(knownSeq) as EffectiveRow[];
  const folded = new Map<string, { kind: ItemKind; version: number; view: Record<string, unknown> | null; last: EffectiveRow }>();
  const waiting = new Map<string, EffectiveRow[]>();
  for (const row of rows) {
    if (!wanted.has(row.kind) || effectiveMs(row) > cutoff.atOrBefore) continue;
    const module = registry.moduleOf(row.kind);
    const entry = folded.get(row.item_id) ?? { kind: row.kind, version: 0, view: null, last: row };
    const apply = (r: EffectiveRow): boolean => {
      try {
        entry.view = module.evolveView(entry.view, { type: r.event_type, data: JSON.parse(r.data) as unknown });
        entry.version++;
        entry.last = r;
        return true;
      } catch {
        return false;
      }
    };
    if (!apply(row)) {
      waiting.set(row.item_id, [...(waiting.get(row.item_id) ?? []), row]);
      continue;
    }
    // An event that could not apply before may apply now that an earlier-effective one has.
    const pending = waiting.get(row.item_id);
    if (pending)
      waiting.set(
        row.item_id,
        pending.filter((r) => !apply(r)),
      );
    folded.set(row.item_id, entry);
  }
  const items = new Map<string, ItemVersion>();
  for (const [id, { kind, version, view, last }] of folded) {
    if (!view) continue;
    items.set(id, {
      id,
      kind,
      version,
      view,
      lastChange: {
        seq: Number(last.seq),
        position: formatPosition(positionOf(last.commit_position, last.prepare_position)),
        recordedAt: last.recorded_at,
        effectiveAt: last.effective_at,
        actor: last.actor,
        eventType: last.event_type,
      },
    });
  }
  return items;
}

/** The earliest effective time among the first `knownSeq` events, ISO; undefined for an empty register. */
export function earliestEffective(db: ReadModelDatabase, knownSeq: number): string | undefined {
  const rows = statement(db, `SELECT effective_at, recorded_at FROM log WHERE seq <= ? AND item_id IS NOT NULL`).all(knownSeq) as {
    effective_at: string | null;
    recorded_at: string;
  }[];
  let earliest: number | undefined;
  for (const row of rows) {
    const at = Date.parse(row.effective_at ?? row.recorded_at);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest === undefined ? undefined : new Date(earliest).toISOString();
}
