import type { ItemKind } from '../../services/core/decider.ts';
import { ValidationError } from '../../services/core/errors.ts';
import { itemKinds } from '../../services/core/decider.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { statement } from '../read-model/statements.ts';
import type { ItemVersion, RegisterQueries, ResolvedPoint } from '../register/queries.ts';
import { changedFields } from '../register/fields.ts';
import { describeChanges, describeNew, describeUnchanged } from './wording.ts';

export type ChangeKind = 'NEW' | 'CHANGED' | 'UNCHANGED' | 'CLOSED' | 'WITHDRAWN' | 'COMPLETED';

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface ItemMovement {
  readonly id: string;
  readonly kind: ItemKind;
  readonly change: ChangeKind;
  /** Fields that moved (corrections excluded), old -> new. */
  readonly fields: readonly FieldChange[];
  /** The pack's wording, one line per change. */
  readonly summary: readonly string[];
  readonly before: ItemVersion | undefined;
  readonly after: ItemVersion;
}

export interface CorrectionEntry {
  readonly id: string;
  readonly kind: ItemKind;
  readonly seq: number;
  readonly eventType: string;
  readonly fields: readonly FieldChange[];
  readonly reason: string | null;
  readonly actor: string | null;
  readonly recordedAt: string;
}

export interface Movement {
  readonly from: ResolvedPoint;
  readonly to: ResolvedPoint;
  readonly items: readonly ItemMovement[];
  /** Data-entry fixes between the two points: listed apart, never counted as movement. */
  readonly corrections: readonly CorrectionEntry[];
}

interface TouchRow {
  seq: number;
  item_id: string;
  kind: string;
  correction: number;
  changed_fields: string;
  state: string;
  event_type: string;
  reason: string | null;
  actor: string | null;
  recorded_at: string;
}

/**
 * What moved between two points. Only items touched between them are diffed (a range scan
 * of the log index joined to their versions), so the cost follows the number of changes,
 * not the length of the log; unchanged items are listed from the register at `to`.
 */
export function computeMovement(
  db: ReadModelDatabase,
  queries: RegisterQueries,
  from: ResolvedPoint,
  to: ResolvedPoint,
  options: { kinds?: readonly ItemKind[]; includeUnchanged?: boolean } = {},
): Movement {
  const kinds = new Set(options.kinds ?? itemKinds);
  if (from.seq > to.seq) {
    throw new ValidationError([{ path: ['from'], message: 'must not be later than `to`' }]);
  }
  const lower = from.seq;
  const upper = to.seq;
  // CROSS JOIN keeps the log's seq range as the outer loop, whatever the planner's statistics say.
  const touches = statement(
    db,
    `SELECT l.seq, l.item_id, v.kind, v.correction, v.changed_fields, v.state, v.event_type,
       COALESCE(json_extract(l.data, '$.reason'), l.reason) AS reason, l.actor, l.recorded_at
     FROM log l CROSS JOIN versions v ON v.item_id = l.item_id AND v.begin_seq = l.seq
     WHERE l.seq > ? AND l.seq <= ? ORDER BY l.seq`,
  ).all(lower, upper) as TouchRow[];

  const touchedBy = new Map<string, { moved: Set<string>; kind: ItemKind }>();
  const corrections: CorrectionEntry[] = [];
  const previousState = new Map<string, Record<string, unknown> | null>();
  for (const row of touches) {
    const kind = row.kind as ItemKind;
    if (!kinds.has(kind)) continue;
    const entry = touchedBy.get(row.item_id) ?? { moved: new Set<string>(), kind };
    touchedBy.set(row.item_id, entry);
    const fields = JSON.parse(row.changed_fields) as string[];
    const state = JSON.parse(row.state) as Record<string, unknown>;
    if (!previousState.has(row.item_id)) {
      previousState.set(row.item_id, queries.item(row.item_id, Number(row.seq) - 1)?.view ?? null);
    }
    const prior = previousState.get(row.item_id) ?? null;
    if (row.correction === 1) {
      corrections.push({
        id: row.item_id,
        kind,
        seq: Number(row.seq),
        eventType: row.event_type,
        fields: fields.map((field) => ({ field, from: prior?.[field] ?? null, to: state[field] ?? null })),
        reason: row.reason,
        actor: row.actor,
        recordedAt: row.recorded_at,
      });
    } else {
      for (const f of fields) entry.moved.add(f);
    }
    previousState.set(row.item_id, state);
  }

  const items: ItemMovement[] = [];
  for (const [id, { moved, kind }] of touchedBy) {
    const before = queries.item(id, from.seq);
    const after = queries.item(id, to.seq);
    if (!after) continue;
    items.push(describeItem(kind, before, after, moved));
  }
  if (options.includeUnchanged ?? true) {
    for (const kind of kinds) {
      for (const item of queries.items(kind, to.seq)) {
        if (touchedBy.has(item.id)) continue;
        items.push({ id: item.id, kind, change: 'UNCHANGED', fields: [], summary: [describeUnchanged()], before: item, after: item });
      }
    }
  }
  items.sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind.localeCompare(b.kind)));
  return { from, to, items, corrections };
}

function describeItem(kind: ItemKind, before: ItemVersion | undefined, after: ItemVersion, moved: Set<string>): ItemMovement {
  if (!before) {
    return { id: after.id, kind, change: 'NEW', fields: [], summary: [describeNew(kind, after.view)], before, after };
  }
  const fields = changedFields(before.view, after.view)
    .filter((f) => moved.has(f))
    .map((field) => ({ field, from: before.view[field] ?? null, to: after.view[field] ?? null }));
  if (fields.length === 0) {
    return { id: after.id, kind, change: 'UNCHANGED', fields, summary: [describeUnchanged()], before, after };
  }
  const names = fields.map((f) => f.field);
  const summary = describeChanges(kind, before.view, after.view, names);
  return { id: after.id, kind, change: classify(kind, after.view, names), fields, summary, before, after };
}

/** Closing moves get their own kind: the item ended up closed, and its closing moved. */
function classify(kind: ItemKind, after: Record<string, unknown>, fields: string[]): ChangeKind {
  const moved = (field: string) => fields.includes(field);
  const status = after['status'];
  switch (kind) {
    case 'changeProposal':
      return status === 'Withdrawn' && (moved('status') || moved('withdrawal')) ? 'WITHDRAWN' : 'CHANGED';
    case 'risk':
      return status === 'Closed' && (moved('status') || moved('closedOn')) ? 'CLOSED' : 'CHANGED';
    case 'action':
      return status === 'Closed' && moved('status') ? 'CLOSED' : 'CHANGED';
    case 'milestone':
      return status === 'Complete' && moved('status') ? 'COMPLETED' : 'CHANGED';
    case 'meeting':
      return 'CHANGED';
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}
